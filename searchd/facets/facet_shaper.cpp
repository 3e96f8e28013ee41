// Shaping facet counts for answers (facet_shaper.h).
#include "facet_shaper.h"

#include <algorithm>

#include "facet_labels.h"

namespace briefing {
namespace {

bool is_selected(const std::vector<std::string>& selected, std::string_view value) {
  return std::find(selected.begin(), selected.end(), value) != selected.end();
}

// Selected values that counted nothing still show, at zero, after the counted ones.
void add_unseen_selected(Facet facet, const std::vector<std::string>& selected, FacetCounts& out) {
  if (facet_info(facet).order != FacetOrder::kByCount) return;
  for (const std::string& s : selected) {
    bool present = std::any_of(out.values.begin(), out.values.end(),
                               [&](const FacetCount& c) { return c.value == s; });
    if (!present) out.values.push_back({s, facet_label(facet, s), 0});
  }
}

template <class Label>
FacetCounts shaped(Facet facet, std::vector<CountedValue> counted,
                   const std::vector<std::string>& selected, int limit, Label&& label) {
  FacetCounts out{facet, {}};
  for (const CountedValue& v : order_facet_values(facet, std::move(counted), selected, limit))
    out.values.push_back({std::string(v.value), label(v), v.count});
  add_unseen_selected(facet, selected, out);
  return out;
}

}  // namespace

std::vector<CountedValue> order_facet_values(Facet facet, std::vector<CountedValue> counted,
                                             const std::vector<std::string>& selected, int limit) {
  auto by_value = [](const CountedValue& a, const CountedValue& b) { return a.value < b.value; };
  auto by_count = [&](const CountedValue& a, const CountedValue& b) {
    return a.count != b.count ? a.count > b.count : by_value(a, b);
  };
  if (facet_info(facet).order == FacetOrder::kAllByValue) {
    std::sort(counted.begin(), counted.end(), by_value);
    return counted;
  }
  if (limit < 0 || counted.size() <= static_cast<std::size_t>(limit)) {
    std::sort(counted.begin(), counted.end(), by_count);
    return counted;
  }
  const auto cut = counted.begin() + limit;
  std::partial_sort(counted.begin(), cut, counted.end(), by_count);
  // Cut off, but selected: kept, most frequent first, so a ticked box never disappears.
  std::vector<CountedValue> beyond;
  for (auto it = cut; it != counted.end(); ++it)
    if (is_selected(selected, it->value)) beyond.push_back(*it);
  std::sort(beyond.begin(), beyond.end(), by_count);
  counted.erase(cut, counted.end());
  counted.insert(counted.end(), beyond.begin(), beyond.end());
  return counted;
}

FacetCounts shape_value_counts(Facet facet, const ValueCounts& counts,
                               const std::vector<std::string>& selected, int limit) {
  std::vector<CountedValue> counted;
  counted.reserve(counts.size());
  for (const auto& [value, count] : counts) counted.push_back({value, count, 0});
  return shaped(facet, std::move(counted), selected, limit,
                [facet](const CountedValue& v) { return facet_label(facet, v.value); });
}

std::vector<FacetCounts> shape_tally(const FilterTally& tally, const FacetTable& table,
                                     const PerFacet<std::vector<std::string>>& selected,
                                     int limit) {
  std::vector<FacetCounts> out;
  for (Facet f : kAllFacets) {
    const std::vector<std::uint32_t>& counts = tally.counts(f);
    std::vector<CountedValue> counted;
    const auto [first, end] = table.range(f);
    for (ValueId v = first; v < end; ++v)
      if (counts[v] > 0) counted.push_back({table.name(v), counts[v], v});
    out.push_back(shaped(f, std::move(counted), selected[facet_index(f)], limit,
                         [&table](const CountedValue& v) { return table.label(v.id); }));
  }
  return out;
}

}  // namespace briefing
