// Byte-level text helpers every folder shares: ASCII classes and case, trimming, UTF-8 validity.
// Only ASCII is classified or folded here; anything language-aware goes through the analyser.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace briefing {

constexpr bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}
constexpr bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}
constexpr bool is_ascii_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
constexpr bool is_ascii_lower(char c) {
  return c >= 'a' && c <= 'z';
}
constexpr bool is_ascii_alpha(char c) {
  return is_ascii_upper(c) || is_ascii_lower(c);
}
constexpr bool is_ascii_alnum(char c) {
  return is_ascii_alpha(c) || is_ascii_digit(c);
}
constexpr char to_ascii_lower(char c) {
  return is_ascii_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

// `text` with A-Z lowered; every other byte as it is (UTF-8 stays valid).
std::string ascii_lower(std::string_view text);
std::string ascii_upper(std::string_view text);
// Equal but for the case of A-Z (HTTP header names, URL schemes).
bool ascii_iequals(std::string_view a, std::string_view b);
// `text` without ASCII white space at either end, or at the front only.
std::string_view trim(std::string_view text);
std::string_view trim_left(std::string_view text);
bool all_ascii_digits(std::string_view text);  // true for "", as "every byte is a digit"
// The number the ASCII digits at the front of `digits` spell; 0 when there are none (or too many
// for an int).
int digits_value(std::string_view digits);

// Index of the first byte that is not part of valid UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or npos.
std::size_t invalid_utf8_offset(std::string_view text);
// Length of the valid UTF-8 sequence that starts at text[at], or 0 when none starts there
// (overlong, a surrogate, above U+10FFFF, truncated); utf8_decode also gives its code point.
std::size_t utf8_sequence_length(std::string_view text, std::size_t at);
std::size_t utf8_decode(std::string_view text, std::size_t at, char32_t& code_point);

}  // namespace briefing
