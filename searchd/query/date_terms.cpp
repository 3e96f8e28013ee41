#include "date_terms.h"

#include <chrono>
#include <string>
#include <vector>

#include "index_dates.h"
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

IndexDate index_date(year_month_day ymd) {
  return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
          static_cast<unsigned>(ymd.day())};
}

Xapian::Query part_of_day(std::int64_t day, std::int64_t from, std::int64_t to) {
  return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(day_term(index_date(civil(day)))),
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
      return Xapian::Query(day_term(index_date(civil(first))));
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
      parts.emplace_back(year_term(index_date(ymd)));
      first = day_number(next_year);
    } else if (ymd.day() == std::chrono::day{1} && day_number(next_month) - 1 <= last) {
      parts.emplace_back(month_term(index_date(ymd)));
      first = day_number(next_month);
    } else {
      parts.emplace_back(day_term(index_date(ymd)));
      ++first;
    }
  }
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

}  // namespace briefing
