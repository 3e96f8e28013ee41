// HTML escaping, shared by the snippet builder and the HTTP layer (no Xapian here).
#pragma once

#include <string>
#include <string_view>

namespace briefing {

// "&<>\"'" escaped for HTML text and attribute values.
inline std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace briefing
