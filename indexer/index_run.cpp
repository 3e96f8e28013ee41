// The run. Incremental runs write inside one Xapian transaction on the live generation; full runs
// write a new generation and switch the stub; either way readers see the old index or the new.
// This file holds the course of a run; its steps are in index_run_*.cpp.
#include "index_run.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <exception>
#include <optional>

#include <unistd.h>

#include "errors.h"
#include "index_layout.h"
#include "index_run_state.h"
#include "side_by_side.h"
#include "timestamp.h"

namespace briefing {

void IndexRun::skip(const std::string& where, const std::string& reason) {
  ++summary_.skipped;
  if (observer_.skipped) observer_.skipped({where, reason});
}

void IndexRun::set_metadata(const std::string& key, const std::string& value) {
  wrote_metadata_ = true;
  if (build_)
    build_->set_metadata(key, value);
  else
    writer_->set_metadata(key, value);
}

void IndexRun::note(const char* what, const std::string& id) {
  if (observer_.change) observer_.change(what, id);
}

// The SOURCE arguments other than `-` (read once, however often it is named).
std::vector<std::string> IndexRun::named_sources() const {
  std::vector<std::string> named;
  for (const std::string& source : options_.sources)
    if (source != kStandardInput) named.push_back(source);
  return named;
}

// A missing or unreadable source must not look like deleted briefings: it fails the run before
// anything is written.
void IndexRun::take_listing(SourceListing listing) {
  listing_ = std::move(listing);
  if (!listing_.problems.empty()) {
    const SourceProblem& p = listing_.problems.front();
    throw IndexError(p.where + ": " + p.reason);
  }
  for (const SourceProblem& p : listing_.skipped) skip(p.where, p.reason);
}

// Before the files: "-" sorts before every absolute path, and the first in path order keeps an id.
void IndexRun::index_sources() {
  const bool standard_input = std::find(options_.sources.begin(), options_.sources.end(),
                                        kStandardInput) != options_.sources.end();
  summary_.sources = listing_.files.size() + (standard_input ? 1 : 0);
  if (standard_input) {
    ++summary_.sources_read;
    index_stream(std::string(kStandardInput), STDIN_FILENO, nullptr);
  }
  for (std::size_t i = 0; i < listing_.files.size(); ++i) {
    index_file(listing_.files[i]);
    if (observer_.progress) observer_.progress(i + 1, listing_.files.size());
  }
}

// An incremental run deletes what vanished from its sources; a full run keeps only what it read,
// so every briefing of the live index it did not meet is counted as deleted.
void IndexRun::count_deletions() {
  if (!options_.full)
    delete_vanished_sources(listing_);
  else
    summary_.deleted =
        reader_.get_doccount() - std::min<std::size_t>(matched_, reader_.get_doccount());
}

// An incremental run settles the near-duplicate groups it touched inside its transaction, so
// readers never see a briefing without its group; a new generation settles them all before its
// shards are merged (ParallelBuild::finish).
void IndexRun::settle_duplicate_groups() {
  for (const GroupChange& change : settle_groups(*writer_, group_seeds_)) {
    Xapian::Document doc = writer_->get_document(change.docid);
    set_group(doc, change.key);
    writer_->replace_document(change.docid, doc);
  }
}

// Whether an incremental run found the index as it would leave it: then it commits nothing, so
// that the revision searchd watches stays where it was (and with it searchd's caches).
bool IndexRun::changes_nothing() const {
  return !wrote_metadata_ && summary_.indexed() + summary_.deleted == 0 &&
         stored_.schema_version == layout::kSchemaVersion &&
         stored_.entities == imported_entities_ && stored_.extraction == extraction_hash_ &&
         stored_.shard == to_string(options_.shard);
}

// The run's metadata, then the one step that makes it visible: the commit of the transaction, or
// the switch of the stub to the new generation. A dry run only counts.
void IndexRun::finish_writing() {
  if (!writing()) {
    summary_.total = options_.full ? summary_.added + matched_
                                   : reader_.get_doccount() + summary_.added - summary_.deleted;
    return;
  }
  mark_losers_for_reading();
  if (writer_ && changes_nothing()) {
    writer_->cancel_transaction();
    summary_.total = writer_->get_doccount();
    writer_->close();
    return;
  }
  if (writer_) settle_duplicate_groups();
  set_metadata(std::string(layout::kSchemaVersionKey), std::string(layout::kSchemaVersion));
  set_metadata(std::string(layout::kEntitiesKey), imported_entities_);
  set_metadata(std::string(layout::kExtractionKey), extraction_hash_);
  set_metadata(std::string(layout::kShardKey), to_string(options_.shard));
  if (summary_.indexed() + summary_.deleted > 0 || generation_)
    set_metadata(std::string(layout::kLastChangeKey), format_timestamp(std::time(nullptr)));
  if (build_) {
    summary_.total = build_->finish(*generation_);
    store_.switch_to(*generation_);
  } else {
    writer_->commit_transaction();
    summary_.total = writer_->get_doccount();
    writer_->close();
  }
}

RunSummary IndexRun::execute() {
  auto started = std::chrono::steady_clock::now();
  std::optional<WriterLock> lock;
  if (!options_.dry_run) lock.emplace(store_.lock(options_.wait_seconds));
  // The folder walk and the loading of the live index's records are most of a run that finds
  // little changed, and neither needs the other: they run side by side. The listing's problems
  // still come first, as when the two ran in turn.
  auto listing = start_beside([named = named_sources()] { return list_sources(named); });
  std::exception_ptr unreadable;
  const std::optional<std::filesystem::path> live = store_.live();
  try {
    if (live) read_live(*live);
  } catch (...) {
    unreadable = std::current_exception();
  }
  take_listing(listing.get());
  if (unreadable) std::rethrow_exception(unreadable);
  open(live);
  if (!options_.full) check_schema_version();
  check_shard();
  load_entities();
  index_sources();
  count_deletions();
  finish_writing();
  summary_.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary_;
}

RunSummary run_indexer(const RunOptions& options, const RunObserver& observer) {
  IndexRun run(options, observer);
  return run.execute();
}

}  // namespace briefing
