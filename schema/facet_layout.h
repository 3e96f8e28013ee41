// Where each facet lives in the index (its filter terms and its value slot), and how a slot holds
// several values: written by the indexer, read by facet counting, the facet table and related
// events through the functions here and nowhere else.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "briefing.h"
#include "facet.h"
#include "index_layout.h"

namespace briefing {

struct FacetField {
  Facet facet;
  std::string_view prefix;  // boolean filter terms: prefix + value
  Xapian::valueno slot;     // the value counted for the facet
  bool multi_valued;        // the slot holds a set (join_value_set)
};

inline constexpr PerFacet<FacetField> kFacetFields = {{
    {Facet::kActor, layout::kActor, layout::kActorSet, true},
    {Facet::kVendor, layout::kVendor, layout::kVendorSet, true},
    {Facet::kRegion, layout::kRegion, layout::kRegionSet, true},
    {Facet::kSeries, layout::kSeries, layout::kSeriesValue, false},
    {Facet::kCategory, layout::kCategory, layout::kCategoryValue, false},
    {Facet::kStatus, layout::kStatus, layout::kStatusValue, false},
    {Facet::kDate, layout::kMonth, layout::kMonthValue, false},
}};

constexpr const FacetField& facet_field(Facet f) {
  return kFacetFields[facet_index(f)];
}

// A briefing's values of a facet selected by value (actors, series, ...); empty for the date.
std::vector<std::string> facet_values(const Briefing& b, Facet f);

// The slot of a multi-valued facet: the distinct values, sorted, joined by kSetSeparator.
std::string join_value_set(std::vector<std::string> values);

// Calls `visit(std::string_view)` for each value a facet's slot holds: the members of a set, or
// the single value; nothing for an empty slot.
template <class Visit>
void for_each_slot_value(const FacetField& field, std::string_view slot, Visit&& visit) {
  while (!slot.empty()) {
    const std::size_t end = field.multi_valued ? slot.find(layout::kSetSeparator) : slot.npos;
    visit(slot.substr(0, end));
    slot = end == slot.npos ? std::string_view() : slot.substr(end + 1);
  }
}

}  // namespace briefing
