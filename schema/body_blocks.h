// The body's structure for display: headings, paragraphs, lists and code blocks made of spans of
// text that may link somewhere. The plain `Briefing::body` stays what is indexed and searched.
#pragma once

#include <string>
#include <vector>

namespace briefing {

// Text, and where it links to: an absolute http or https URL (validate() drops any other target
// and keeps the text), empty when it links nowhere.
struct BodySpan {
  std::string text;
  std::string href;
  bool operator==(const BodySpan&) const = default;
};

using SpanLine = std::vector<BodySpan>;

// One list item; its own list is one level deep at most (deeper items are read into it).
struct BodyItem {
  SpanLine spans;
  bool sublist_ordered = false;
  std::vector<BodyItem> sublist;
  bool operator==(const BodyItem&) const = default;
};

enum class BodyBlockKind { kHeading, kParagraph, kList, kCode };

struct BodyBlock {
  BodyBlockKind kind = BodyBlockKind::kParagraph;
  int level = 0;  // a heading's, 1..6
  std::vector<SpanLine>
      lines;             // a heading has one; a paragraph's lines break where the source's did
  bool ordered = false;  // a list's
  int start = 1;         // an ordered list's first number
  std::vector<BodyItem> items;  // a list's
  std::string code;             // a code block's text, as written
  bool operator==(const BodyBlock&) const = default;
};

}  // namespace briefing
