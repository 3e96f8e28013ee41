// Byte-level text helpers (text_util.h).
#include "text_util.h"

namespace briefing {

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (is_ascii_upper(c)) c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view trim_left(std::string_view text) {
  while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
  return text;
}

std::string_view trim(std::string_view text) {
  text = trim_left(text);
  while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
  return text;
}

bool all_ascii_digits(std::string_view text) {
  for (char c : text)
    if (!is_ascii_digit(c)) return false;
  return true;
}

std::size_t utf8_sequence_length(std::string_view text, std::size_t at) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char c = s[at];
  if (c < 0x80) return 1;
  std::size_t length;
  unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (at + length > text.size() || s[at + 1] < lo || s[at + 1] > hi) return 0;
  for (std::size_t k = 2; k < length; ++k)
    if (s[at + k] < 0x80 || s[at + k] > 0xBF) return 0;
  return length;
}

std::size_t invalid_utf8_offset(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

}  // namespace briefing
