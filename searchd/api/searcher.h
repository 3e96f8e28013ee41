// The search library's face to the HTTP layer: plain structs in, plain structs out. Only this
// library includes xapian.h; it follows the index as the indexer changes or switches it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "entity_types.h"
#include "outlook_types.h"
#include "result_export.h"
#include "search_types.h"
#include "suggest_types.h"

namespace briefing {

struct IndexStatus {
  std::uint64_t documents = 0;
  std::uint64_t revision = 0;
  std::string schema_version;
  std::string last_change;  // RFC 3339, empty when unknown
  std::string database;     // the database the index path names now
  // The folder the index path's stub names ("g000003"; empty for a folder path) and the database's
  // UUID: with `revision`, what tells a read replica's copy from its master's (a --full rebuild
  // is a new generation and a new UUID).
  std::string generation;
  std::string uuid;
  // The revision the in-memory facet table was built from, when it is of this database; behind
  // `revision` until the table catches up (Searcher::warm).
  std::optional<std::uint64_t> facet_table_revision;
};

struct SearcherOptions {
  // Keep every briefing's facet values, date and title in memory (facet_table.h), for counting,
  // browsing and related events; off, everything is read from the index (tests compare the two).
  bool facet_table = true;
  // A facet table that took at least this long to build is rebuilt on a thread of its own after
  // an indexer run, searches meanwhile answering from the previous revision; a quicker one is
  // built by the first search on the new revision, which then sees the run at once.
  double background_table_past_ms = 100;
  // Searches that run at once (search_admission.h); 0: twice the cores.
  unsigned concurrent_searches = 0;
  // A local index whose spelling table answers did-you-mean instead of --db's. For remote shards:
  // Xapian reads no spelling table through xapian-tcpsrv. Empty: --db's own.
  std::string spelling_db{};
  // Fold near-duplicates into one hit (SearchRequest::collapse). Never over remote shards: each
  // shard's indexer run groups only its own briefings, so a pair split between shards would
  // stay apart while one within a shard folded.
  bool fold_near_duplicates = true;
};

// A briefing whose content the indexer wrote at or after a time (Searcher::changed_since).
struct ChangedBriefing {
  std::string id;
  std::int64_t indexed_at = 0;  // when the indexer run that wrote it started (seconds)
  std::string content_hash;     // changes whenever the briefing's content does
};

struct ChangedBriefings {
  std::vector<ChangedBriefing> briefings;  // oldest write first
  // The newest write time in the whole index, of the same revision (0 when none is recorded).
  std::int64_t newest_indexed_at = 0;
  bool truncated = false;  // more matched than the limit
};

class Searcher {
 public:
  // Opens the index at `db_path` (stub file or database folder); throws IndexError when it is
  // missing or of another schema version.
  explicit Searcher(std::string db_path, SearcherOptions options = {});
  ~Searcher();

  IndexStatus status();
  // Waits for one of the search slots within the request's time budget (the wait is part of it);
  // throws SearchBusy (search_admission.h) when none came free.
  SearchResult search(const SearchRequest& request);
  // The outlook items of the briefings `request.search` finds (not relaxed), filtered, sorted
  // and paged; admitted like a search (throws SearchBusy the same way).
  OutlookResult outlook(const OutlookRequest& request);
  // The story thread a briefing is part of (story_thread.h), oldest first: empty when it is in
  // none; nullopt for an unknown id.
  std::optional<std::vector<ThreadItem>> thread(const std::string& id);
  // The page of the actor, vendor or region (`kind`) that `name_or_alias` names (its canonical
  // name, an alias, any case; a region by code or country name); nullopt when neither the index
  // nor the gazetteer knows it, or `kind` is no entity facet.
  std::optional<EntityPage> entity(Facet kind, const std::string& name_or_alias);
  // The stored canonical JSON of a briefing, or nullopt for an unknown id.
  std::optional<std::string> briefing_json(const std::string& id);
  // Related events of a briefing, or nullopt for an unknown id.
  std::optional<std::vector<RelatedItem>> related(const std::string& id, std::size_t limit);
  // The briefings matching `request`'s text and filters (not relaxed, not paged) whose content
  // the indexer wrote at or after `since` (seconds): what saved searches deliver.
  ChangedBriefings changed_since(const SearchRequest& request, std::int64_t since,
                                 std::size_t limit);
  // Brings the in-memory facet table (and the suggestion index, once /suggest has been asked) up
  // to the index's newest revision if it is behind, so that the next search after an indexer run
  // need not build it (searchd calls this every second).
  void warm();
  // Every match of `request.search` (up to its limit), for reading in batches: the order is found
  // now (waiting for a search slot as search() does, without its time limit), over a revision of
  // the index the export keeps until it is destroyed. The Searcher must outlive it.
  std::unique_ptr<ResultExport> open_export(const ExportRequest& request);
  // Up to `limit` (at most kMaxSuggestions) entities and words that `prefix` completes to
  // (suggester.h); no search slot is taken: a lookup costs microseconds once the revision's
  // suggestion index is built.
  std::vector<Suggestion> suggest(const std::string& prefix, std::size_t limit);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace briefing
