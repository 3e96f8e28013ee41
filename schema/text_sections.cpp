// Line-by-line scans over a body; headings compared without case, a trailing colon or question
// mark ignored.
#include "text_sections.h"

#include <algorithm>
#include <string>

#include "text_util.h"

namespace briefing {
namespace {

constexpr std::size_t kLongestHeading = 60;

std::string heading_key(std::string_view line) {
  std::string key = ascii_lower(trim(line));
  while (!key.empty() && (key.back() == ':' || key.back() == '?' || key.back() == ' '))
    key.pop_back();
  return key;
}

template <std::size_t N>
bool one_of(const std::string& key, const char* const (&headings)[N]) {
  return std::any_of(std::begin(headings), std::end(headings),
                     [&](const char* h) { return key == h; });
}

// Calls `visit(begin, end)` for each line until it returns true; returns that line's start.
template <typename Visit>
std::size_t find_line(std::string_view text, std::size_t from, Visit visit) {
  for (std::size_t at = from; at < text.size();) {
    std::size_t end = std::min(text.find('\n', at), text.size());
    if (visit(at, end)) return at;
    at = end + 1;
  }
  return std::string_view::npos;
}

// A short line with blank lines (or the text's ends) either side and no full stop.
bool heading_like(std::string_view text, std::size_t begin, std::size_t end) {
  std::string_view line = trim(text.substr(begin, end - begin));
  bool alone = (begin < 2 || text.substr(begin - 2, 2) == "\n\n") &&
               (end + 1 >= text.size() || text[end + 1] == '\n');
  return alone && !line.empty() && line.size() <= kLongestHeading && line.back() != '.';
}

}  // namespace

TextSpan references_section(std::string_view text) {
  static const char* const kHeadings[] = {"references", "additional references", "further reading",
                                          "sources",    "reference links",       "more information",
                                          "reference"};
  std::size_t at = find_line(text, 0, [&](std::size_t b, std::size_t e) {
    return one_of(heading_key(text.substr(b, e - b)), kHeadings);
  });
  return at == std::string_view::npos ? TextSpan{} : TextSpan{at, text.size()};
}

TextSpan affected_section(std::string_view text) {
  static const char* const kHeadings[] = {
      "what is vulnerable", "what is affected",  "affected products",   "affected versions",
      "affected systems",   "affected software", "vulnerable products", "products affected",
      "affected product",   "impacted products"};
  std::size_t at = find_line(text, 0, [&](std::size_t b, std::size_t e) {
    return one_of(heading_key(text.substr(b, e - b)), kHeadings);
  });
  if (at == std::string_view::npos) return {};
  std::size_t first = text.find('\n', at);
  if (first == std::string_view::npos) return {at, text.size()};
  std::size_t next = find_line(
      text, first + 1, [&](std::size_t b, std::size_t e) { return heading_like(text, b, e); });
  return {at, next == std::string_view::npos ? text.size() : next};
}

}  // namespace briefing
