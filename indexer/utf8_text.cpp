// Printable forms of names that may not be UTF-8 (utf8_text.h).
#include "utf8_text.h"

#include <cstdio>

#include "text_util.h"

namespace briefing {

std::string printable(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = utf8_sequence_length(text, i);
    if (len == 0 || s[i] < 0x20 || s[i] == 0x7F || s[i] == '\\') {
      char escaped[5];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", s[i]);
      out += escaped;
      ++i;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
  return out;
}

}  // namespace briefing
