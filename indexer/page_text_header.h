// The header of page text (everything above the first section heading): series, date, title,
// reading time, time of day, lede, category and status.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "briefing.h"

namespace briefing::page_text {

struct DayMonth {
  int day = 0, month = 0;
};

struct ClockTime {
  int hour = 0, minute = 0;
};

struct PageHeader {
  std::optional<DayMonth> day_month;
  ClockTime time;
  bool time_given = false;        // a page without a time line gives the day alone
  std::vector<std::string> body;  // paragraphs after the lede, when no "Key takeaway" follows
};

// Reads the header's lines into `b` (title, series, read_minutes, category, status, summary); the
// publication date and time are returned, as the year comes from elsewhere. Throws
// InvalidBriefing when there is no title.
PageHeader parse_header(const std::vector<std::string>& lines, Briefing& b);

}  // namespace briefing::page_text
