// The vendors a Markdown advisory lists in a table column headed "Vendor" (CISA's ICS round-ups,
// multi-vendor patch notices): the document's own statement of which vendors it is about, so
// they are facet values even when no gazetteer knows them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace briefing::markdown {

// The cells, in order and without repeats, of every table column whose header is "Vendor",
// "Vendors", "Vendor Name", "Affected Vendor" or "Vendor/Project": link and emphasis markup
// removed; empty, over-long and placeholder cells ("N/A", "Multiple", "Various") skipped.
std::vector<std::string> vendor_column_cells(const std::vector<std::string_view>& lines);

}  // namespace briefing::markdown
