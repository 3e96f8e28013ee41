// The near-duplicates folded into a hit: the other members of its group (the indexer's
// layout::kDuplicateGroup terms) that match the same search.
#pragma once

#include <string>

#include <xapian.h>

#include "match_plan.h"
#include "search_types.h"

namespace briefing {

// Sets hit.similar_count and hit.similar (newest first, at most kSimilarListed) for the hit of
// document `docid`, whose group key is `group`. A group of one costs a term lookup.
void find_similar(const MatchPlan& plan, Xapian::docid docid, const std::string& group, Hit& hit);

}  // namespace briefing
