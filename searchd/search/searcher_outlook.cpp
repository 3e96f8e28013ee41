// Searcher::outlook (searcher.h): admitted like a search, over one handle's revision.
#include <algorithm>

#include "facet_filters.h"
#include "outlook_search.h"
#include "searcher_impl.h"
#include "time_budget.h"

namespace briefing {

OutlookResult Searcher::outlook(const OutlookRequest& request) {
  const auto arrived = SearchClock::now();
  constexpr double kUnlimitedWait = 30;
  const double limit = request.search.time_limit_seconds;
  SearchAdmission::Ticket ticket = impl_->admission.enter(limit > 0 ? limit : kUnlimitedWait);
  return impl_->with_table_handle([&](IndexHandle& h) {
    std::shared_ptr<const EntityCache::State> names = impl_->entities.for_index(h.db);
    const BuiltQuery built = impl_->build_query(h, names->gazetteer, request.search);
    std::shared_ptr<const FacetTable> table = impl_->tables.for_handle(h);
    const FacetFilters filters = facet_filters(h.db, names->gazetteer, request.search, table.get());
    OutlookResult result =
        find_outlook(h.db, filtered(built.matching, filters.queries), built, request);
    result.took_ms = ms_since(arrived);
    return result;
  });
}

}  // namespace briefing
