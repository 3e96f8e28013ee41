// Characters of a page copied out of a browser: ASCII classes, the separators the site uses, and
// a line made plain (odd spaces, runs of spaces).
#pragma once

#include <string>
#include <string_view>

namespace briefing::page_text {

constexpr std::string_view kMiddleDot = "\xC2\xB7";  // "·" in `Short term · 0.65`, `CSIS· 8 May`
constexpr std::string_view kBullet = "\xE2\x80\xA2";  // "•" in front of an outlook kind

inline bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}
inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
inline bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
inline bool is_alnum(char c) {
  return is_digit(c) || is_upper(c) || is_lower(c);
}

std::string lower(std::string_view s);
std::string_view trim(std::string_view s);
bool all_digits(std::string_view s);
int to_int(std::string_view digits);

// One line as the reader sees it: odd spaces made plain, runs of spaces collapsed, ends trimmed
// (outlook items come indented, some lines carry trailing spaces).
std::string normalise_line(std::string_view raw);

}  // namespace briefing::page_text
