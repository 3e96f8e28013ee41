// Exact facet counts from the index, with Xapian's stock ValueCountMatchSpy alone, so that they
// work over remote shards too (xapian-tcpsrv knows no spy of ours; the stock one is merged
// exactly across shards). A multi-valued facet's slot holds the document's sorted set of values
// as one string (facet_layout.h): the spy counts the sets, and each set's count is then added to
// each of its members, so counts always agree with the hits.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "facet.h"

namespace briefing {

using ValueCounts = std::unordered_map<std::string, std::uint64_t>;

class FacetCounter {
 public:
  explicit FacetCounter(const std::vector<Facet>& facets);
  bool empty() const { return facets_.empty(); }
  // Adds one spy per facet to `enquire`; they count the documents its next get_mset looks at.
  // The counter must outlive that call.
  void attach(Xapian::Enquire& enquire) const;
  // The members' counts of facet `f` (one of those given), from what the spies saw.
  ValueCounts counts(Facet f) const;

 private:
  std::vector<Facet> facets_;
  PerFacet<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies_;
};

}  // namespace briefing
