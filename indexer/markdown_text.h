// Characters and lines as the parts of the Markdown reader see them (ASCII classes, trimming,
// line splitting, indentation).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace briefing::markdown {

inline bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}
inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_alpha(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
inline bool is_alnum(char c) {
  return is_alpha(c) || is_digit(c);
}
inline bool is_punct(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

std::string lower(std::string_view s);
std::string_view trim(std::string_view s);
std::string_view trim_left(std::string_view s);
bool all_digits(std::string_view s);
int to_int(std::string_view digits);

// Runs of white space become one space; the ends are trimmed. Tables pad their cells, and
// removed markup leaves gaps.
std::string collapse_spaces(std::string_view s);

// Lines without their ends ("\n", "\r\n" or "\r"), after a byte-order mark.
std::vector<std::string_view> split_lines(std::string_view text);

// Leading spaces (a tab counts as four): Markdown's block rules allow at most three.
std::size_t indent_of(std::string_view line);

}  // namespace briefing::markdown
