// What searchd builds once per revision of the index and shares between searches: the gazetteer
// with the entities the indexer imported, and the in-memory facet table (facet_table.h).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include <xapian.h>

#include "facet_table.h"
#include "gazetteer.h"
#include "index_handles.h"

namespace briefing {

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

// The facet table of the newest revision searches can be served from. A table that builds quickly
// (a small index) is built by the first search on a new revision, which waits for it. One that
// takes longer (one to six seconds per million briefings) is built on a thread of its own, and
// meanwhile searches are served from the previous revision, table and handle alike, as Solr
// serves from its old searcher while the new one warms: a search in the second after an indexer
// run costs what a warm one does, and answers exactly as one a moment earlier would have.
class FacetTableCache {
 public:
  // A table that took `background_past_ms` or more to build is rebuilt in the background.
  FacetTableCache(IndexHandles& handles, bool enabled, double background_past_ms)
      : handles_(handles), enabled_(enabled), background_past_ms_(background_past_ms) {}
  ~FacetTableCache();
  FacetTableCache(const FacetTableCache&) = delete;
  FacetTableCache& operator=(const FacetTableCache&) = delete;

  // The table of the handle's revision. The first request on a new revision builds it; any that
  // arrive meanwhile without a handle at the previous one get nullptr and count from the index
  // (slower, equally exact). Always nullptr when the cache is disabled.
  std::shared_ptr<const FacetTable> for_handle(IndexHandle& h);
  // The version a search should read (IndexHandles::with_handle's `keep`): the table's, while the
  // table of a newer revision is built in the background (started here when none is yet);
  // nullopt when the table is current, builds quickly, or the generation changed.
  std::optional<IndexVersion> version_to_serve();
  // The revision the table was built from, when it is of this generation of the index.
  std::optional<std::uint64_t> revision_in(std::uint64_t generation);

 private:
  bool builds_in_background() const;  // under mutex_

  IndexHandles& handles_;
  const bool enabled_;
  const double background_past_ms_;
  std::mutex mutex_;
  std::shared_ptr<const FacetTable> table_;
  IndexVersion version_{};
  std::weak_ptr<const FacetTable> previous_;  // the table before, while searches hold it
  std::optional<IndexVersion> previous_version_;
  bool building_ = false;               // a table is being read, by a search, warm() or builder_
  bool background_ = false;             // builder_ runs
  std::optional<IndexVersion> failed_;  // the last version builder_ could not build
  double last_build_ms_ = 0;
  std::thread builder_;  // the background build, joined before the next and on destruction
};

}  // namespace briefing
