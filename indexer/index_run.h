// One indexer run: list the sources, read what changed, write it in one atomic step.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "entity_import.h"
#include "shard_spec.h"
#include "source_files.h"
#include "source_reader.h"

namespace briefing {

struct RunOptions {
  std::string db_path;
  std::vector<std::string> sources;
  bool full = false;     // rebuild into a new generation and switch over when complete
  bool dry_run = false;  // report what would change, write nothing
  double wait_seconds = 0;
  // MISP galaxy cluster files or STIX 2.x bundles of threat actors, or the CISA KEV catalogue
  // of vendors and products; stored in the index.
  std::vector<std::string> entity_files;
  bool extract_entities = true;
  // An analyst's corrections (corrections.h), read and applied on every run.
  std::string corrections_file;
  unsigned jobs = 0;  // threads writing a new generation; 0: one per core
  // --shard K/N: only the briefings of shard K are written (shard_spec.h); none: all of them.
  std::optional<ShardSpec> shard;
  ReaderLimits limits;
};

struct RunSummary {
  std::size_t added = 0, changed = 0, deleted = 0, unchanged = 0, skipped = 0;
  std::size_t total = 0;  // briefings in the index after the run
  // Source files listed, and those opened and read: the rest were known unchanged by their
  // inode alone (source_stat.h). Standard input counts as one of each.
  std::size_t sources = 0, sources_read = 0;
  double seconds = 0;
  // One report per --entities file, in order: what was imported and what screened out.
  std::vector<std::pair<std::string, EntityImport>> imports;
  std::size_t indexed() const { return added + changed; }
};

// What a run tells its caller as it goes; every member may be left empty.
struct RunObserver {
  std::function<void(const SourceProblem&)> skipped;  // a file or record not indexed
  std::function<void(const char* what, const std::string& id)> change;  // "add", "change", "delete"
  std::function<void(std::size_t done, std::size_t of)> progress;       // files
  std::function<void(const std::string&)> warning;  // something the operator should know
};

// Throws IndexLocked when another run writes, IndexUnreadable when the index cannot be read
// (--full builds a new one instead), IndexNotWritable when it may not be written, IndexError (or
// Xapian::Error) when the run failed otherwise; in each case nothing was changed.
RunSummary run_indexer(const RunOptions& options, const RunObserver& observer = {});

}  // namespace briefing
