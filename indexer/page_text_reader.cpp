// Page text: a briefing page copied out of the browser. Lines are classified, split into sections
// at the fixed section headings, and each section is parsed on its own, so sections may come in
// any order or be missing. This file maps the sections onto the briefing's fields and dates it.
#include "page_text_reader.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "briefing_json.h"
#include "errors.h"
#include "page_text_dates.h"
#include "page_text_header.h"
#include "page_text_prose.h"
#include "page_text_section_fields.h"
#include "page_text_sections.h"
#include "timestamp.h"

namespace briefing {
namespace page_text {
namespace {

// The page gives day and month ("29MAY"); the year is that of the first full date on the page,
// else the file's. A briefing cannot predate its first report, so a page from early January that
// cites a December report takes the following year.
std::int64_t publication_time(const PageHeader& header, std::optional<CivilDate> first_full_date,
                              int fallback_year, const FirstReported& first_reported) {
  if (!header.day_month)
    throw InvalidBriefing("published", "no publication date line such as '29MAY'");
  const DayMonth& dm = *header.day_month;
  int year = first_full_date ? first_full_date->year : fallback_year;
  if (!valid_civil_date(year, dm.month, dm.day))
    throw InvalidBriefing("published", "day " + std::to_string(dm.day) + " of month " +
                                           std::to_string(dm.month) + " does not exist in " +
                                           std::to_string(year));
  auto at = [&](int y) {
    return epoch_seconds({y, dm.month, dm.day, header.time.hour, header.time.minute});
  };
  if (auto reported = parse_timestamp(first_reported.date)) {
    if (at(year) < *reported && valid_civil_date(year + 1, dm.month, dm.day) &&
        at(year + 1) >= *reported)
      ++year;
  }
  return at(year);
}

std::optional<CivilDate> first_full_date(const std::vector<SectionLines>& sections) {
  for (const SectionLines& section : sections)
    for (const std::string& line : section.lines)
      if (auto dates = full_dates_in(line); !dates.empty()) return dates.front().date;
  return std::nullopt;
}

// Copies one section below the header onto its briefing fields. Text that belongs to the article
// (below the takeaway) is added to `body`, which is joined once all sections are read.
void apply_section(const SectionLines& section, Briefing& b, std::vector<std::string>& body) {
  const std::vector<std::string>& lines = section.lines;
  switch (section.section) {
    case Section::kKeyTakeaway:
      // The first paragraph is the takeaway; the article runs on below it.
      if (!lines.empty() && b.key_takeaway.empty()) {
        b.key_takeaway = tidy_prose(lines.front());
        body.insert(body.end(), lines.begin() + 1, lines.end());
      } else {
        body.insert(body.end(), lines.begin(), lines.end());
      }
      break;
    case Section::kDeepAnalysis:  // a group heading; text right under it explains, plainly
    case Section::kPlainEnglish:
      append_paragraph(b.analysis.plain_english, join_prose(lines));
      break;
    case Section::kRootCauses:
      append_paragraph(b.analysis.root_causes, join_prose(lines));
      break;
    case Section::kOutlook:
      for (OutlookItem& item : parse_outlook(lines)) b.outlook.push_back(std::move(item));
      break;
    case Section::kFirstReported:
      if (b.first_reported.empty()) b.first_reported = parse_first_reported(lines);
      break;
    case Section::kCausesEffects:
      append_paragraph(b.causes_effects, parse_causes_effects(lines, b.title));
      break;
    case Section::kPerspectives:
      for (Perspective& p : parse_perspectives(lines)) b.perspectives.push_back(std::move(p));
      break;
    case Section::kHeader:
      break;
  }
}

}  // namespace
}  // namespace page_text

Briefing read_page_text(std::string_view text, const std::string& fallback_id, int fallback_year) {
  std::vector<page_text::SectionLines> sections = page_text::split_sections(text);
  Briefing b;
  b.id = fallback_id;
  page_text::PageHeader header = page_text::parse_header(sections.front().lines, b);
  std::vector<std::string> body = header.body;
  for (std::size_t s = 1; s < sections.size(); ++s) page_text::apply_section(sections[s], b, body);
  b.body = page_text::join_prose(body);
  b.published = page_text::publication_time(header, page_text::first_full_date(sections),
                                            fallback_year, b.first_reported);
  b.published_has_time = header.time_given;
  validate(b);
  return b;
}

}  // namespace briefing
