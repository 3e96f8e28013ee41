// Dates as the schema accepts them (RFC 3339 with any offset, or a date alone) and as it writes
// them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace briefing {

// Seconds since the epoch for "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.frac]](Z|+HH:MM|-HH:MM)";
// nullopt when the text is not one of those or names an impossible date.
std::optional<std::int64_t> parse_timestamp(std::string_view text);

// A moment in UTC by its calendar parts; the time of day may be left out (midnight).
struct CivilTime {
  int year = 0, month = 0, day = 0;
  int hour = 0, minute = 0, second = 0;
};

// Days since the epoch for a civil date (no validation beyond arithmetic).
std::int64_t days_from_civil(int year, int month, int day);
// Seconds since the epoch for a civil time in UTC (no validation beyond arithmetic):
// epoch_seconds({2026, 5, 29}) or epoch_seconds({2026, 5, 29, 14, 17}).
std::int64_t epoch_seconds(const CivilTime& t);
bool valid_civil_date(int year, int month, int day);

// "2026-05-29T14:17:00Z".
std::string format_timestamp(std::int64_t seconds);
// "2026-05-29".
std::string format_date(std::int64_t seconds);

// The months' English names, January first: read in page text, shown in the date histogram.
inline constexpr std::array<std::string_view, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

CivilTime civil_from_seconds(std::int64_t seconds);

}  // namespace briefing
