// Characters and lines as the parts of the Markdown reader see them (ASCII classes, trimming,
// line splitting, indentation).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <vector>

#include "body_blocks.h"
#include "text_util.h"

namespace briefing::markdown {

inline bool is_punct(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

// Runs of white space become one space; the ends are trimmed. Tables pad their cells, and
// removed markup leaves gaps.
std::string collapse_spaces(std::string_view s);
// The same over spans: their text joined is collapse_spaces of their text joined; a space between
// two spans goes to the one that links nowhere, and spans left empty go.
SpanLine collapse_spaces(const SpanLine& spans);

// Lines without their ends ("\n", "\r\n" or "\r"), after a byte-order mark.
std::vector<std::string_view> split_lines(std::string_view text);

// Leading spaces (a tab counts as four): Markdown's block rules allow at most three.
std::size_t indent_of(std::string_view line);

}  // namespace briefing::markdown
