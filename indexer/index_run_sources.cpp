// The sources of a run: a file read whole or streamed, skipped when its bytes are unchanged, and
// the record the index keeps of it (its hash, its briefings), deleted when the source went.
#include <ctime>

#include <unistd.h>

#include "content_hash.h"
#include "index_layout.h"
#include "index_run_state.h"
#include "json_lines_stream.h"
#include "timestamp.h"

namespace briefing {
namespace fs = std::filesystem;
namespace {

int year_of(std::time_t t) {
  return civil_from_seconds(t).year;
}

}  // namespace

// JSON Lines, and a .json file too big to read whole that holds JSON Lines.
bool IndexRun::streamed(const SourceFile& file, const OpenedFile& opened) const {
  if (file.kind == SourceKind::kJsonLines) return true;
  return file.kind == SourceKind::kJson && opened.size() > options_.limits.max_file_bytes &&
         starts_with_json_line(opened.fd(), options_.limits);
}

void IndexRun::index_file(const SourceFile& file) {
  const std::string& path = file.path;
  const SourceKey key = source_key(path);
  if (untouched(file, key, meet(key))) return;
  std::string error;
  auto opened = open_source_file(
      file.path, {file.root ? *file.root : std::filesystem::path(), file.is_link, 0}, error);
  if (!opened) return skip(path, error);  // what it held stays indexed
  ++summary_.sources_read;
  if (streamed(file, *opened)) return index_stream(path, opened->fd(), &opened->stat());
  auto read_bytes = read_opened(*opened, options_.limits.max_file_bytes, error);
  if (!read_bytes) return skip(path, error);
  const std::string& bytes = read_bytes->bytes;
  const std::string hash = content_hash(bytes);
  if (unchanged(key, hash, opened->stat())) return;
  ReadResult read = read_source(file, bytes, year_of(read_bytes->modified), options_.limits);
  for (const auto& problem : read.problems) skip(problem.where, problem.reason);
  if (read.file_failed) return;  // earlier versions of its briefings stay searchable

  std::set<std::string> ids;
  bool lost_an_id = false;
  for (const Briefing& b : read.briefings) lost_an_id = !index_or_skip(b, path, ids) || lost_an_id;
  record_source({hash, ids.size(), path, opened->stat()}, ids, read.problems.empty(), lost_an_id);
}

// The source is among this run's: its record, if any, does not vanish with the run.
IndexRun::KnownSource* IndexRun::meet(const SourceKey& key) {
  auto known = known_.find(key);
  if (known == known_.end()) return nullptr;
  known->second.seen = true;
  return &known->second;
}

// Whether the run reads the source whatever its record says: a full run, another extraction,
// or a source that lost an id this run.
bool IndexRun::must_read(const SourceKey& key) const {
  return options_.full || reread_all_ || reread_.count(key) > 0;
}

// Whether the file's inode is as its record says, settled: then its bytes are not read at all.
bool IndexRun::untouched(const SourceFile& file, const SourceKey& key, const KnownSource* known) {
  if (!known || must_read(key)) return false;
  const std::optional<SourceRecordView> record = decode_view(known->value);
  if (!record || !record->stat || record->hash == kReadAgain) return false;
  auto now = file.stat ? file.stat : stat_source(file.path, file.is_link);
  if (!now || !unchanged_since(*record->stat, *now)) return false;
  summary_.unchanged += record->briefings;
  return true;
}

// Record by record: each briefing is indexed (or queued for a shard) as soon as its line is read.
// A file that may be unchanged is hashed first, in one cheap pass, and only read if it changed.
// `stat` is the file's, or null for standard input (which cannot be read twice).
void IndexRun::index_stream(const std::string& path, int fd, const SourceStat* stat) {
  const SourceKey key = source_key(path);
  const KnownSource* known = meet(key);
  if (stat && !options_.full && known && known->record()) {
    std::string error;
    auto hash = hash_descriptor(fd, error);
    if (!hash) return skip(path, error);
    if (unchanged(key, *hash, *stat)) return;
    if (::lseek(fd, 0, SEEK_SET) != 0) return skip(path, "cannot read it again from the start");
  }
  std::set<std::string> ids;
  bool lost_an_id = false;
  StreamSink sink{[&](Briefing&& b) { lost_an_id = !index_or_skip(b, path, ids) || lost_an_id; },
                  [&](SourceProblem p) { skip(p.where, p.reason); }};
  StreamCounts counts = stream_json_lines(fd, path, options_.limits, sink);
  if (counts.blank && counts.problems == 0) return skip(path, "file is empty");
  if (counts.briefings == 0) return;  // nothing could be read: what it held stays searchable
  SourceRecord record{counts.hash, ids.size(), path, std::nullopt};
  if (stat) record.stat = *stat;
  record_source(record, ids, counts.problems == 0, lost_an_id);
}

// Whether the source's record says it held exactly these bytes when last read; if so, its
// briefings count as unchanged, and a record whose inode no longer matches (touched, copied
// back, just written) takes the new one, so the next run need not read the file.
bool IndexRun::unchanged(const SourceKey& key, const std::string& hash, const SourceStat& stat) {
  auto known = known_.find(key);
  if (must_read(key) || known == known_.end()) return false;
  std::optional<SourceRecord> decoded = known->second.record();
  if (!decoded || decoded->hash != hash) return false;
  SourceRecord& record = *decoded;
  summary_.unchanged += record.briefings;
  const bool stale = !record.stat || !settled(*record.stat) || !record.stat->same_inode_state(stat);
  if (stale && writing()) {
    record.stat = stat;
    set_metadata(metadata_key(key), known->second.value = encode(record));
  }
  return true;
}

// A file read whole lets go of the briefings it no longer holds; one partly read keeps what it
// had. Either, or one that lost an id to another file, is read again next run, so that the id
// comes back from it once the other file lets go of it.
void IndexRun::record_source(SourceRecord record, const std::set<std::string>& ids, bool read_whole,
                             bool lost_an_id) {
  if (!options_.full && read_whole) delete_source(record.path, ids);
  if (!read_whole || lost_an_id) {
    record.hash = std::string(kReadAgain);
    record.stat.reset();  // read on every run anyway: a stat would only make each run rewrite it
  }
  if (!writing()) return;
  const SourceKey key = source_key(record.path);
  std::string value = encode(record);
  auto known = known_.find(key);  // already so in the index written (a new generation is empty)
  if (!build_ && known != known_.end() && known->second.value == value) return;
  set_metadata(metadata_key(key), value);
}

void IndexRun::delete_source(const std::string& path, const std::set<std::string>& keep) {
  const std::string term = source_term(path);
  struct Doomed {
    Xapian::docid docid;
    std::string id, group;
  };
  std::vector<Doomed> doomed;
  for (auto it = reader_.postlist_begin(term); it != reader_.postlist_end(term); ++it) {
    Xapian::Document doc = reader_.get_document(*it);
    std::string id_term;
    auto t = doc.termlist_begin();
    t.skip_to(std::string(layout::kId));
    if (t != doc.termlist_end() && (*t).rfind(layout::kId, 0) == 0) id_term = *t;
    std::string id = id_term.substr(layout::kId.size());
    if (!keep.count(id)) doomed.push_back({*it, id, doc.get_value(layout::kDuplicateGroupValue)});
  }
  for (const Doomed& d : doomed) {
    ++summary_.deleted;
    note("delete", d.id);
    if (!writer_) continue;  // a new generation never had it
    writer_->delete_document(d.docid);
    group_seeds_.groups.insert(d.group);  // the rest of its group may part
  }
}

// Sources that lost an id this run and were not read in it are read in the next.
void IndexRun::mark_losers_for_reading() {
  for (const SourceKey& key : reread_) {
    auto known = known_.find(key);
    if (known == known_.end() || known->second.seen) continue;
    const std::optional<SourceRecord> record = known->second.record();
    if (!record) continue;  // its source is read as new anyway
    set_metadata(metadata_key(key),
                 encode({std::string(kReadAgain), record->briefings, record->path, std::nullopt}));
  }
}

void IndexRun::delete_vanished_sources(const SourceListing& listing) {
  for (const auto& [key, known] : known_) {
    if (known.seen) continue;
    const std::optional<SourceRecord> decoded = known.record();
    if (!decoded) continue;  // nothing is known of it to delete
    const SourceRecord& record = *decoded;
    bool under_a_root = false, unlisted = false;
    for (const auto& root : listing.roots)
      under_a_root = under_a_root || within_folder(record.path, root.native());
    for (const auto& folder : listing.unlisted)
      unlisted = unlisted || within_folder(record.path, folder.native());
    if (!under_a_root || unlisted) continue;  // another run's, or in a folder not read this time
    delete_source(record.path, {});
    if (writing()) set_metadata(metadata_key(key), "");
  }
}

}  // namespace briefing
