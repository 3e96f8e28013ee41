// No query text: the match set, its counts and its page (newest or oldest first) come from the
// facet table alone.
#include <algorithm>
#include <set>
#include <span>

#include "facet_shaper.h"
#include "filter_tally.h"
#include "index_layout.h"
#include "match_plan.h"

namespace briefing {
namespace {

// The documents with any of the selected values of `f`, newest first: the table's own list for
// one value, else the lists merged.
std::span<const Xapian::docid> with_values(const FacetTable& table, Facet f,
                                           const std::vector<std::string>& selected,
                                           std::vector<Xapian::docid>& merged) {
  std::vector<ValueId> values;
  for (const std::string& name : selected)
    if (auto v = table.find(f, name);
        v && std::find(values.begin(), values.end(), *v) == values.end())
      values.push_back(*v);
  if (values.size() == 1) return table.postings(values.front());
  for (ValueId v : values) {
    const auto& list = table.postings(v);
    const auto middle = merged.insert(merged.end(), list.begin(), list.end());
    std::inplace_merge(merged.begin(), middle, merged.end(), table.newer());
  }
  merged.erase(std::unique(merged.begin(), merged.end()), merged.end());
  return merged;
}

std::optional<double> bound(const std::optional<std::int64_t>& seconds) {
  return seconds ? std::optional<double>(static_cast<double>(*seconds)) : std::nullopt;
}

// One filter: the table lists its documents newest first already. Counted from the
// co-occurrence square for one value or the newest-first run for a date range, else its own
// facet over everything and the rest over its documents.
std::span<const Xapian::docid> one_filter(const MatchPlan& plan, Facet f, FilterTally& tally,
                                          std::vector<Xapian::docid>& merged) {
  const FacetTable& table = *plan.table;
  std::span<const Xapian::docid> ordered =
      selected_by_value(f) ? with_values(table, f, plan.filters.selected[facet_index(f)], merged)
                           : table.in_range(bound(plan.request.from), bound(plan.request.to));
  if (!tally.count_everything()) {
    tally.add_everything(f);
    for (Xapian::docid d : ordered) tally.add_match(d);
  }
  return ordered;
}

// The page of `ordered` (newest or oldest first), each near-duplicate group shown once, by its
// first member in that order (hit_reader lists the others). The groups are read from the index as
// the walk meets them, so a deep page costs a value read per briefing before it.
std::vector<Ranked> page_of_groups(const MatchPlan& plan, std::span<const Xapian::docid> ordered) {
  const SearchRequest& request = plan.request;
  const auto offset = static_cast<std::size_t>(request.page - 1) * request.per_page;
  const auto per_page = static_cast<std::size_t>(request.per_page);
  std::vector<Ranked> page;
  std::set<std::string> shown;
  std::size_t groups = 0;
  for (std::size_t i = 0; i < ordered.size() && page.size() < per_page; ++i) {
    const std::string group = plan.db.get_document(ordered[i], Xapian::DOC_ASSUME_VALID)
                                  .get_value(layout::kDuplicateGroupValue);
    if (!group.empty() && !shown.insert(group).second) continue;  // folded into a newer one
    if (groups++ >= offset) page.push_back({ordered[i], 0.0});
  }
  return page;
}

}  // namespace

std::vector<Ranked> browse_table(const MatchPlan& plan, SearchResult& result) {
  const FacetTable& table = *plan.table;
  const SearchRequest& request = plan.request;
  FilterTally tally(table, request, plan.filters.selected, request.facets);
  const std::vector<Facet>& filtered = tally.filtered();
  // The matches, newest first: a list the table holds already, or `merged` when it does not.
  std::span<const Xapian::docid> ordered;
  std::vector<Xapian::docid> merged;
  if (filtered.empty()) {
    ordered = table.newest_first();
    tally.count_everything();
  } else if (filtered.size() == 1) {
    ordered = one_filter(plan, filtered.front(), tally, merged);
  } else {
    for (Xapian::docid d : table.newest_first())
      if (tally.add(d)) merged.push_back(d);
    ordered = merged;
  }
  result.total = ordered.size();
  std::vector<Xapian::docid> reversed;
  if (request.sort == SortOrder::kOldest) {
    reversed.assign(ordered.rbegin(), ordered.rend());
    ordered = reversed;
  }
  std::vector<Ranked> page;
  const auto offset = static_cast<std::size_t>(request.page - 1) * request.per_page;
  if (folds_near_duplicates(request))
    page = page_of_groups(plan, ordered);
  else
    for (std::size_t i = offset; i < ordered.size() && i < offset + request.per_page; ++i)
      page.push_back({ordered[i], 0.0});
  if (request.facets)
    result.facets = shape_tally(tally, table, plan.filters.selected, request.facet_limit);
  return page;
}

}  // namespace briefing
