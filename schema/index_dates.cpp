// The index's date terms and month value (index_dates.h).
#include "index_dates.h"

#include <cstdio>

#include "index_layout.h"
#include "text_util.h"
#include "timestamp.h"

namespace briefing {
namespace {

// `digits` decimal digits of `text` from `at` as a number, or -1 when they are not all digits.
int number_at(std::string_view text, std::size_t at, std::size_t digits) {
  if (at + digits > text.size()) return -1;
  const std::string_view part = text.substr(at, digits);
  if (!all_ascii_digits(part)) return -1;
  int n = 0;
  for (char c : part) n = n * 10 + (c - '0');
  return n;
}

std::string formatted(std::string_view prefix, const char* format, const IndexDate& d) {
  char buf[24];
  std::snprintf(buf, sizeof buf, format, d.year, d.month, d.day);
  return std::string(prefix) + buf;
}

std::optional<IndexDate> checked(int year, int month, int day) {
  if (year < 0 || month < 1 || day < 1 || !valid_civil_date(year, month, day)) return std::nullopt;
  return IndexDate{year, static_cast<unsigned>(month), static_cast<unsigned>(day)};
}

}  // namespace

IndexDate index_date(std::int64_t seconds) {
  const CivilTime t = civil_from_seconds(seconds);
  return {t.year, static_cast<unsigned>(t.month), static_cast<unsigned>(t.day)};
}

std::string day_term(const IndexDate& d) {
  return formatted(layout::kDay, "%04d%02u%02u", d);
}
std::string month_term(const IndexDate& d) {
  return formatted(layout::kMonth, "%04d%02u", d);
}
std::string year_term(const IndexDate& d) {
  return formatted(layout::kYear, "%04d", d);
}
std::string month_value(const IndexDate& d) {
  return formatted("", "%04d-%02u", d);
}

std::optional<IndexDate> parse_date_term(std::string_view term) {
  for (auto [prefix, parts] :
       {std::pair{layout::kDay, 3}, {layout::kMonth, 2}, {layout::kYear, 1}}) {
    if (!term.starts_with(prefix)) continue;
    const std::string_view digits = term.substr(prefix.size());
    if (digits.size() != 4 + 2 * (static_cast<std::size_t>(parts) - 1)) return std::nullopt;
    return checked(number_at(digits, 0, 4), parts > 1 ? number_at(digits, 4, 2) : 1,
                   parts > 2 ? number_at(digits, 6, 2) : 1);
  }
  return std::nullopt;
}

std::optional<IndexDate> parse_month_value(std::string_view value) {
  if (value.size() != 7 || value[4] != '-') return std::nullopt;
  return checked(number_at(value, 0, 4), number_at(value, 5, 2), 1);
}

}  // namespace briefing
