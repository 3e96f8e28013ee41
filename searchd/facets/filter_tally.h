// Disjunctive facet counting in one pass over a stream of documents, read from the FacetTable.
// A document that passes every filter is a match: it counts for the facets without a filter and
// for each filtered facet. A document that fails exactly one filter is not a match, but counts
// for that facet alone, as if its own filter were off; that is what a ticked facet shows, so that
// its other values stay visible with the numbers they would bring. Documents failing two or more
// filters count nowhere. With k filters this replaces k + 1 passes over the index with one.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "facet_table.h"
#include "search_types.h"

namespace briefing {

class FilterTally {
 public:
  // `selected`: the canonical values of each facet's filter (an empty list is no filter); the
  // facets selected by range filter when the request has from or to. `count` false: only decide,
  // count nothing.
  FilterTally(const FacetTable& table, const SearchRequest& request,
              const PerFacet<std::vector<std::string>>& selected, bool count);

  const std::vector<Facet>& filtered() const { return active_; }
  // Counts `d` where it belongs; true when it passes every filter.
  bool add(Xapian::docid d);
  // How many documents passed every filter so far.
  std::uint64_t matched() const { return matched_; }
  // The inverse of add(d).
  void remove(Xapian::docid d);
  void remove_if_present(Xapian::docid d);
  // Counts as if add() had been given every document, without reading them, where the table
  // allows: no filter (its totals), or a filter on one value (its co-occurrence counts). False,
  // counting nothing, otherwise. A match set that is most of the index is then counted backwards:
  // everything, less each document the text does not match.
  bool count_everything();
  // Shortcuts for callers that know more than add() would find out:
  // `d` passes every filter (it is counted as a match);
  void add_match(Xapian::docid d);
  // facet `f` counted over every document (its own tally when its filter is the only one).
  void add_everything(Facet f);
  std::size_t documents() const { return table_.documents(); }
  Xapian::docid last_docid() const { return table_.last_docid(); }
  // The counts to show for `f`: its own tally when it has a filter, else the matches'.
  const std::vector<std::uint32_t>& counts(Facet f) const;

 private:
  std::uint8_t failed_filters(Xapian::docid d) const;

  const FacetTable& table_;
  std::optional<double> from_, to_;
  std::vector<Facet> active_;     // facets with a filter
  std::uint8_t active_mask_ = 0;  // their bits (bit = facet_index)
  static_assert(kFacetCount <= 8, "a facet is a bit of a byte");
  std::vector<std::uint8_t> accepts_;    // per ValueId: the bits of the filters it satisfies
  std::unique_ptr<FacetTally> matches_;  // facets without a filter, over matches
  PerFacet<std::unique_ptr<FacetTally>> alone_;  // per filtered facet
  PerFacet<bool> everything_{};                  // counted whole by add_everything
  bool count_;
  std::uint64_t matched_ = 0;
};

// Feeds every document matching `matching` (the text part of a query, no filters) to `tally`:
// straight from the posting list when it is the one term `single_term`, else through a boolean
// Xapian match. False when `seconds` ran out (or was <= 0) before the end; nullopt: no limit.
bool count_matches(const Xapian::Database& db, const Xapian::Query& matching,
                   const std::string& single_term, FilterTally& tally,
                   std::optional<double> seconds);

}  // namespace briefing
