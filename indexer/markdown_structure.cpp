// Grouping the rendered lines of a Markdown body into headings, paragraphs, lists and code.
#include "markdown_structure.h"

#include <utility>

namespace briefing::markdown {

void StructureBuilder::heading(int level, SpanLine spans) {
  paragraph_open_ = list_open_ = false;
  BodyBlock block;
  block.kind = BodyBlockKind::kHeading;
  block.level = level;
  block.lines.push_back(std::move(spans));
  blocks_.push_back(std::move(block));
}

void StructureBuilder::line(SpanLine spans) {
  list_open_ = false;
  if (!paragraph_open_) blocks_.push_back({});
  paragraph_open_ = true;
  blocks_.back().lines.push_back(std::move(spans));
}

void StructureBuilder::item(SpanLine spans, const ListMarker& marker) {
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
  paragraph_open_ = list_open_ = false;
  BodyBlock block;
  block.kind = BodyBlockKind::kCode;
  block.code = std::move(text);
  blocks_.push_back(std::move(block));
}

}  // namespace briefing::markdown
