// CSV cells and rows (csv_writer.h).
#include "csv_writer.h"

#include "timestamp.h"

namespace briefing {
namespace {

bool starts_formula(std::string_view text) {
  if (text.empty()) return false;
  switch (text.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return true;
    default:
      return false;
  }
}

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) {
    if (!out.empty()) out += "; ";
    out += v;
  }
  return out;
}

}  // namespace

std::string csv_cell(std::string_view text) {
  std::string cell;
  if (starts_formula(text)) cell += '\'';
  cell.append(text);
  if (cell.find_first_of("\",\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

void append_csv_row(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_cell(cells[i]);
  }
  out += "\r\n";
}

const std::vector<std::string>& csv_columns() {
  static const std::vector<std::string> columns = {"id",       "published", "title",  "series",
                                                   "category", "status",    "actors", "vendors",
                                                   "regions",  "summary",   "url"};
  return columns;
}

std::vector<std::string> csv_cells(const Briefing& b) {
  return {b.id,
          b.published_has_time ? format_timestamp(b.published) : format_date(b.published),
          b.title,
          b.series,
          b.category,
          b.status,
          joined(b.actors),
          joined(b.vendors),
          joined(b.regions),
          b.summary,
          b.url};
}

}  // namespace briefing
