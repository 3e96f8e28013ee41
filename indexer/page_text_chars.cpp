// Lines of page text made plain: the layout characters browsers copy along with the text.
#include "page_text_chars.h"

#include <charconv>
#include <cstddef>
#include <utility>

namespace briefing::page_text {
namespace {

// Browsers copy layout characters along with the text. Returns how many bytes at `i` form one, and
// whether it stands for a space (no-break and fixed-width spaces) or for nothing (zero-width
// characters and the byte-order mark sit inside or before words, so they must not split them).
std::pair<std::size_t, bool> odd_space_at(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  if (i + 1 < s.size() && byte(0) == 0xC2 && byte(1) == 0xA0) return {2, true};
  if (i + 2 >= s.size()) return {0, false};
  if (byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF) return {3, false};  // BOM
  if (byte(0) == 0xE3 && byte(1) == 0x80 && byte(2) == 0x80) return {3, true};   // ideographic
  if (byte(0) != 0xE2) return {0, false};
  if (byte(1) == 0x80 && byte(2) >= 0x80 && byte(2) <= 0x8A) return {3, true};  // en quad..hair
  if (byte(1) == 0x80 && byte(2) == 0xAF) return {3, true};                     // narrow no-break
  if (byte(1) == 0x81 && byte(2) == 0x9F) return {3, true};                     // math space
  if (byte(1) == 0x80 && byte(2) == 0x8B) return {3, false};                    // zero width
  if (byte(1) == 0x81 && byte(2) == 0xA0) return {3, false};                    // word joiner
  return {0, false};
}

}  // namespace

std::string normalise_line(std::string_view raw) {
  std::string out;
  bool pending_space = false;
  for (std::size_t i = 0; i < raw.size();) {
    auto [odd_length, odd_is_space] = odd_space_at(raw, i);
    if (odd_length > 0 && !odd_is_space) {
      i += odd_length;
      continue;
    }
    if (odd_length > 0 || is_ascii_space(raw[i])) {
      pending_space = !out.empty();
      i += odd_length > 0 ? odd_length : 1;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += raw[i++];
  }
  return out;
}

}  // namespace briefing::page_text
