// Related events for a briefing: explicit links (both directions) first, then briefings sharing
// actors or vendors close in time, then text similarity (Xapian's relevance-set expansion).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <xapian.h>

#include "search_types.h"

namespace briefing {

struct RelatedOptions {
  std::size_t limit = 10;
  bool similar_text = true;  // the costliest kind; hits lists may do without it
};

class RelatedFinder {
 public:
  explicit RelatedFinder(const Xapian::Database& db) : db_(db) {}
  std::vector<RelatedItem> find(Xapian::docid docid, const RelatedOptions& options) const;

 private:
  void add_links(const Xapian::Document& doc, Xapian::docid self, std::size_t limit,
                 std::vector<RelatedItem>& out, std::vector<Xapian::docid>& seen) const;
  void add_shared_entities(const Xapian::Document& doc, Xapian::docid self, std::size_t limit,
                           std::vector<RelatedItem>& out, std::vector<Xapian::docid>& seen) const;
  void add_similar_text(Xapian::docid self, std::size_t limit, std::vector<RelatedItem>& out,
                        std::vector<Xapian::docid>& seen) const;
  const Xapian::Database& db_;
};

// The related-item fields of a stored document (id, title, published) and a reason.
RelatedItem related_item(const Xapian::Document& doc, std::string reason);

}  // namespace briefing
