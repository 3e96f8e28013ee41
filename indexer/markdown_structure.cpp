// Grouping the rendered lines of a Markdown body into headings, paragraphs, lists and code.
#include "markdown_structure.h"

#include <utility>

namespace briefing::markdown {

void StructureBuilder::heading(int level, SpanLine spans) {
  end_indented_code();
  paragraph_open_ = list_open_ = false;
  BodyBlock block;
  block.kind = BodyBlockKind::kHeading;
  block.level = level;
  block.lines.push_back(std::move(spans));
  blocks_.push_back(std::move(block));
}

void StructureBuilder::line(SpanLine spans) {
  end_indented_code();
  list_open_ = false;
  if (!paragraph_open_) blocks_.push_back({});
  paragraph_open_ = true;
  blocks_.back().lines.push_back(std::move(spans));
}

void StructureBuilder::item(SpanLine spans, const ListMarker& marker) {
  end_indented_code();
  paragraph_open_ = false;
  if (list_open_ && marker.indent >= list_indent_ + 2 && !blocks_.back().items.empty()) {
    BodyItem& parent = blocks_.back().items.back();
    if (parent.sublist.empty()) parent.sublist_ordered = marker.ordered;
    parent.sublist.push_back({std::move(spans), false, {}});
    return;
  }
  if (!list_open_ || blocks_.back().ordered != marker.ordered) {
    BodyBlock list;
    list.kind = BodyBlockKind::kList;
    list.ordered = marker.ordered;
    list.start = marker.ordered ? marker.number : 1;
    blocks_.push_back(std::move(list));
    list_open_ = true;
    list_indent_ = marker.indent;
  }
  blocks_.back().items.push_back({std::move(spans), false, {}});
}

// Code ends the list it is indented under: the list after it starts at its own first number.
void StructureBuilder::code(std::string text) {
  end_indented_code();
  paragraph_open_ = list_open_ = false;
  BodyBlock block;
  block.kind = BodyBlockKind::kCode;
  block.code = std::move(text);
  blocks_.push_back(std::move(block));
}

void StructureBuilder::indented_code_line(std::string_view line) {
  for (std::size_t column = 0;
       column < 4 && !line.empty() && (line[0] == ' ' || line[0] == '\t');) {
    column += line[0] == '\t' ? 4 : 1;
    line.remove_prefix(1);
  }
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  if (!indented_code_.empty()) indented_code_ += '\n';
  indented_code_ += line;
}

void StructureBuilder::end_paragraph() {
  end_indented_code();
  paragraph_open_ = false;
}

void StructureBuilder::end_indented_code() {
  if (indented_code_.empty()) return;
  std::string text = std::move(indented_code_);
  indented_code_.clear();
  code(std::move(text));
}

}  // namespace briefing::markdown
