// Each facet's term prefix and value slot, from index_layout.h, in one table for the searcher.
#pragma once

#include <string_view>

#include <xapian.h>

#include "index_layout.h"
#include "search_types.h"

namespace briefing {

struct FacetField {
  Facet facet;
  std::string_view prefix;  // boolean filter terms
  Xapian::valueno slot;     // values counted for the facet
  bool multi_valued;        // slot holds a kSetSeparator-joined set
};

inline constexpr FacetField kFacetFields[] = {
    {Facet::kActor, layout::kActor, layout::kActorSet, true},
    {Facet::kVendor, layout::kVendor, layout::kVendorSet, true},
    {Facet::kRegion, layout::kRegion, layout::kRegionSet, true},
    {Facet::kSeries, layout::kSeries, layout::kSeriesValue, false},
    {Facet::kCategory, layout::kCategory, layout::kCategoryValue, false},
    {Facet::kStatus, layout::kStatus, layout::kStatusValue, false},
    {Facet::kDate, layout::kMonth, layout::kMonthValue, false},
};

inline const FacetField& facet_field(Facet f) {
  return kFacetFields[static_cast<int>(f)];
}

}  // namespace briefing
