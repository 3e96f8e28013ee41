// The page's hits as answers show them: stored fields, a snippet over the analyser's tokens and
// related events, each within what is left of the search's time.
#pragma once

#include <vector>

#include <xapian.h>

#include "analyser.h"
#include "facet_table.h"
#include "match_plan.h"
#include "search_types.h"

namespace briefing {

struct HitSources {
  const Xapian::Database& db;
  Analyser& analyser;
  const FacetTable* table;  // related events from memory when present
};

// Appends a Hit per ranked document to `result.hits` (a document whose data cannot be read is
// left out) and adds the time snippets and related events took to its timings.
void read_hits(const HitSources& sources, const MatchPlan& plan, const std::vector<Ranked>& page,
               SearchResult& result);

}  // namespace briefing
