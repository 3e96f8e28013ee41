// Query text with the facet table: Xapian ranks the page in two passes, each cheaper than one
// exhaustive pass. The table counts every match of the text and decides the filters, giving the
// exact total and every facet's counts at once; then Xapian ranks only as far as the page needs
// (check_at_least = the page, not every document), skipping what cannot reach it. A phrase is
// checked against positions once in the first pass and, in the second, only for candidates that
// could still make the page.
#include <algorithm>

#include "facet_shaper.h"
#include "filter_tally.h"
#include "index_layout.h"
#include "match_plan.h"
#include "search_deadline.h"

namespace briefing {

Xapian::Enquire ranked_enquire(const MatchPlan& plan) {
  Xapian::Enquire enquire(plan.db);
  const bool has_text = plan.built.has_text;
  const SortOrder sort =
      plan.request.sort.value_or(has_text ? SortOrder::kRelevance : SortOrder::kDate);
  // The order key is the date then the id (order_key.h): ties never fall to docids, which
  // differ between one index and its shards.
  if (sort == SortOrder::kUpdated) {
    // Last written first, then by the order key; empty (written before the slot) sorts last.
    enquire.set_sort_by_value(layout::kUpdatedKey, /*reverse=*/true);
  } else if (sort == SortOrder::kOldest) {
    enquire.set_sort_by_value(layout::kOrderKey, /*reverse=*/false);
  } else if (sort == SortOrder::kDate || !has_text)
    enquire.set_sort_by_value(layout::kOrderKey, /*reverse=*/true);
  else
    enquire.set_sort_by_relevance_then_value(layout::kOrderKey, true);
  enquire.set_query(filtered(plan.built.query, plan.filters.queries));
  // One hit per near-duplicate group: the best-ranked; hit_reader lists the rest.
  if (folds_near_duplicates(plan.request)) enquire.set_collapse_key(layout::kDuplicateGroupValue);
  return enquire;
}

std::vector<Ranked> page_of(const Xapian::MSet& mset, bool weighted) {
  std::vector<Ranked> page;
  for (auto it = mset.begin(); it != mset.end(); ++it)
    page.push_back({*it, weighted ? it.get_weight() : 0.0});
  return page;
}

std::vector<Ranked> match_with_table(const MatchPlan& plan, SearchResult& result) {
  const SearchRequest& request = plan.request;
  Xapian::Enquire enquire = ranked_enquire(plan);
  const auto offset = static_cast<Xapian::doccount>((request.page - 1) * request.per_page);
  const auto per_page = static_cast<Xapian::doccount>(request.per_page);
  FilterTally tally(*plan.table, request, plan.filters.selected, request.facets);
  const bool complete = count_matches(plan.db, plan.built.matching, plan.built.single_term, tally,
                                      plan.budget.for_pass());
  // Counting that ran out of time leaves nothing for ranking: the page is then unranked.
  std::optional<double> ranking_time = plan.budget.for_pass();
  if (ranking_time && !complete) ranking_time = 0.0;
  RankedPage ranked = rank_within(enquire, offset, per_page, offset + per_page, ranking_time);
  result.total =
      std::max<std::uint64_t>(tally.matched(), ranked.mset.get_uncollapsed_matches_lower_bound());
  result.total_exact = complete;
  result.facets_exact = complete;
  result.timed_out = ranked.cut;
  if (request.facets)
    result.facets = shape_tally(tally, *plan.table, plan.filters.selected, request.facet_limit);
  return page_of(ranked.mset, plan.built.has_text);
}

std::vector<Ranked> match(const MatchPlan& plan, SearchResult& result) {
  if (!plan.table) return match_from_index(plan, result);
  // The table lists briefings by date only: another order is Xapian's.
  if (plan.built.everything && plan.request.sort != SortOrder::kUpdated)
    return browse_table(plan, result);
  return match_with_table(plan, result);
}

}  // namespace briefing
