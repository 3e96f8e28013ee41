// Dates written out in page text: month names, and full dates such as "8 May 2026",
// "May 8, 2026" or "2026-05-08".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace briefing::page_text {

struct CivilDate {
  int year = 0, month = 0, day = 0;
};

struct DateMatch {
  CivilDate date;
  std::size_t begin = 0, end = 0;
};

// 1..12 for an English month name or its abbreviation ("May", "SEP", "Sept."), 0 otherwise.
int month_from_name(std::string_view word);

// Every full date in a line: "8 May 2026", "May 8, 2026" and "2026-05-08".
std::vector<DateMatch> full_dates_in(std::string_view s);

// "2026-05-08".
std::string format_civil_date(const CivilDate& d);

}  // namespace briefing::page_text
