// Facet counting with the stock value-count spy (facet_counter.h).
#include "facet_counter.h"

#include "facet_layout.h"

namespace briefing {

FacetCounter::FacetCounter(const std::vector<Facet>& facets) : facets_(facets) {
  for (Facet f : facets_)
    spies_[facet_index(f)] = std::make_unique<Xapian::ValueCountMatchSpy>(facet_field(f).slot);
}

void FacetCounter::attach(Xapian::Enquire& enquire) const {
  for (Facet f : facets_) enquire.add_matchspy(spies_[facet_index(f)].get());
}

ValueCounts FacetCounter::counts(Facet f) const {
  ValueCounts counts;
  const auto& spy = spies_[facet_index(f)];
  if (!spy) return counts;
  const FacetField& field = facet_field(f);
  for (auto it = spy->values_begin(); it != spy->values_end(); ++it) {
    const std::uint64_t documents = it.get_termfreq();
    for_each_slot_value(field, *it, [&counts, documents](std::string_view v) {
      counts[std::string(v)] += documents;
    });
  }
  return counts;
}

}  // namespace briefing
