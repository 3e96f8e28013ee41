// A new generation built on several cores. Turning a briefing into a Xapian document and adding
// it are most of an indexing run, and a WritableDatabase belongs to one thread; so briefings go
// round-robin to one thread per shard, each with its own analyser and database, and finish()
// merges the shards with Xapian's compactor, which also packs the B-trees full (a fresh build
// leaves them about half empty).
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "briefing.h"
#include "document_builder.h"

namespace briefing {

// What the live index holds under the same id, for telling changed from unchanged.
struct PriorVersion {
  std::string content_hash;
  std::string source_path;
  std::string indexed_at;  // its layout::kIndexedAt value
};

// Whether a briefing built now is what the live index holds: same content from the same file.
inline bool unchanged_from(const PriorVersion& prior, const BuiltDocument& built,
                           const std::string& source_path) {
  return prior.content_hash == built.content_hash && prior.source_path == source_path;
}

// Sets layout::kIndexedAt: the prior version's when the briefing is unchanged, else `run_started`
// (a sortable_serialise'd time).
void stamp_indexed_at(BuiltDocument& built, const std::optional<PriorVersion>& prior,
                      const std::string& source_path, const std::string& run_started);

struct BuildJob {
  Briefing briefing;
  std::string source_path;
  std::optional<PriorVersion> prior;
  std::string run_started;  // sortable_serialise'd start of the run, for layout::kIndexedAt
};

class ParallelBuild {
 public:
  // Called once per briefing, from the shard threads but one at a time.
  using OnBuilt = std::function<void(const BuildJob&, const BuiltDocument&)>;

  // Creates one database per path (folders that must not exist yet) and starts their threads.
  // `extraction` is shared by the threads, read-only.
  ParallelBuild(std::vector<std::filesystem::path> shard_paths, Extraction extraction,
                OnBuilt on_built);
  ParallelBuild(const ParallelBuild&) = delete;
  ParallelBuild& operator=(const ParallelBuild&) = delete;
  // Without finish(): stops the threads and removes the shards (a failed run).
  ~ParallelBuild();

  // Queues a briefing, waiting while its shard is behind; rethrows a shard's error.
  void add(BuildJob job);
  // Kept until finish(), then written once, into the first shard.
  void set_metadata(const std::string& key, const std::string& value);

  // Commits every shard and compacts them into `output` (a folder that must not exist yet), then
  // removes the shards. Returns the number of documents written.
  Xapian::doccount finish(const std::filesystem::path& output);

 private:
  struct Shard;
  void stop_all();
  void settle_groups();
  void remove_shards();
  std::vector<std::unique_ptr<Shard>> shards_;
  std::size_t next_ = 0;
  OnBuilt on_built_;
  std::mutex on_built_mutex_;
  std::map<std::string, std::string> metadata_;
};

}  // namespace briefing
