// What searchd builds once per revision of the index and shares between searches: the gazetteer
// with the entities the indexer imported, and the in-memory facet table (facet_table.h).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include <xapian.h>

#include "facet_table.h"
#include "gazetteer.h"
#include "index_handles.h"

namespace briefing {

// What the caches are keyed on: the database's revision, for one database. Xapian gives no
// revision for several (remote shards), so there it is a fingerprint of what every change moves:
// the documents, the last docid and the total length, summed over the shards (also for one remote
// shard, which has no revision to give either). A change that moves none of them (a document
// replaced by one of the same length) keeps the cached wildcard expansions of the old revision
// until the next change.
std::uint64_t index_revision(const Xapian::Database& db);

// The gazetteer searchd resolves names with: the compiled-in one plus the entities the indexer
// imported (stored in the index), rebuilt when those change.
class EntityCache {
 public:
  struct State {
    std::string stored;
    Gazetteer gazetteer;
  };
  std::shared_ptr<const State> for_index(const Xapian::Database& db);

 private:
  std::mutex mutex_;
  std::shared_ptr<const State> state_;
};

class FacetTableCache {
 public:
  explicit FacetTableCache(bool enabled) : enabled_(enabled) {}
  // The table of the handle's revision. The first request on a new revision builds it; any that
  // arrive meanwhile get nullptr and count from the index (slower, equally exact). Always
  // nullptr when the cache is disabled.
  std::shared_ptr<const FacetTable> for_handle(IndexHandle& h);
  // The revision the table was built from, when it is of this generation of the index.
  std::optional<std::uint64_t> revision_in(std::uint64_t generation);

 private:
  const bool enabled_;
  std::mutex mutex_;
  std::shared_ptr<const FacetTable> table_;
  std::pair<std::uint64_t, std::uint64_t> key_{};  // generation, revision
  bool building_ = false;
};

}  // namespace briefing
