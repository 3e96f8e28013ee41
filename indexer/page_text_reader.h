// Reads a briefing in the page-text form: what an analyst gets by copying a page out of the site.
#pragma once

#include <string>
#include <string_view>

#include "briefing.h"

namespace briefing {

// Reads a briefing as analysts copy it out of the briefing site (page text). `fallback_id` is used
// as the id (file name without extension); `fallback_year` (the file's modification year) is used
// when the page holds no full date. Throws InvalidBriefing(field, reason) when a required part is
// missing; the result has passed validate().
//
// The page is read line by line: every visible block of the page is one line, so a line is a
// paragraph. Site chrome ("Skip to content", the banner, "Read original") is dropped, the fixed
// section headings ("Key takeaway", "Deep Analysis", "What could happen next?", ...) split the page
// into sections that may come in any order or be missing, and footnote digits glued to the end of
// a sentence (`joint response."1`) are dropped.
Briefing read_page_text(std::string_view text, const std::string& fallback_id, int fallback_year);

}  // namespace briefing
