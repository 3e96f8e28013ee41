// Calendar arithmetic without the C library's time zone state (timegm is not portable, gmtime not
// thread-safe); the algorithms are Howard Hinnant's days_from_civil / civil_from_days.
#include "timestamp.h"

#include <cstdio>

namespace briefing {
namespace {

bool read_digits(std::string_view text, std::size_t& at, std::size_t count, int& value) {
  if (at + count > text.size()) return false;
  value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    char c = text[at + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  at += count;
  return true;
}

bool expect(std::string_view text, std::size_t& at, char c) {
  if (at >= text.size() || text[at] != c) return false;
  ++at;
  return true;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

}  // namespace

std::int64_t days_from_civil(int year, int month, int day) {
  std::int64_t y = year - (month <= 2 ? 1 : 0);
  const std::int64_t era = floor_div(y, 400);
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::int64_t epoch_seconds(const CivilTime& t) {
  return days_from_civil(t.year, t.month, t.day) * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
}

bool valid_civil_date(int year, int month, int day) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int limit = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= limit;
}

CivilTime civil_from_seconds(std::int64_t seconds) {
  std::int64_t days = floor_div(seconds, 86400);
  std::int64_t rem = seconds - days * 86400;
  days += 719468;
  const std::int64_t era = floor_div(days, 146097);
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return {year,
          month,
          day,
          static_cast<int>(rem / 3600),
          static_cast<int>(rem / 60 % 60),
          static_cast<int>(rem % 60)};
}

std::optional<std::int64_t> parse_timestamp(std::string_view text) {
  std::size_t at = 0;
  int year, month, day;
  if (!read_digits(text, at, 4, year) || !expect(text, at, '-') ||
      !read_digits(text, at, 2, month) || !expect(text, at, '-') || !read_digits(text, at, 2, day))
    return std::nullopt;
  if (!valid_civil_date(year, month, day)) return std::nullopt;
  if (at == text.size()) return epoch_seconds({year, month, day});

  if (text[at] != 'T' && text[at] != 't' && text[at] != ' ') return std::nullopt;
  ++at;
  int hour, minute, second = 0;
  if (!read_digits(text, at, 2, hour) || !expect(text, at, ':') ||
      !read_digits(text, at, 2, minute))
    return std::nullopt;
  if (at < text.size() && text[at] == ':') {
    ++at;
    if (!read_digits(text, at, 2, second)) return std::nullopt;
    if (at < text.size() && text[at] == '.') {  // fractions of a second are accepted and dropped
      ++at;
      std::size_t start = at;
      while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
      if (at == start) return std::nullopt;
    }
  }
  if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
  if (second == 60) second = 59;  // a leap second is kept inside its minute

  int offset = 0;
  if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) {
    ++at;
  } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    int sign = text[at] == '-' ? -1 : 1;
    ++at;
    int oh, om;
    if (!read_digits(text, at, 2, oh) || !expect(text, at, ':') || !read_digits(text, at, 2, om) ||
        oh > 23 || om > 59)
      return std::nullopt;
    offset = sign * (oh * 3600 + om * 60);
  } else {
    return std::nullopt;  // a time without an offset is ambiguous
  }
  if (at != text.size()) return std::nullopt;
  return epoch_seconds({year, month, day, hour, minute, second}) - offset;
}

std::string format_timestamp(std::int64_t seconds) {
  CivilTime t = civil_from_seconds(seconds);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", t.year, t.month, t.day, t.hour,
                t.minute, t.second);
  return buf;
}

std::string format_date(std::int64_t seconds) {
  return format_timestamp(seconds).substr(0, 10);
}

}  // namespace briefing
