// Query-string decoding.
#include "query_string.h"

#include "http_types.h"

namespace briefing::http {

bool url_decode(std::string_view in, std::string& out, bool plus_is_space) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '+' && plus_is_space) {
      out += ' ';
    } else if (c == '%') {
      auto hex = [](char h) -> int {
        if (h >= '0' && h <= '9') return h - '0';
        if (h >= 'a' && h <= 'f') return h - 'a' + 10;
        if (h >= 'A' && h <= 'F') return h - 'A' + 10;
        return -1;
      };
      if (i + 2 >= in.size()) return false;
      int hi = hex(in[i + 1]), lo = hex(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += c;
    }
  }
  return true;
}

std::vector<std::pair<std::string, std::string>> parse_query_string(std::string_view q) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t start = 0;
  while (start <= q.size()) {
    std::size_t end = q.find('&', start);
    if (end == std::string_view::npos) end = q.size();
    std::string_view pair = q.substr(start, end - start);
    if (!pair.empty()) {
      std::size_t eq = pair.find('=');
      std::string key, value;
      if (!url_decode(pair.substr(0, eq), key) ||
          !url_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1),
                      value))
        throw HttpError(400, "Bad request", "malformed percent-encoding in the query string");
      out.emplace_back(std::move(key), std::move(value));
    }
    start = end + 1;
  }
  return out;
}

}  // namespace briefing::http
