// Relaxing a query that found fewer than a page, counting each try under the request's filters
// within what is left of its time (query_relaxer.h decides what to give up).
#include <algorithm>

#include "match_plan.h"
#include "query_relaxer.h"
#include "search_deadline.h"

namespace briefing {
namespace {

// How many briefings `matching` finds under the filters, counting no further than `limit`, within
// `seconds` (nullopt: no limit).
Xapian::doccount count_at_least(const MatchPlan& plan, const Xapian::Query& matching,
                                Xapian::doccount limit, std::optional<double> seconds) {
  Xapian::Enquire enquire(plan.db);
  enquire.set_query(filtered(matching, plan.filters.queries));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::DONT_CARE);
  // Out of time, nothing more is counted: relaxation then stops where it is.
  auto counted = get_mset_within(enquire, 0, 0, limit, seconds);
  return counted ? counted->get_matches_lower_bound() : 0;
}

}  // namespace

bool relax_for_page(const MatchPlan& plan, BuiltQuery& built) {
  const auto enough = static_cast<Xapian::doccount>(plan.request.per_page);
  return relax_query(plan.db, built, enough, [&](const Xapian::Query& matching) {
    std::optional<double> seconds = plan.budget.for_pass();
    if (seconds) seconds = std::max(*seconds, 0.001);
    return count_at_least(plan, matching, enough, seconds);
  });
}

}  // namespace briefing
