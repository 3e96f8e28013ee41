// Related events for a briefing: explicit links (both directions) first, then briefings sharing
// actors or vendors close in time, then text similarity (Xapian's relevance-set expansion).
//
// Shared entities, the same from the facet table and from the index (one index or its shards):
// for each of the briefing's actors and vendors, the 32 briefings with it nearest in time within
// a year either side (ties in time: the order of the newest-first list, ids ascending); of all
// those, the ones sharing the most actors and vendors first, then the nearest, then by id. The
// reason names the first entity in common: actors before vendors, each by name.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <xapian.h>

#include "facet_table.h"
#include "search_types.h"

namespace briefing {

struct RelatedOptions {
  std::size_t limit = 10;
  bool similar_text = true;  // the costliest kind; hits lists may do without it
};

// With a FacetTable of the same revision, shared entities and titles come from memory (a few
// microseconds a briefing); without one, from the index.
class RelatedFinder {
 public:
  explicit RelatedFinder(const Xapian::Database& db, const FacetTable* table = nullptr)
      : db_(db), table_(table) {}
  // `links`: the briefing's own "related" ids when the caller has them parsed already.
  std::vector<RelatedItem> find(Xapian::docid docid, const RelatedOptions& options,
                                const std::vector<std::string>* links = nullptr) const;

 private:
  // A briefing sharing actors or vendors with the one asked about.
  struct Candidate {
    Xapian::docid docid;
    int shared;          // actors and vendors in common
    double distance;     // seconds between the two
    std::string id;      // the briefing's id: ties are broken by it, never by docid
    std::string reason;  // "shared actor X", the first in common (related_finder.cpp)
  };
  // What find() has gathered so far, up to `limit` items.
  struct Gathered {
    std::size_t limit;
    std::vector<RelatedItem> out;
    std::vector<Xapian::docid> seen;
  };
  RelatedItem item(Xapian::docid id, std::string reason) const;
  void take_best(std::vector<Candidate>& candidates, Gathered& g) const;
  void add_shared_from_table(Xapian::docid self, Gathered& g) const;
  void add_links(const std::vector<std::string>& links, const std::string& own_id,
                 Xapian::docid self, Gathered& g) const;
  // related_from_index.cpp: what add_shared_from_table finds, read from the index instead.
  void add_shared_entities(const Xapian::Document& doc, Xapian::docid self, Gathered& g) const;
  void add_similar_text(Xapian::docid self, Gathered& g) const;
  const Xapian::Database& db_;
  const FacetTable* table_;
};

// The related-item fields of a stored document (id, title, published) and a reason.
RelatedItem related_item(const Xapian::Document& doc, std::string reason);

}  // namespace briefing
