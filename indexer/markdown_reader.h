// Reads a Markdown briefing, the form in which many teams write their advisories.
#pragma once

#include <string>
#include <string_view>

#include "briefing.h"

namespace briefing {

// Reads a Markdown briefing. `file_stem` is the file name without ".md"/".markdown".
//
// Optional front matter between `---` lines gives fields by their JSON names (id, title, series,
// published or date, category, status, read_minutes, summary, key_takeaway, url, and the lists
// actors, vendors, regions, related). Without a title there, the first heading is the title (else
// the first non-empty line); without a date there, the file name's leading YYYYMMDD or YYYY-MM-DD
// is. The rest is the body as plain text: one paragraph per block (headings included), link and
// image targets dropped, HTML tags and emphasis markers removed, table pipes made spaces. The
// cells of a table column headed "Vendor" are added to the vendors.
// Throws InvalidBriefing(field, reason); the result has passed validate().
Briefing read_markdown(std::string_view text, const std::string& file_stem);

}  // namespace briefing
