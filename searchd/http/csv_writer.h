// Briefings as CSV rows (RFC 4180): CRLF line ends, a header row, cells quoted when they hold a
// quote, comma, CR or LF (quotes doubled). A cell a spreadsheet would run as a formula (its first
// character one of = + - @ TAB CR) is neutralised by a leading single quote, as OWASP advises.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "briefing.h"

namespace briefing {

// One cell, neutralised and quoted as needed.
std::string csv_cell(std::string_view text);
// The cells, comma-separated, ending in CRLF, appended to `out`.
void append_csv_row(std::string& out, const std::vector<std::string>& cells);

// The export's columns: id, published, title, series, category, status, actors, vendors,
// regions, summary, url; several values in a cell are joined with "; ".
const std::vector<std::string>& csv_columns();
std::vector<std::string> csv_cells(const Briefing& b);

}  // namespace briefing
