// IndexRun: the state of one indexer run, shared by the files that implement its steps (internal
// to the indexer library; callers use run_indexer in index_run.h).
#pragma once

#include <cstddef>
#include <ctime>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "analyser.h"
#include "corrections.h"
#include "document_builder.h"
#include "duplicate_groups.h"
#include "entity_matcher.h"
#include "gazetteer.h"
#include "index_run.h"
#include "index_store.h"
#include "parallel_build.h"
#include "source_bytes.h"
#include "source_record.h"

namespace briefing {

// The SOURCE argument, and the source path remembered, for JSON Lines on standard input. Its
// briefings have no file that could vanish: a run that reads `-` again replaces them, a run
// without it leaves them be (a full run keeps only what it reads, as for any other source).
inline constexpr std::string_view kStandardInput = "-";

// A class so that each step is a short method.
class IndexRun {
 public:
  IndexRun(const RunOptions& options, const RunObserver& observer)
      : options_(options), observer_(observer), store_(options.db_path) {}

  RunSummary execute();

 private:
  // A source's record as the index held it at the start, decoded when used (most are only
  // compared with the file's stat; one that does not decode is no record), and whether the run
  // met the source (the rest vanished).
  struct KnownSource {
    std::string value;
    bool seen = false;
    std::optional<SourceRecord> record() const { return decode(value); }
  };

  // index_run.cpp: the course of the run, and what it reports.
  std::vector<std::string> named_sources() const;
  void take_listing(SourceListing listing);
  void index_sources();
  void count_deletions();
  void finish_writing();
  void settle_duplicate_groups();
  void skip(const std::string& where, const std::string& reason);
  void note(const char* what, const std::string& id);
  bool writing() const { return writer_.has_value() || build_.has_value(); }
  bool changes_nothing() const;
  void set_metadata(const std::string& key, const std::string& value);

  // index_run_open.cpp: what the run starts from (the live index, its records, the entities).
  void open(const std::optional<std::filesystem::path>& live);
  void read_live(const std::filesystem::path& live);
  void lose_live(const Xapian::Error& e);
  void load_entities();
  Gazetteer imported_entities();
  template <typename Convert>
  auto read_json_option(const std::string& file, Convert convert);
  void check_schema_version();
  void check_shard();

  // index_run_sources.cpp: which sources are read, and what the index remembers of them.
  void index_file(const SourceFile& file);
  bool streamed(const SourceFile& file, const OpenedFile& opened) const;
  KnownSource* meet(const SourceKey& key);
  bool must_read(const SourceKey& key) const;
  bool untouched(const SourceFile& file, const SourceKey& key, const KnownSource* known);
  void index_stream(const std::string& path, int fd, const SourceStat* stat);
  bool unchanged(const SourceKey& key, const std::string& hash, const SourceStat& stat);
  void record_source(SourceRecord record, const std::set<std::string>& ids, bool read_whole,
                     bool lost_an_id);
  void mark_losers_for_reading();
  void delete_source(const std::string& path, const std::set<std::string>& keep);
  void delete_vanished_sources(const SourceListing& listing);

  // index_run_briefings.cpp: where each briefing goes, and which source owns its id.
  bool index_or_skip(const Briefing& b, const std::string& path, std::set<std::string>& ids);
  bool index_briefing(const Briefing& b, const std::string& path, std::set<std::string>& ids);
  bool still_a_source(const std::string& path) const;
  std::optional<Xapian::docid> find(const std::string& id_term) const;
  void write_briefing(BuiltDocument& built, const std::optional<std::string>& old_group,
                      bool same_signature);
  void queue_briefing(const Briefing& b, const std::string& path, std::set<std::string>& ids);
  void count_built(const BuildJob& job, const BuiltDocument& built);

  const RunOptions& options_;
  const RunObserver& observer_;
  IndexStore store_;
  Analyser analyser_;
  Gazetteer gazetteer_;
  std::optional<EntityMatcher> matcher_;
  Corrections corrections_;  // --corrections; empty without it
  std::optional<DocumentBuilder> builder_;
  std::string imported_entities_;  // JSON stored under kEntitiesKey
  std::string extraction_hash_;
  // When this run started, as layout::kIndexedAt stores it: the time of every briefing it writes.
  const std::string run_started_ =
      Xapian::sortable_serialise(static_cast<double>(std::time(nullptr)));
  bool reread_all_ = false;  // extraction changed: unchanged files are read again
  Xapian::Database reader_;  // the live index (or the new generation, or empty)
  struct {
    Xapian::doccount doccount = 0;
    std::string schema_version, entities, extraction, shard;
  } stored_;  // what the live index says of itself, read once at the start
  std::optional<Xapian::WritableDatabase> writer_;   // an incremental run's
  std::vector<std::filesystem::path> shard_paths_;   // a new generation's parts
  std::optional<ParallelBuild> build_;               // and their writers
  std::optional<std::filesystem::path> generation_;  // a full run's new generation
  std::unordered_map<SourceKey, KnownSource, Hash128Low> known_;
  std::set<SourceKey> reread_;                  // sources that lost an id this run
  SourceListing listing_;                       // this run's sources
  std::map<std::string, std::string> claimed_;  // id -> source path, this run
  RunSummary summary_;
  bool wrote_metadata_ = false;  // a source record (or any other metadata) was set this run
  std::size_t matched_ = 0;      // briefings of this run already in the live index
  GroupSeeds group_seeds_;       // what an incremental run wrote or removed, for settling groups
};

}  // namespace briefing
