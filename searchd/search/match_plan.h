// How a search finds its page, its total and its facet counts: three strategies over one plan.
// - browse_table: no query text, so the table alone lists the matches newest first and counts them;
// - match_with_table: the table counts every match of the text, Xapian ranks only the page;
// - match_from_index: no table yet (a new revision being read), Xapian ranks and counts.
#pragma once

#include <vector>

#include <xapian.h>

#include "facet_filters.h"
#include "facet_table.h"
#include "query_builder.h"
#include "search_types.h"
#include "time_budget.h"

namespace briefing {

// One ranked document of the page, whichever strategy found it.
struct Ranked {
  Xapian::docid docid;
  double weight;
};

struct MatchPlan {
  const Xapian::Database& db;
  const FacetTable* table;  // nullptr: count from the index
  const BuiltQuery& built;
  const SearchRequest& request;
  const FacetFilters& filters;
  const TimeBudget& budget;
  // Over remote shards: Xapian 1.4.22's remote ValueCountMatchSpy counts some documents twice
  // in a pass sorted by value (measured: 1,141 counted for 1,129 matches), so facets are
  // counted in an unsorted pass of their own (index_match.cpp).
  bool remote = false;
};

// Whether near-duplicates fold into one hit: asked for (SearchRequest::collapse), and not in
// the last-written order, which lists what the indexer wrote (feeds): a re-issue is news there.
inline bool folds_near_duplicates(const SearchRequest& request) {
  return request.collapse && request.sort != SortOrder::kUpdated;
}

// Each fills the result's total, exactness and facets (when asked) and returns the page.
std::vector<Ranked> browse_table(const MatchPlan& plan, SearchResult& result);  // needs the table
std::vector<Ranked> match_with_table(const MatchPlan& plan, SearchResult& result);
std::vector<Ranked> match_from_index(const MatchPlan& plan, SearchResult& result);

// The strategy the plan calls for.
std::vector<Ranked> match(const MatchPlan& plan, SearchResult& result);

// Relaxes `built` (the plan's query) until it finds a page under the filters (query_relaxer.h);
// true when it did, and the plan then matches the relaxed query.
bool relax_for_page(const MatchPlan& plan, BuiltQuery& built);

// An Enquire over the plan's query and filters, in the request's order.
Xapian::Enquire ranked_enquire(const MatchPlan& plan);
// The page an MSet holds; weights only for a ranking by text.
std::vector<Ranked> page_of(const Xapian::MSet& mset, bool weighted);

}  // namespace briefing
