// Inline Markdown (emphasis, code spans, links, HTML tags, entities) rendered to plain text.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "body_blocks.h"

namespace briefing::markdown {

// Reference labels compare case-insensitively with white space collapsed.
std::string normalise_label(std::string_view label);

// A link's destination as written after `](` or `]:`: up to white space (a title may follow),
// `<...>` unwrapped, backslash escapes and entities undone. Whether it may be followed is the
// schema's decision (validate()), not the reader's.
std::string link_destination(std::string_view s);

struct InlinePiece;

// One line rendered: its plain text, and the same text as spans that keep where links pointed.
struct RenderedLine {
  std::string text;
  SpanLine spans;
};

// Renders one line (or table cell, or heading) of inline Markdown to plain text. `references`
// are the document's reference definitions (normalised label to destination), so that `[label]`
// alone reads as a link.
class InlineRenderer {
 public:
  explicit InlineRenderer(std::map<std::string, std::string> references)
      : references_(std::move(references)) {}

  std::string render(std::string_view s) const { return render_line(s).text; }
  RenderedLine render_line(std::string_view s) const;

 private:
  void scan(std::string_view s, std::vector<InlinePiece>& pieces) const;
  bool link(std::string_view s, std::size_t open, std::string& literal,
            std::vector<InlinePiece>& pieces, std::size_t& next) const;

  std::map<std::string, std::string> references_;
};

}  // namespace briefing::markdown
