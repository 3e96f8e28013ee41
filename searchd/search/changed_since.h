// The briefings of a query whose content the indexer wrote at or after a time (layout::kIndexedAt):
// what saved searches (searchd/watch/) deliver after each index revision.
#pragma once

#include <cstddef>
#include <cstdint>

#include <xapian.h>

#include "searcher.h"

namespace briefing {

// Every match of `query` written at or after `since`, oldest write first, at most
// `limit`; with the index's newest write time, read from the same revision.
ChangedBriefings find_changed(const Xapian::Database& db, const Xapian::Query& query,
                              std::int64_t since, std::size_t limit);

}  // namespace briefing
