// Markdown line shapes, tested one line at a time (CommonMark's block rules, as far as advisories
// use them).
#include "markdown_block_lines.h"

#include <algorithm>

#include "markdown_inline.h"
#include "markdown_text.h"

namespace briefing::markdown {

std::optional<ReferenceDefinition> reference_definition(std::string_view line) {
  if (indent_of(line) > 3) return std::nullopt;
  line = trim_left(line);
  if (!line.starts_with('[') || line.starts_with("[^")) return std::nullopt;
  std::size_t close = line.find("]:");
  if (close == std::string_view::npos || close < 2) return std::nullopt;
  if (trim(line.substr(close + 2)).empty()) return std::nullopt;
  return ReferenceDefinition{normalise_label(line.substr(1, close - 1)),
                             link_destination(line.substr(close + 2))};
}

std::string_view fence_of(std::string_view line) {
  line = trim_left(line);
  if (line.empty() || (line.front() != '`' && line.front() != '~')) return {};
  std::size_t n = 0;
  while (n < line.size() && line[n] == line.front()) ++n;
  if (n < 3) return {};
  if (line.front() == '`' && line.substr(n).find('`') != std::string_view::npos) return {};
  return line.substr(0, n);
}

bool is_thematic_break(std::string_view stripped) {
  if (stripped.empty() || (stripped[0] != '-' && stripped[0] != '*' && stripped[0] != '_'))
    return false;
  std::size_t n = 0;
  for (char c : stripped) {
    if (c == stripped[0])
      ++n;
    else if (!is_ascii_space(c))
      return false;
  }
  return n >= 3;
}

bool is_table_delimiter(std::string_view stripped) {
  if (stripped.find('|') == std::string_view::npos || stripped.find('-') == std::string_view::npos)
    return false;
  return std::all_of(stripped.begin(), stripped.end(),
                     [](char c) { return c == '|' || c == '-' || c == ':' || is_ascii_space(c); });
}

std::size_t list_marker(std::string_view stripped) {
  std::size_t n = 0;
  if (!stripped.empty() && (stripped[0] == '-' || stripped[0] == '*' || stripped[0] == '+')) {
    n = 1;
  } else {
    while (n < stripped.size() && n < 9 && is_ascii_digit(stripped[n])) ++n;
    if (n == 0 || n == stripped.size() || (stripped[n] != '.' && stripped[n] != ')')) return 0;
    ++n;
  }
  if (n == stripped.size()) return n;
  return is_ascii_space(stripped[n]) ? n + 1 : 0;
}

std::optional<std::string_view> atx_heading_text(std::string_view stripped) {
  std::size_t level = 0;
  while (level < stripped.size() && stripped[level] == '#') ++level;
  if (level == 0 || level > 6 || (level < stripped.size() && !is_ascii_space(stripped[level])))
    return std::nullopt;
  std::string_view rest = trim(stripped.substr(level));
  std::size_t end = rest.find_last_not_of('#');
  if (end == std::string_view::npos) return std::string_view{};
  if (end + 1 < rest.size() && is_ascii_space(rest[end])) rest = trim(rest.substr(0, end + 1));
  return rest;
}

bool is_setext_underline(std::string_view stripped) {
  auto only = [&](char c) {
    return std::all_of(stripped.begin(), stripped.end(), [c](char x) { return x == c; });
  };
  return only('=') || (stripped.size() >= 2 && only('-'));
}

std::map<std::string, std::string> reference_labels(const std::vector<std::string_view>& lines,
                                                    std::size_t from) {
  std::map<std::string, std::string> labels;
  std::string fence;
  for (std::size_t i = from; i < lines.size(); ++i) {
    std::string_view f = fence_of(lines[i]);
    if (!fence.empty()) {
      if (!f.empty() && f.front() == fence.front() && f.size() >= fence.size()) fence.clear();
    } else if (!f.empty()) {
      fence = std::string(f);
    } else if (auto definition = reference_definition(lines[i])) {
      labels.emplace(std::move(definition->label), std::move(definition->destination));
    }
  }
  return labels;
}

}  // namespace briefing::markdown
