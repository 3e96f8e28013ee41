// Exact facet counts: a MatchSpy that reads each matching document's facet slots once and
// counts every member of multi-valued sets, so counts always agree with the hits.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "search_types.h"

namespace briefing {

using ValueCounts = std::unordered_map<std::string, std::uint64_t>;

class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(std::vector<Facet> facets) : facets_(std::move(facets)) {}
  void operator()(const Xapian::Document& doc, double weight) override;
  const ValueCounts& counts(Facet f) const { return counts_[static_cast<int>(f)]; }
  ValueCounts& counts(Facet f) { return counts_[static_cast<int>(f)]; }

 private:
  std::vector<Facet> facets_;
  std::array<ValueCounts, 7> counts_;
};

// Sorted for the answer: dates by month, the rest by count (then value), cut to `limit`, with the
// selected values always present so that a ticked box never disappears.
FacetCounts shape_facet(Facet facet, const ValueCounts& counts,
                        const std::vector<std::string>& selected, int limit);

// "May 2026" for "2026-05"; region names for codes; other values are their own labels.
std::string facet_label(Facet facet, const std::string& value);

}  // namespace briefing
