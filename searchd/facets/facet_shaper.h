// One facet's counts as the answer lists them (facet.h's FacetOrder): most frequent first, cut to
// the facet limit, with the selected values always present so that a ticked box never
// disappears; or every value in value order (the months of the date histogram).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "facet.h"
#include "facet_counter.h"
#include "facet_table.h"
#include "filter_tally.h"
#include "search_types.h"

namespace briefing {

// A value and its count, before it is shaped; `id` is the caller's key for its label.
struct CountedValue {
  std::string_view value;
  std::uint64_t count = 0;
  std::uint32_t id = 0;
};

// The values kept for the answer, in answer order (only these need strings and labels).
std::vector<CountedValue> order_facet_values(Facet facet, std::vector<CountedValue> counted,
                                             const std::vector<std::string>& selected, int limit);

// The shaped counts from a facet spy's counts (the index path).
FacetCounts shape_value_counts(Facet facet, const ValueCounts& counts,
                               const std::vector<std::string>& selected, int limit);

// Every facet's shaped counts from a tally over the table (labels from the table).
std::vector<FacetCounts> shape_tally(const FilterTally& tally, const FacetTable& table,
                                     const PerFacet<std::vector<std::string>>& selected, int limit);

}  // namespace briefing
