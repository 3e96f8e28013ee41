#include "date_terms.h"

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "index_layout.h"

namespace briefing {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr std::int64_t kSecondsPerDay = 86400;

// Days since the epoch of a timestamp (floor, so that times before 1970 fall on their own day).
std::int64_t day_of(std::int64_t seconds) {
  return seconds >= 0 ? seconds / kSecondsPerDay
                      : -((-seconds + kSecondsPerDay - 1) / kSecondsPerDay);
}

year_month_day civil(std::int64_t day) {
  return year_month_day{sys_days{days{day}}};
}

std::int64_t day_number(year_month_day ymd) {
  return sys_days{ymd}.time_since_epoch().count();
}

std::string term(std::string_view prefix, year_month_day ymd, int parts) {
  char buf[16];
  const int y = static_cast<int>(ymd.year());
  const unsigned m = static_cast<unsigned>(ymd.month()), d = static_cast<unsigned>(ymd.day());
  if (parts == 1) std::snprintf(buf, sizeof buf, "%04d", y);
  if (parts == 2) std::snprintf(buf, sizeof buf, "%04d%02u", y, m);
  if (parts == 3) std::snprintf(buf, sizeof buf, "%04d%02u%02u", y, m, d);
  return std::string(prefix) + buf;
}

Xapian::Query part_of_day(std::int64_t day, std::int64_t from, std::int64_t to) {
  return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(term(layout::kDay, civil(day), 3)),
                       Xapian::Query(Xapian::Query::OP_VALUE_RANGE, layout::kPublished,
                                     Xapian::sortable_serialise(static_cast<double>(from)),
                                     Xapian::sortable_serialise(static_cast<double>(to))));
}

}  // namespace

Xapian::Query date_range_terms(std::int64_t from, std::int64_t to) {
  if (to < from) return Xapian::Query::MatchNothing;
  std::int64_t first = day_of(from), last = day_of(to);
  std::vector<Xapian::Query> parts;
  if (first == last) {
    if (from == first * kSecondsPerDay && to == (last + 1) * kSecondsPerDay - 1)
      return Xapian::Query(term(layout::kDay, civil(first), 3));
    return part_of_day(first, from, to);
  }
  if (from != first * kSecondsPerDay) {  // starts within its day
    parts.push_back(part_of_day(first, from, (first + 1) * kSecondsPerDay - 1));
    ++first;
  }
  if (to != (last + 1) * kSecondsPerDay - 1) {  // ends within its day
    parts.push_back(part_of_day(last, last * kSecondsPerDay, to));
    --last;
  }
  // Whole days [first, last]: the largest unit that starts here and fits.
  while (first <= last) {
    const year_month_day ymd = civil(first);
    const year_month_day next_year{ymd.year() + std::chrono::years{1}, std::chrono::January,
                                   std::chrono::day{1}};
    const auto next_month = year_month_day{ymd.year() / ymd.month() / 1} + std::chrono::months{1};
    if (ymd.month() == std::chrono::January && ymd.day() == std::chrono::day{1} &&
        day_number(next_year) - 1 <= last) {
      parts.emplace_back(term(layout::kYear, ymd, 1));
      first = day_number(next_year);
    } else if (ymd.day() == std::chrono::day{1} && day_number(next_month) - 1 <= last) {
      parts.emplace_back(term(layout::kMonth, ymd, 2));
      first = day_number(next_month);
    } else {
      parts.emplace_back(term(layout::kDay, ymd, 3));
      ++first;
    }
  }
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

}  // namespace briefing
