// Without the facet table (requests on a new revision while the first one builds it, and every
// search over remote shards): one exhaustive ranking pass that counts the facets without a filter
// through Xapian's stock value-count spies, and a boolean pass per filtered facet for its
// disjunctive counts. Nothing here is a spy or decider of our own, so it runs on xapian-tcpsrv.
#include <memory>
#include <optional>

#include "facet_counter.h"
#include "facet_shaper.h"
#include "match_plan.h"
#include "search_deadline.h"

namespace briefing {
namespace {

// Counts the matches of the text under `filters` in an unsorted boolean pass. False when the
// budget ended the count first.
bool count_under(const MatchPlan& plan, const PerFacet<Xapian::Query>& filters,
                 const FacetCounter& counter) {
  if (plan.budget.spent()) return false;
  Xapian::Enquire e(plan.db);
  e.set_query(filtered(plan.built.query, filters));
  e.set_weighting_scheme(Xapian::BoolWeight());
  e.set_docid_order(Xapian::Enquire::DONT_CARE);
  counter.attach(e);
  auto counted = get_mset_within(e, 0, 0, plan.db.get_doccount(), plan.budget.for_pass());
  return counted && counted->get_matches_lower_bound() == counted->get_matches_upper_bound();
}

// Disjunctive counts: facet `f` counted over the text with every filter but its own.
bool count_alone(const MatchPlan& plan, Facet f, const FacetCounter& counter) {
  PerFacet<Xapian::Query> others = plan.filters.queries;
  others[facet_index(f)] = Xapian::Query();
  return count_under(plan, others, counter);
}

// Every match of the text under the filters, counted in an unsorted boolean pass: a pass that
// folds near-duplicates only estimates how many it folded (measured: 28 for 27 matches, none
// of them folded). nullopt when the budget ended the count first.
std::optional<Xapian::doccount> count_all(const MatchPlan& plan) {
  if (plan.budget.spent()) return std::nullopt;
  Xapian::Enquire e(plan.db);
  e.set_query(filtered(plan.built.query, plan.filters.queries));
  e.set_weighting_scheme(Xapian::BoolWeight());
  e.set_docid_order(Xapian::Enquire::DONT_CARE);
  auto counted = get_mset_within(e, 0, 0, plan.db.get_doccount(), plan.budget.for_pass());
  if (!counted || counted->get_matches_lower_bound() != counted->get_matches_upper_bound())
    return std::nullopt;
  return counted->get_matches_lower_bound();
}

}  // namespace

std::vector<Ranked> match_from_index(const MatchPlan& plan, SearchResult& result) {
  const SearchRequest& request = plan.request;
  Xapian::Enquire enquire = ranked_enquire(plan);
  std::vector<Facet> counted_in_main;
  if (request.facets)
    for (Facet f : kAllFacets)
      if (plan.filters.queries[facet_index(f)].empty()) counted_in_main.push_back(f);
  const FacetCounter main(counted_in_main);
  if (!plan.remote) main.attach(enquire);
  const auto offset = static_cast<Xapian::doccount>((request.page - 1) * request.per_page);
  // check_at_least = every document: the total and the facet counts are exact, unless the time
  // limit turns it off (then Xapian returns what it ranked so far and the bounds differ).
  RankedPage ranked = rank_within(enquire, offset, static_cast<Xapian::doccount>(request.per_page),
                                  plan.db.get_doccount(), plan.budget.for_pass());
  const Xapian::MSet& mset = ranked.mset;
  result.total = mset.get_matches_estimated();
  result.total_exact =
      !ranked.cut && mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  // Folded, the MSet counts groups: the total counts every matching briefing.
  if (folds_near_duplicates(request)) {
    const std::optional<Xapian::doccount> all = count_all(plan);
    result.total = all.value_or(mset.get_uncollapsed_matches_estimated());
    result.total_exact = !ranked.cut && all.has_value();
  }
  result.facets_exact = result.total_exact;
  result.timed_out = ranked.cut;
  if (!request.facets) return page_of(mset, plan.built.has_text);
  if (plan.remote && !main.empty() && !count_under(plan, plan.filters.queries, main))
    result.facets_exact = false;

  PerFacet<std::unique_ptr<FacetCounter>> alone;
  for (Facet f : kAllFacets) {
    if (plan.filters.queries[facet_index(f)].empty()) continue;
    alone[facet_index(f)] = std::make_unique<FacetCounter>(std::vector<Facet>{f});
    if (!count_alone(plan, f, *alone[facet_index(f)])) result.facets_exact = false;
  }
  for (Facet f : kAllFacets) {
    const FacetCounter& counter = alone[facet_index(f)] ? *alone[facet_index(f)] : main;
    result.facets.push_back(shape_value_counts(
        f, counter.counts(f), plan.filters.selected[facet_index(f)], request.facet_limit));
  }
  return page_of(mset, plan.built.has_text);
}

}  // namespace briefing
