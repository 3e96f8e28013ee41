// The index's date encodings: the day, month and year filter terms every briefing carries
// ("D20260529", "M202605", "Y2026") and the month value the date histogram counts ("2026-05").
// Dates are UTC days. The indexer writes them and searchd reads them through here only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace briefing {

struct IndexDate {
  int year = 1970;
  unsigned month = 1, day = 1;
  bool operator==(const IndexDate&) const = default;
};

// The UTC day of a time in seconds since the epoch (times before 1970 fall on their own day).
IndexDate index_date(std::int64_t seconds);

std::string day_term(const IndexDate& d);     // layout::kDay + YYYYMMDD
std::string month_term(const IndexDate& d);   // layout::kMonth + YYYYMM
std::string year_term(const IndexDate& d);    // layout::kYear + YYYY
std::string month_value(const IndexDate& d);  // "YYYY-MM", the slot layout::kMonthValue

// The date a day, month or year term names (a month's first day, a year's first month), or
// nullopt for anything else.
std::optional<IndexDate> parse_date_term(std::string_view term);
// The month a month value names (its first day), or nullopt when it is not one.
std::optional<IndexDate> parse_month_value(std::string_view value);

}  // namespace briefing
