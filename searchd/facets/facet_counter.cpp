// Facet counting from value slots (facet_counter.h).
#include "facet_counter.h"

#include "facet_layout.h"

namespace briefing {

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  for (Facet f : facets_) {
    const FacetField& field = facet_field(f);
    ValueCounts& counts = counts_[facet_index(f)];
    for_each_slot_value(field, doc.get_value(field.slot),
                        [&counts](std::string_view value) { ++counts[std::string(value)]; });
  }
}

}  // namespace briefing
