// Story threads: the briefings that follow one story as it develops. An update says so in its
// title or in the headline of the report it came from ("Update #3 · CISA's deadline outruns
// Palo Alto's patch"), and links to the briefings it updates. A thread is what those links join:
// updates linked to each other in either direction, and a briefing that is no update (the story's
// first report, a later analysis) when it and an update link to each other; such a briefing
// joins the thread but does not carry it further (its other links are to other stories).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "search_types.h"

namespace briefing {

// N of an "Update #N" (or "Update N") marker opening `title`, followed by a separator
// ("·", ":", "-", "–", "—"); nullopt when it opens with no such marker.
std::optional<int> update_number(std::string_view title);

// The thread of briefing `docid`, oldest first; empty when it is in none (no update involved, or
// alone). At most `limit` briefings are followed.
std::vector<ThreadItem> story_thread(const Xapian::Database& db, Xapian::docid docid,
                                     std::size_t limit = 50);

}  // namespace briefing
