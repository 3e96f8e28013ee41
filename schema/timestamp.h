// Dates as the schema accepts them (RFC 3339 with any offset, or a date alone) and as it writes
// them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace briefing {

// Seconds since the epoch for "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.frac]](Z|+HH:MM|-HH:MM)";
// nullopt when the text is not one of those or names an impossible date.
std::optional<std::int64_t> parse_timestamp(std::string_view text);

// Seconds since the epoch for a civil date in UTC (no validation beyond arithmetic).
std::int64_t days_from_civil(int year, int month, int day);
std::int64_t epoch_seconds(int year, int month, int day, int hour = 0, int minute = 0,
                           int second = 0);
bool valid_civil_date(int year, int month, int day);

// "2026-05-29T14:17:00Z".
std::string format_timestamp(std::int64_t seconds);
// "2026-05-29".
std::string format_date(std::int64_t seconds);
// "2026-05".
std::string format_month(std::int64_t seconds);

struct CivilTime {
  int year, month, day, hour, minute, second;
};
CivilTime civil_from_seconds(std::int64_t seconds);

}  // namespace briefing
