// Characters and lines as the parts of the Markdown reader see them (ASCII classes, trimming,
// line splitting, indentation).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <vector>
#include "text_util.h"

namespace briefing::markdown {

// The shared text helpers (text_util.h), by this namespace's name too.
using briefing::all_ascii_digits;
using briefing::ascii_lower;
using briefing::is_ascii_alnum;
using briefing::is_ascii_alpha;
using briefing::is_ascii_digit;
using briefing::is_ascii_lower;
using briefing::is_ascii_space;
using briefing::is_ascii_upper;
using briefing::trim;
using briefing::trim_left;

inline bool is_punct(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

int to_int(std::string_view digits);

// Runs of white space become one space; the ends are trimmed. Tables pad their cells, and
// removed markup leaves gaps.
std::string collapse_spaces(std::string_view s);

// Lines without their ends ("\n", "\r\n" or "\r"), after a byte-order mark.
std::vector<std::string_view> split_lines(std::string_view text);

// Leading spaces (a tab counts as four): Markdown's block rules allow at most three.
std::size_t indent_of(std::string_view line);

}  // namespace briefing::markdown
