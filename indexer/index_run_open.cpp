// The start of a run: the live index it compares with (or why it cannot), the source records and
// metadata it holds, and the entities the run extracts with.
#include <cerrno>
#include <cstring>
#include <string_view>
#include <thread>

#include "briefing_json.h"
#include "content_hash.h"
#include "errors.h"
#include "index_layout.h"
#include "index_run_state.h"

namespace briefing {
namespace fs = std::filesystem;

// reader_ is what the run compares with: the live index, read by read_live. A full run writes a
// new generation beside it; an incremental run writes the live generation itself, so reader_
// becomes the writer.
void IndexRun::open(const std::optional<fs::path>& live) {
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
void IndexRun::read_live(const fs::path& live) {
  try {
    reader_ = Xapian::Database(live.string());
    stored_ = {reader_.get_doccount(), reader_.get_metadata(std::string(layout::kSchemaVersionKey)),
               reader_.get_metadata(std::string(layout::kEntitiesKey)),
               reader_.get_metadata(std::string(layout::kExtractionKey)),
               reader_.get_metadata(std::string(layout::kShardKey))};
    const std::string prefix(layout::kSourceKeyPrefix);
    known_.reserve(stored_.doccount);  // no more sources than briefings: no rehashing
    // A record whose key this indexer cannot read is passed over: its source, if still there,
    // is read as new.
    for (auto it = reader_.metadata_keys_begin(prefix); it != reader_.metadata_keys_end(prefix);
         ++it)
      if (auto key = source_key_of(*it))
        known_.emplace(*key, KnownSource{reader_.get_metadata(*it)});
  } catch (const Xapian::DatabaseError& e) {
    lose_live(e);
  }
}

// A full run builds without an index it cannot read; any other run stops before writing.
void IndexRun::lose_live(const Xapian::Error& e) {
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

// One JSON file an option names (--entities, --corrections), parsed; IndexError naming it.
template <typename Convert>
auto IndexRun::read_json_option(const std::string& file, Convert convert) {
  std::string error;
  auto read = read_file_bytes(file, {{}, /*follow_link=*/true, 256 * 1024 * 1024}, error);
  if (!read) throw IndexError(file + ": " + error);
  try {
    JsonLimits limits;
    limits.max_depth = 256;
    return convert(parse_json_text(read->bytes, limits));
  } catch (const std::exception& e) {
    throw IndexError(file + ": " + e.what());
  }
}

// Entities imported by earlier runs (stored in the index) and by this one (--entities), merged.
Gazetteer IndexRun::imported_entities() {
  Gazetteer stored_only;
  stored_only.add_json(nlohmann::json::parse(stored_.entities, nullptr, false));
  std::vector<Entity> imported = stored_only.entities();
  for (const std::string& file : options_.entity_files) {
    EntityImport import =
        read_json_option(file, [](const nlohmann::json& j) { return import_entities(j); });
    for (Entity& e : import.entities) imported.push_back(std::move(e));
    import.entities.clear();
    summary_.imports.emplace_back(file, std::move(import));
  }
  Gazetteer merged;
  for (Entity e : imported) merged.add(std::move(e));
  return merged;
}

// The compiled-in gazetteers, plus the imported entities, then the analyst's corrections.
void IndexRun::load_entities() {
  gazetteer_ = Gazetteer::builtin();
  if (!options_.corrections_file.empty())
    corrections_ = read_json_option(options_.corrections_file, [](const nlohmann::json& j) {
      return Corrections::from_json(j);
    });
  Gazetteer merged = imported_entities();
  try {
    // Stored with the imports too, so searchd takes a corrected alias where no name holds it.
    corrections_.apply_aliases(merged);
    for (Entity e : merged.entities()) gazetteer_.add(std::move(e));
    corrections_.apply_aliases(gazetteer_);
  } catch (const std::exception& e) {
    throw IndexError(options_.corrections_file + ": " + e.what());
  }
  imported_entities_ = Gazetteer::to_json(merged.entities()).dump();
  if (options_.extract_entities) matcher_.emplace(gazetteer_, analyser_);
  Extraction extraction{&gazetteer_, matcher_ ? &*matcher_ : nullptr, &corrections_};
  builder_.emplace(analyser_, extraction);
  if (!shard_paths_.empty())
    build_.emplace(
        shard_paths_, extraction,
        [this](const BuildJob& job, const BuiltDocument& built) { count_built(job, built); });
  // What extraction ran with: a change to any of it re-reads every source.
  extraction_hash_ =
      content_hash(Gazetteer::to_json(gazetteer_.entities()).dump() + corrections_.source().dump() +
                   (options_.extract_entities ? "+extract" : "-extract"));
  reread_all_ = stored_.extraction != extraction_hash_;
}

void IndexRun::check_schema_version() {
  if (stored_.doccount == 0 && stored_.schema_version.empty()) return;
  if (stored_.schema_version != layout::kSchemaVersion)
    throw IndexUnreadable("index " + options_.db_path + " has schema version '" +
                          stored_.schema_version + "' but this indexer writes version " +
                          std::string(layout::kSchemaVersion) + ": rebuild it with --full");
}

// An index is one shard (or the whole) for good: a run with another spec would mix briefings of
// two shards into it, or leave out some of the whole. Checked by full runs too (a rebuild under
// the same --db keeps its place in the cluster); an index that could not be read has no spec.
void IndexRun::check_shard() {
  const std::string wanted = to_string(options_.shard);
  if (stored_.doccount == 0 && stored_.schema_version.empty()) return;
  if (stored_.shard == wanted) return;
  const auto name = [](const std::string& spec) {
    return spec.empty() ? std::string("the whole index (no --shard)") : "shard " + spec;
  };
  throw IndexError("index " + options_.db_path + " holds " + name(stored_.shard) +
                   " but this run writes " + name(wanted) +
                   ": give the same --shard as before, or index into another --db");
}

}  // namespace briefing
