// The outlook items of the briefings a query matches (outlook_types.h): the query narrows the
// briefings, the index's outlook records (outlook_layout.h) say which of their items pass the
// filters, and only the page's items are read from the stored briefings.
#pragma once

#include <xapian.h>

#include "outlook_types.h"
#include "query_builder.h"

namespace briefing {

// `briefings` is the request's text and facet filters as one query; `built` the text alone, whose
// words an item must hold one of (by position) when the text has words.
OutlookResult find_outlook(const Xapian::Database& db, const Xapian::Query& briefings,
                           const BuiltQuery& built, const OutlookRequest& request);

}  // namespace briefing
