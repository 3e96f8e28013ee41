// The run. Incremental runs write inside one Xapian transaction on the live generation; full runs
// write a new generation and switch the stub; either way readers see the old index or the new.
#include "index_run.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <thread>

#include <unistd.h>

#include <xapian.h>

#include "analyser.h"
#include "briefing_json.h"
#include "content_hash.h"
#include "document_builder.h"
#include "entity_matcher.h"
#include "errors.h"
#include "gazetteer.h"
#include "index_layout.h"
#include "index_store.h"
#include "json_lines_stream.h"
#include "parallel_build.h"
#include "source_bytes.h"
#include "source_record.h"
#include "timestamp.h"

namespace briefing {
namespace fs = std::filesystem;

namespace {

// The SOURCE argument, and the source path remembered, for JSON Lines on standard input. Its
// briefings have no file that could vanish: a run that reads `-` again replaces them, a run
// without it leaves them be (a full run keeps only what it reads, as for any other source).
constexpr std::string_view kStandardInput = "-";

int year_of(std::time_t t) {
  return civil_from_seconds(t).year;
}

// The state of one run; a class so that each step is a short method.
class Run {
 public:
  Run(const RunOptions& options, const RunObserver& observer)
      : options_(options), observer_(observer), store_(options.db_path) {}

  RunSummary execute();

 private:
  void open();
  void read_live(const fs::path& live);
  void lose_live(const Xapian::Error& e);
  void load_entities();
  void check_schema_version();
  void index_file(const SourceFile& file);
  bool streamed(const SourceFile& file, const OpenedFile& opened) const;
  void index_stream(const std::string& path, int fd, bool seekable);
  bool unchanged(const std::string& key, const std::string& hash);
  void record_source(const std::string& path, const std::string& hash,
                     const std::set<std::string>& ids, bool read_whole, bool lost_an_id);
  bool index_briefing(const Briefing& b, const std::string& path, std::set<std::string>& ids);
  bool index_or_skip(const Briefing& b, const std::string& path, std::set<std::string>& ids);
  bool still_a_source(const std::string& path) const;
  void mark_losers_for_reading();
  void delete_source(const std::string& path, const std::set<std::string>& keep);
  void delete_vanished_sources(const SourceListing& listing);
  void skip(const std::string& where, const std::string& reason);
  void note(const char* what, const std::string& id);
  std::optional<Xapian::docid> find(const std::string& id_term) const;

  void queue_briefing(const Briefing& b, const std::string& path, std::set<std::string>& ids);
  void count_built(const BuildJob& job, const BuiltDocument& built);
  bool writing() const { return writer_.has_value() || build_.has_value(); }
  void set_metadata(const std::string& key, const std::string& value);

  const RunOptions& options_;
  const RunObserver& observer_;
  IndexStore store_;
  Analyser analyser_;
  Gazetteer gazetteer_;
  std::optional<EntityMatcher> matcher_;
  std::optional<DocumentBuilder> builder_;
  std::string imported_entities_;  // JSON stored under kEntitiesKey
  std::string extraction_hash_;
  bool reread_all_ = false;  // extraction changed: unchanged files are read again
  Xapian::Database reader_;  // the live index (or the new generation, or empty)
  struct {
    Xapian::doccount doccount = 0;
    std::string schema_version, entities, extraction;
  } stored_;  // what the live index says of itself, read once at the start
  std::optional<Xapian::WritableDatabase> writer_;  // an incremental run's
  std::vector<fs::path> shard_paths_;               // a new generation's parts
  std::optional<ParallelBuild> build_;              // and their writers
  std::optional<fs::path> generation_;              // a full run's new generation
  std::map<std::string, SourceRecord> known_;       // metadata key -> record, as at the start
  std::set<std::string> seen_keys_;                 // source keys met this run
  std::set<std::string> reread_;                    // source keys that lost an id this run
  SourceListing listing_;                           // this run's sources
  std::set<std::string> listed_;                    // and their paths
  std::map<std::string, std::string> claimed_;      // id -> source path, this run
  RunSummary summary_;
  std::size_t matched_ = 0;  // briefings of this run already in the live index
};

void Run::skip(const std::string& where, const std::string& reason) {
  ++summary_.skipped;
  if (observer_.skipped) observer_.skipped({where, reason});
}

void Run::set_metadata(const std::string& key, const std::string& value) {
  if (build_)
    build_->set_metadata(key, value);
  else
    writer_->set_metadata(key, value);
}

void Run::note(const char* what, const std::string& id) {
  if (observer_.change) observer_.change(what, id);
}

void Run::open() {
  // reader_ is what the run compares with: the live index. A full run writes a new generation
  // beside it; an incremental run writes the live generation itself, so reader_ is the writer.
  auto live = store_.live();
  if (live) read_live(*live);
  if (options_.dry_run) return;
  if (options_.full || !live) {
    unsigned jobs =
        options_.jobs ? options_.jobs : std::max(1U, std::thread::hardware_concurrency());
    shard_paths_ = store_.next_generations(jobs + 1);
    generation_ = shard_paths_.back();
    shard_paths_.pop_back();
  } else {
    // Lock and permission errors of Xapian's own are sorted out where errors become exit codes.
    writer_.emplace(live->string(), Xapian::DB_OPEN);
    writer_->begin_transaction(/*flushed=*/true);
    reader_ = *writer_;
  }
}

// Everything the run needs from the live index besides single briefings is read here, so that a
// corrupt index shows up as one: later, a Xapian::DatabaseError may as well be a full disk.
void Run::read_live(const fs::path& live) {
  try {
    reader_ = Xapian::Database(live.string());
    stored_ = {reader_.get_doccount(), reader_.get_metadata(std::string(layout::kSchemaVersionKey)),
               reader_.get_metadata(std::string(layout::kEntitiesKey)),
               reader_.get_metadata(std::string(layout::kExtractionKey))};
    const std::string prefix(layout::kSourceKeyPrefix);
    for (auto it = reader_.metadata_keys_begin(prefix); it != reader_.metadata_keys_end(prefix);
         ++it)
      if (auto record = decode(reader_.get_metadata(*it))) known_[*it] = *record;
  } catch (const Xapian::DatabaseError& e) {
    lose_live(e);
  }
}

// A full run builds without an index it cannot read; any other run stops before writing.
void Run::lose_live(const Xapian::Error& e) {
  const char* system_reason = e.get_error_string();
  std::string why = "the index " + store_.path().string() + " could not be read (" + e.get_type() +
                    ": " + e.get_msg() + (system_reason ? std::string(": ") + system_reason : "") +
                    ")";
  // Not a broken index but a refused one: a rebuild would not help.
  if (system_reason && (system_reason == std::string_view(std::strerror(EACCES)) ||
                        system_reason == std::string_view(std::strerror(EPERM))))
    throw IndexNotWritable(why);
  if (!options_.full) throw IndexUnreadable(why + ": rebuild it with --full");
  if (observer_.warning)
    observer_.warning(why +
                      "; building a new one without it. Entities imported by earlier runs "
                      "are lost: give them again with --entities");
  reader_ = Xapian::Database();
  stored_ = {};
  known_.clear();
  matched_ = 0;
}

// The compiled-in gazetteers, plus entities imported by earlier runs (stored in the index) and by
// this one (--entities).
void Run::load_entities() {
  gazetteer_ = Gazetteer::builtin();
  std::vector<Entity> imported;
  Gazetteer stored_only;
  stored_only.add_json(nlohmann::json::parse(stored_.entities, nullptr, false));
  imported = stored_only.entities();
  for (const std::string& file : options_.entity_files) {
    std::string error;
    auto read = read_file_bytes(file, {{}, /*follow_link=*/true, 256 * 1024 * 1024}, error);
    if (!read) throw IndexError(file + ": " + error);
    try {
      JsonLimits limits;
      limits.max_depth = 256;
      for (Entity& e : entities_from_threat_intel(parse_json_text(read->bytes, limits)))
        imported.push_back(std::move(e));
    } catch (const std::exception& e) {
      throw IndexError(file + ": " + e.what());
    }
  }
  Gazetteer merged;
  for (Entity e : imported) merged.add(std::move(e));
  imported_entities_ = Gazetteer::to_json(merged.entities()).dump();
  for (Entity e : merged.entities()) gazetteer_.add(std::move(e));
  if (options_.extract_entities) matcher_.emplace(gazetteer_, analyser_);
  Extraction extraction{&gazetteer_, matcher_ ? &*matcher_ : nullptr};
  builder_.emplace(analyser_, extraction);
  if (!shard_paths_.empty())
    build_.emplace(
        shard_paths_, extraction,
        [this](const BuildJob& job, const BuiltDocument& built) { count_built(job, built); });
  extraction_hash_ = content_hash(Gazetteer::to_json(gazetteer_.entities()).dump() +
                                  (options_.extract_entities ? "+extract" : "-extract"));
  reread_all_ = stored_.extraction != extraction_hash_;
}

void Run::check_schema_version() {
  if (stored_.doccount == 0 && stored_.schema_version.empty()) return;
  if (stored_.schema_version != layout::kSchemaVersion)
    throw IndexUnreadable("index " + options_.db_path + " has schema version '" +
                          stored_.schema_version + "' but this indexer writes version " +
                          std::string(layout::kSchemaVersion) + ": rebuild it with --full");
}

std::optional<Xapian::docid> Run::find(const std::string& id_term) const {
  auto it = reader_.postlist_begin(id_term);
  if (it == reader_.postlist_end(id_term)) return std::nullopt;
  return *it;
}

bool Run::index_briefing(const Briefing& b, const std::string& path, std::set<std::string>& ids) {
  if (auto other = claimed_.find(b.id); other != claimed_.end()) {
    skip(path, "id '" + b.id + "' is already taken by " + other->second);
    return false;
  }
  if (build_) {
    queue_briefing(b, path, ids);
    return true;
  }
  BuiltDocument built = builder_->build(b, path);
  std::optional<Xapian::docid> existing = find(built.id_term);
  if (existing) {
    Xapian::Document old = reader_.get_document(*existing);
    std::string old_path = old.get_value(layout::kSourcePath);
    if (!options_.full && old_path != path && still_a_source(old_path)) {
      // Another file that is still a source holds this id: the first in path order keeps it.
      if (old_path < path) {
        skip(path, "id '" + b.id + "' is already taken by " + old_path);
        return false;
      }
      reread_.insert(source_key(old_path));  // it lost the id: it must be read again
    }
    claimed_[b.id] = path;
    ids.insert(b.id);
    ++matched_;
    if (old.get_value(layout::kContentHash) == built.content_hash && old_path == path) {
      ++summary_.unchanged;
      if (!options_.full) return true;  // a full run writes every briefing into the new one
    } else {
      ++summary_.changed;
      note("change", b.id);
    }
  } else {
    claimed_[b.id] = path;
    ids.insert(b.id);
    ++summary_.added;
    note("add", b.id);
  }
  if (writer_) {
    writer_->replace_document(built.id_term, built.document);
    // Spelling frequencies only grow (a changed briefing adds its words again); searchd checks
    // that a suggestion still finds something before offering it.
    for (const std::string& word : built.spelling) writer_->add_spelling(word);
  }
  return true;
}

// A source of this run, or one of another run's that is still there. Under this run's SOURCEs a
// file that was not listed (deleted, hidden, now a link out) is about to be deleted.
bool Run::still_a_source(const std::string& path) const {
  if (path == kStandardInput) return true;  // until a run that reads `-` replaces it
  bool under_a_root = false;
  for (const auto& root : listing_.roots) under_a_root = under_a_root || path_within(path, root);
  if (!under_a_root) return fs::exists(path);
  for (const auto& folder : listing_.unlisted)
    if (path_within(path, folder)) return true;
  return listed_.count(path) > 0;
}

// A new generation: the briefing is built and written on a shard's thread; what the live index
// holds under its id is looked up here, where reader_ lives.
void Run::queue_briefing(const Briefing& b, const std::string& path, std::set<std::string>& ids) {
  BuildJob job{b, path, std::nullopt};
  try {
    if (auto existing = find(std::string(layout::kId) + b.id)) {
      Xapian::Document old = reader_.get_document(*existing);
      job.prior =
          PriorVersion{old.get_value(layout::kContentHash), old.get_value(layout::kSourcePath)};
      ++matched_;
    }
  } catch (const Xapian::DatabaseError& e) {
    lose_live(e);  // the live index only gave the counts; the new generation needs nothing of it
  }
  claimed_[b.id] = path;
  ids.insert(b.id);
  build_->add(std::move(job));
}

// Called by the shard threads one at a time.
void Run::count_built(const BuildJob& job, const BuiltDocument& built) {
  if (!job.prior) {
    ++summary_.added;
    note("add", built.briefing.id);
  } else if (job.prior->content_hash == built.content_hash &&
             job.prior->source_path == job.source_path) {
    ++summary_.unchanged;
  } else {
    ++summary_.changed;
    note("change", built.briefing.id);
  }
}

void Run::delete_source(const std::string& path, const std::set<std::string>& keep) {
  const std::string term = source_term(path);
  std::vector<std::pair<Xapian::docid, std::string>> doomed;
  for (auto it = reader_.postlist_begin(term); it != reader_.postlist_end(term); ++it) {
    Xapian::Document doc = reader_.get_document(*it);
    std::string id_term;
    auto t = doc.termlist_begin();
    t.skip_to(std::string(layout::kId));
    if (t != doc.termlist_end() && (*t).rfind(layout::kId, 0) == 0) id_term = *t;
    std::string id = id_term.substr(layout::kId.size());
    if (!keep.count(id)) doomed.emplace_back(*it, id);
  }
  for (const auto& [docid, id] : doomed) {
    ++summary_.deleted;
    note("delete", id);
    if (writer_) writer_->delete_document(docid);  // a new generation never had it
  }
}

// Whether the source's record says it held exactly these bytes when last read; if so, its
// briefings count as unchanged.
bool Run::unchanged(const std::string& key, const std::string& hash) {
  auto known = known_.find(key);
  if (options_.full || reread_all_ || reread_.count(key) || known == known_.end() ||
      known->second.hash != hash)
    return false;
  summary_.unchanged += known->second.briefings;
  return true;
}

// What the index remembers of a source that was read. A file partly read keeps what it had; one
// that lost an id to another file is read again next run too, so that the id comes back from it
// once the other file lets go of it.
// index_briefing, for the readers of whole files and of streams alike. The readers check what
// they return; should text that cannot be stored as JSON slip through anyway, it costs this
// briefing (counted as an id lost, so the file is read again), never the run.
bool Run::index_or_skip(const Briefing& b, const std::string& path, std::set<std::string>& ids) {
  try {
    return index_briefing(b, path, ids);
  } catch (const nlohmann::json::exception& e) {
    skip(path, "id '" + b.id + "' cannot be stored: " + e.what());
    return false;
  }
}

// A file read whole lets go of the briefings it no longer holds; one partly read keeps what it
// had. Either, or one that lost an id to another file, is read again next run, so that the id
// comes back from it once the other file lets go of it.
void Run::record_source(const std::string& path, const std::string& hash,
                        const std::set<std::string>& ids, bool read_whole, bool lost_an_id) {
  if (!options_.full && read_whole) delete_source(path, ids);
  const bool complete = read_whole && !lost_an_id;
  if (writing())
    set_metadata(source_key(path),
                 encode({complete ? hash : std::string(kReadAgain), ids.size(), path}));
}

// JSON Lines, and a .json file too big to read whole that holds JSON Lines.
bool Run::streamed(const SourceFile& file, const OpenedFile& opened) const {
  if (file.kind == SourceKind::kJsonLines) return true;
  return file.kind == SourceKind::kJson && opened.size() > options_.limits.max_file_bytes &&
         starts_with_json_line(opened.fd(), options_.limits);
}

void Run::index_file(const SourceFile& file) {
  const std::string path = file.path.string();
  const std::string key = source_key(path);
  seen_keys_.insert(key);
  std::string error;
  auto opened = open_source_file(file.path, {file.root, file.is_link, 0}, error);
  if (!opened) return skip(path, error);  // what it held stays indexed
  if (streamed(file, *opened)) return index_stream(path, opened->fd(), /*seekable=*/true);
  auto read_bytes = read_opened(*opened, options_.limits.max_file_bytes, error);
  if (!read_bytes) return skip(path, error);
  const std::string& bytes = read_bytes->bytes;
  const std::string hash = content_hash(bytes);
  if (unchanged(key, hash)) return;
  ReadResult read = read_source(file, bytes, year_of(read_bytes->modified), options_.limits);
  for (const auto& problem : read.problems) skip(problem.where, problem.reason);
  if (read.file_failed) return;  // earlier versions of its briefings stay searchable

  std::set<std::string> ids;
  bool lost_an_id = false;
  for (const Briefing& b : read.briefings) lost_an_id = !index_or_skip(b, path, ids) || lost_an_id;
  record_source(path, hash, ids, read.problems.empty(), lost_an_id);
}

// Record by record: each briefing is indexed (or queued for a shard) as soon as its line is read.
// A file that may be unchanged is hashed first, in one cheap pass, and only read if it changed.
void Run::index_stream(const std::string& path, int fd, bool seekable) {
  const std::string key = source_key(path);
  seen_keys_.insert(key);
  if (seekable && !options_.full && known_.count(key)) {
    std::string error;
    auto hash = hash_descriptor(fd, error);
    if (!hash) return skip(path, error);
    if (unchanged(key, *hash)) return;
    if (::lseek(fd, 0, SEEK_SET) != 0) return skip(path, "cannot read it again from the start");
  }
  std::set<std::string> ids;
  bool lost_an_id = false;
  StreamSink sink{[&](Briefing&& b) { lost_an_id = !index_or_skip(b, path, ids) || lost_an_id; },
                  [&](SourceProblem p) { skip(p.where, p.reason); }};
  StreamCounts counts = stream_json_lines(fd, path, options_.limits, sink);
  if (counts.blank && counts.problems == 0) return skip(path, "file is empty");
  if (counts.briefings == 0) return;  // nothing could be read: what it held stays searchable
  record_source(path, counts.hash, ids, counts.problems == 0, lost_an_id);
}

// Sources that lost an id this run and were not read in it are read in the next.
void Run::mark_losers_for_reading() {
  for (const std::string& key : reread_) {
    auto known = known_.find(key);
    if (seen_keys_.count(key) || known == known_.end()) continue;
    set_metadata(key,
                 encode({std::string(kReadAgain), known->second.briefings, known->second.path}));
  }
}

void Run::delete_vanished_sources(const SourceListing& listing) {
  for (const auto& [key, record] : known_) {
    if (seen_keys_.count(key)) continue;
    bool under_a_root = false, unlisted = false;
    for (const auto& root : listing.roots)
      under_a_root = under_a_root || path_within(record.path, root);
    for (const auto& folder : listing.unlisted)
      unlisted = unlisted || path_within(record.path, folder);
    if (!under_a_root || unlisted) continue;  // another run's, or in a folder not read this time
    delete_source(record.path, {});
    if (writing()) set_metadata(key, "");
  }
}

RunSummary Run::execute() {
  auto started = std::chrono::steady_clock::now();
  std::optional<WriterLock> lock;
  if (!options_.dry_run) lock.emplace(store_.lock(options_.wait_seconds));

  std::vector<std::string> named;
  bool standard_input = false;
  for (const std::string& source : options_.sources) {
    if (source == kStandardInput)
      standard_input = true;  // read once, however often it is named
    else
      named.push_back(source);
  }
  listing_ = list_sources(named);
  const SourceListing& listing = listing_;
  for (const SourceFile& file : listing.files) listed_.insert(file.path.string());
  if (!listing.problems.empty()) {
    // A missing or unreadable source must not look like deleted briefings: change nothing.
    const SourceProblem& p = listing.problems.front();
    throw IndexError(p.where + ": " + p.reason);
  }
  for (const SourceProblem& p : listing.skipped) skip(p.where, p.reason);
  open();
  if (!options_.full) check_schema_version();
  load_entities();

  // Before the files: "-" sorts before every absolute path, and the first in path order keeps an
  // id.
  if (standard_input) index_stream(std::string(kStandardInput), STDIN_FILENO, false);
  for (std::size_t i = 0; i < listing.files.size(); ++i) {
    index_file(listing.files[i]);
    if (observer_.progress) observer_.progress(i + 1, listing.files.size());
  }
  if (!options_.full)
    delete_vanished_sources(listing);
  else
    summary_.deleted =
        reader_.get_doccount() - std::min<std::size_t>(matched_, reader_.get_doccount());

  if (writing()) {
    mark_losers_for_reading();
    set_metadata(std::string(layout::kSchemaVersionKey), std::string(layout::kSchemaVersion));
    set_metadata(std::string(layout::kEntitiesKey), imported_entities_);
    set_metadata(std::string(layout::kExtractionKey), extraction_hash_);
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
  } else {
    summary_.total = options_.full ? summary_.added + matched_
                                   : reader_.get_doccount() + summary_.added - summary_.deleted;
  }
  summary_.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary_;
}

}  // namespace

RunSummary run_indexer(const RunOptions& options, const RunObserver& observer) {
  Run run(options, observer);
  return run.execute();
}

}  // namespace briefing
