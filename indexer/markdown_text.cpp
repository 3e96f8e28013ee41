// Characters and lines for the Markdown reader: trimming, case, digits, line ends.
#include "markdown_text.h"

#include <algorithm>
#include <charconv>
#include <utility>

namespace briefing::markdown {

std::string collapse_spaces(std::string_view s) {
  std::string out;
  bool pending = false;
  for (char c : s) {
    if (is_ascii_space(c)) {
      pending = !out.empty();
      continue;
    }
    if (pending) out += ' ';
    pending = false;
    out += c;
  }
  return out;
}

SpanLine collapse_spaces(const SpanLine& spans) {
  SpanLine out;
  bool pending = false, any = false;
  for (const BodySpan& span : spans) {
    BodySpan collapsed{{}, span.href};
    for (char c : span.text) {
      if (is_ascii_space(c)) {
        pending = any;
        continue;
      }
      // A space at a link's edge goes outside it.
      bool to_previous = collapsed.text.empty() && !out.empty() && !collapsed.href.empty() &&
                         out.back().href.empty();
      if (pending) (to_previous ? out.back().text : collapsed.text) += ' ';
      pending = false;
      any = true;
      collapsed.text += c;
    }
    if (collapsed.text.empty()) continue;
    if (!out.empty() && out.back().href == collapsed.href)
      out.back().text += collapsed.text;
    else
      out.push_back(std::move(collapsed));
  }
  return out;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    std::size_t end = text.find_first_of("\r\n");
    lines.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    std::size_t next = end + (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n');
    text.remove_prefix(next + 1);
  }
  return lines;
}

std::size_t indent_of(std::string_view line) {
  std::size_t width = 0;
  for (char c : line) {
    if (c == ' ')
      ++width;
    else if (c == '\t')
      width += 4;
    else
      break;
  }
  return width;
}

}  // namespace briefing::markdown
