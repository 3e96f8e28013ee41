// A Markdown body's structure (body_blocks), built beside its plain text by the same reading: the
// block reader says what each rendered line is, this groups the lines into blocks.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "body_blocks.h"

namespace briefing::markdown {

struct ListMarker {
  bool ordered = false;
  int number = 1;          // an ordered item's
  std::size_t indent = 0;  // of the marker: a deeper one than its list's starts the list inside
};

class StructureBuilder {
 public:
  void heading(int level, SpanLine spans);
  // A line of a paragraph (text, or a table row): it ends the list above.
  void line(SpanLine spans);
  // Items join the list above unless a blank line and text came between; a deeper item goes to
  // the list inside the last item (one level: deeper ones join that list too).
  void item(SpanLine spans, const ListMarker& marker);
  void code(std::string text);
  // A line of an indented code block (four spaces in, after a blank line, outside a list), which
  // the plain text reads as a paragraph; the block ends with the paragraph.
  void indented_code_line(std::string_view line);
  // A blank line: the paragraph ends; a list waits for its next item.
  void end_paragraph();
  bool in_list() const { return list_open_; }

  std::vector<BodyBlock> finish() {
    end_paragraph();
    return std::move(blocks_);
  }

 private:
  void end_indented_code();

  std::string indented_code_;
  std::vector<BodyBlock> blocks_;
  bool paragraph_open_ = false;
  bool list_open_ = false;
  std::size_t list_indent_ = 0;
};

}  // namespace briefing::markdown
