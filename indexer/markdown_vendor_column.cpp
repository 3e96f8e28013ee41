// Pipe tables read just far enough to find one column: a header row, a delimiter row of dashes,
// then rows until a line that is not a row.
#include "markdown_vendor_column.h"

#include <algorithm>

#include "text_util.h"

namespace briefing::markdown {
namespace {

constexpr std::size_t kLongestVendor = 80;  // a cell longer than this is prose, not a name

bool table_row(std::string_view line) {
  line = trim(line);
  return line.size() >= 2 && line.front() == '|';
}

// The cells of a row, trimmed ("| a | b |" -> "a", "b").
std::vector<std::string_view> cells(std::string_view line) {
  line = trim(line);
  if (line.starts_with('|')) line.remove_prefix(1);
  if (line.ends_with('|')) line.remove_suffix(1);
  std::vector<std::string_view> out;
  for (std::size_t at = 0; at <= line.size();) {
    std::size_t bar = std::min(line.find('|', at), line.size());
    out.push_back(trim(line.substr(at, bar - at)));
    at = bar + 1;
  }
  return out;
}

bool delimiter_row(std::string_view line) {
  auto row = cells(line);
  return !row.empty() && std::all_of(row.begin(), row.end(), [](std::string_view c) {
    return !c.empty() && c.find_first_not_of(":- ") == std::string_view::npos;
  });
}

bool vendor_header(std::string_view cell) {
  static const char* const kHeaders[] = {"vendor",          "vendors",          "vendor name",
                                         "affected vendor", "affected vendors", "vendor/project"};
  std::string lower = ascii_lower(cell);
  lower.erase(std::remove(lower.begin(), lower.end(), '*'), lower.end());  // "**Vendor**"
  return std::any_of(std::begin(kHeaders), std::end(kHeaders),
                     [&](const char* h) { return lower == h; });
}

// A cell's text: "[Bosch](https://...)" -> "Bosch", emphasis and code marks dropped.
std::string cell_text(std::string_view cell) {
  std::string out;
  for (std::size_t i = 0; i < cell.size(); ++i) {
    char c = cell[i];
    if (c == ']' && i + 1 < cell.size() && cell[i + 1] == '(') {
      std::size_t close = cell.find(')', i);
      i = close == std::string_view::npos ? cell.size() : close;
      continue;
    }
    if (c != '[' && c != '*' && c != '`' && c != '_') out += c;
  }
  return std::string(trim(out));
}

bool placeholder(const std::string& text) {
  static const char* const kPlaceholders[] = {
      "n/a", "na", "-", "multiple", "various", "other", "others", "all", "none", "tbc", "tbd"};
  std::string lower = ascii_lower(text);
  return std::any_of(std::begin(kPlaceholders), std::end(kPlaceholders),
                     [&](const char* p) { return lower == p; });
}

void add_cell(std::string text, std::vector<std::string>& out) {
  if (text.empty() || text.size() > kLongestVendor || placeholder(text)) return;
  if (!std::any_of(text.begin(), text.end(), [](char c) { return is_ascii_alpha(c); })) return;
  if (std::find(out.begin(), out.end(), text) == out.end()) out.push_back(std::move(text));
}

}  // namespace

std::vector<std::string> vendor_column_cells(const std::vector<std::string_view>& lines) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    if (!table_row(lines[i]) || !delimiter_row(lines[i + 1])) continue;
    auto header = cells(lines[i]);
    auto column = std::find_if(header.begin(), header.end(), vendor_header);
    if (column == header.end()) continue;
    const auto index = static_cast<std::size_t>(column - header.begin());
    for (i += 2; i < lines.size() && table_row(lines[i]); ++i)
      if (auto row = cells(lines[i]); index < row.size()) add_cell(cell_text(row[index]), out);
  }
  return out;
}

}  // namespace briefing::markdown
