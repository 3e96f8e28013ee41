// Exact facet counts from the index: a MatchSpy that reads each matching document's facet slots
// once and counts every member of multi-valued sets, so counts always agree with the hits.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "facet.h"

namespace briefing {

using ValueCounts = std::unordered_map<std::string, std::uint64_t>;

class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(std::vector<Facet> facets) : facets_(std::move(facets)) {}
  void operator()(const Xapian::Document& doc, double weight) override;
  const ValueCounts& counts(Facet f) const { return counts_[facet_index(f)]; }

 private:
  std::vector<Facet> facets_;
  PerFacet<ValueCounts> counts_;
};

}  // namespace briefing
