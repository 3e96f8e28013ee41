// The header of page text: each marker line (date, reading time, time of day) is recognised
// wherever it stands, and the title, series and lede are found around them.
#include "page_text_header.h"

#include <array>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <utility>

#include "errors.h"
#include "page_text_chars.h"
#include "page_text_dates.h"
#include "page_text_prose.h"

namespace briefing::page_text {
namespace {

// "29MAY" (or "29 May"): the day and month of publication; the year is found elsewhere.
std::optional<DayMonth> parse_day_month(std::string_view line) {
  std::size_t digits = 0;
  while (digits < line.size() && is_ascii_digit(line[digits])) ++digits;
  if (digits == 0 || digits > 2) return std::nullopt;
  std::string_view name = trim(line.substr(digits));
  if (name.size() != 3) return std::nullopt;
  int month = month_from_name(name);
  if (month == 0) return std::nullopt;
  return DayMonth{digits_value(line.substr(0, digits)), month};
}

// "3 min read".
std::optional<int> parse_read_minutes(std::string_view line) {
  std::size_t digits = 0;
  while (digits < line.size() && is_ascii_digit(line[digits])) ++digits;
  if (digits == 0 || digits > 4) return std::nullopt;
  std::string rest = ascii_lower(trim(line.substr(digits)));
  for (std::string_view form : {"min read", "mins read", "minute read", "minutes read"})
    if (rest == form) return digits_value(line.substr(0, digits));
  return std::nullopt;
}

// "14:17UTC" (also "14:17 UTC", "14:17 GMT", or bare "14:17").
std::optional<ClockTime> parse_time_of_day(std::string_view line) {
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || colon + 3 > line.size())
    return std::nullopt;
  std::string_view hh = line.substr(0, colon), mm = line.substr(colon + 1, 2);
  if (!all_ascii_digits(hh) || !all_ascii_digits(mm)) return std::nullopt;
  std::string zone = ascii_lower(trim(line.substr(colon + 3)));
  if (!zone.empty() && zone != "utc" && zone != "gmt" && zone != "z") return std::nullopt;
  ClockTime t{digits_value(hh), digits_value(mm)};
  if (t.hour > 23 || t.minute > 59) return std::nullopt;
  return t;
}

// "TechnologyDeveloping": the page renders category and status as two labels with nothing
// between them, so the copy glues them. A known status at the end decides the split (categories
// such as "AI" hold capitals of their own); otherwise the second capitalised word begins the
// status.
std::optional<std::pair<std::string, std::string>> split_category_status(std::string_view line) {
  if (line.empty() || !is_ascii_upper(line.front())) return std::nullopt;
  for (char c : line)
    if (!is_ascii_upper(c) && !is_ascii_lower(c) && c != '&' && c != '-') return std::nullopt;
  static constexpr std::array<std::string_view, 7> kStatuses = {
      "Developing", "Breaking", "Update", "Updated", "Analysis", "Explainer", "Live"};
  for (std::string_view status : kStatuses)
    if (line.size() > status.size() && line.ends_with(status))
      return std::pair{std::string(line.substr(0, line.size() - status.size())),
                       std::string(status)};
  for (std::size_t i = 1; i < line.size(); ++i) {
    if (!is_ascii_upper(line[i]) || !is_ascii_lower(line[i - 1])) continue;
    std::string_view status = line.substr(i);
    for (std::size_t k = 1; k < status.size(); ++k)
      if (!is_ascii_lower(status[k])) return std::nullopt;
    if (status.size() < 2) return std::nullopt;
    return std::pair{std::string(line.substr(0, i)), std::string(status)};
  }
  return std::nullopt;
}

// The title is the line just above the reading time (the date line above it, the series above
// that); without those markers it is the first line after the date, or the first line at all.
std::optional<std::size_t> find_title(const std::vector<bool>& used,
                                      std::optional<std::size_t> date_at,
                                      std::optional<std::size_t> meta_at) {
  std::size_t from = date_at ? *date_at + 1 : 0;
  if (meta_at && *meta_at >= from) {
    for (std::size_t i = *meta_at; i > from; --i)
      if (!used[i - 1]) return i - 1;
    return std::nullopt;  // date and reading time with nothing between: the title is missing
  }
  for (std::size_t i = from; i < used.size(); ++i)
    if (!used[i]) return i;
  return std::nullopt;
}

}  // namespace

PageHeader parse_header(const std::vector<std::string>& lines, Briefing& b) {
  PageHeader header;
  std::vector<bool> used(lines.size(), false);
  std::optional<std::size_t> date_at, meta_at;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (auto dm = parse_day_month(lines[i]); dm && !date_at) {
      header.day_month = dm;
      date_at = i;
    } else if (auto minutes = parse_read_minutes(lines[i]); minutes && !b.read_minutes) {
      b.read_minutes = minutes;
      if (!meta_at) meta_at = i;
    } else if (auto t = parse_time_of_day(lines[i])) {
      header.time = *t;
      header.time_given = true;
      if (!meta_at) meta_at = i;
    } else {
      continue;
    }
    used[i] = true;
  }
  std::optional<std::size_t> title_at = find_title(used, date_at, meta_at);
  if (!title_at)
    throw InvalidBriefing("title", "no title line between the date line and the reading time");
  b.title = lines[*title_at];
  used[*title_at] = true;

  std::size_t series_before = date_at && *date_at < *title_at ? *date_at : *title_at;
  for (std::size_t i = series_before; i > 0; --i) {
    if (used[i - 1]) continue;
    b.series = lines[i - 1];
    break;
  }

  // The lede runs from the title to the category line; what follows that line is body text.
  std::vector<std::string> before_category, after_category;
  bool category_seen = false;
  for (std::size_t i = *title_at + 1; i < lines.size(); ++i) {
    if (used[i]) continue;
    if (!category_seen) {
      if (auto split = split_category_status(lines[i])) {
        std::tie(b.category, b.status) = *split;
        category_seen = true;
        continue;
      }
    }
    (category_seen ? after_category : before_category).push_back(lines[i]);
  }
  if (before_category.empty()) {  // no lede above the labels: take the first paragraph below
    before_category.swap(after_category);
    if (before_category.size() > 1) {
      after_category.assign(before_category.begin() + 1, before_category.end());
      before_category.resize(1);
    }
  }
  b.summary = join_prose(before_category);
  header.body = std::move(after_category);
  return header;
}

}  // namespace briefing::page_text
