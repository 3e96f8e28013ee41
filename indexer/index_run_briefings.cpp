// Each briefing of a run: written to the live generation or queued for a new one's shards,
// counted as added, changed or unchanged, and refused when another source owns its id.
#include <algorithm>

#include "duplicate_groups.h"
#include "index_layout.h"
#include "index_run_state.h"

namespace briefing {
namespace fs = std::filesystem;

// index_briefing, for the readers of whole files and of streams alike. The readers check what
// they return; should text that cannot be stored as JSON slip through anyway, it costs this
// briefing (counted as an id lost, so the file is read again), never the run.
bool IndexRun::index_or_skip(const Briefing& b, const std::string& path,
                             std::set<std::string>& ids) {
  // Another shard's briefing is not this index's concern: not written, not claimed, not
  // remembered as the source's, so a run of its own shard finds it as one index would.
  if (!in_shard(options_.shard, b.id)) return true;
  try {
    return index_briefing(b, path, ids);
  } catch (const nlohmann::json::exception& e) {
    skip(path, "id '" + b.id + "' cannot be stored: " + e.what());
    return false;
  }
}

bool IndexRun::index_briefing(const Briefing& b, const std::string& path,
                              std::set<std::string>& ids) {
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
  std::optional<std::string> old_group;  // the near-duplicate group of its earlier version
  bool same_signature = false;
  if (existing) {
    Xapian::Document old = reader_.get_document(*existing);
    old_group = old.get_value(layout::kDuplicateGroupValue);
    same_signature =
        old.get_value(layout::kSignature) == built.document.get_value(layout::kSignature);
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
    const PriorVersion prior{old.get_value(layout::kContentHash), old_path,
                             old.get_value(layout::kIndexedAt)};
    stamp_indexed_at(built, prior, path, run_started_);
    if (unchanged_from(prior, built, path)) {
      ++summary_.unchanged;
      if (!options_.full) return true;  // a full run writes every briefing into the new one
    } else {
      ++summary_.changed;
      note("change", b.id);
    }
  } else {
    stamp_indexed_at(built, std::nullopt, path, run_started_);
    claimed_[b.id] = path;
    ids.insert(b.id);
    ++summary_.added;
    note("add", b.id);
  }
  if (writer_) write_briefing(built, old_group, same_signature);
  return true;
}

// Into the live generation. Groups follow from ids and signatures alone: a rewrite with the same
// signature (an edit outside the body) has the same band terms, so the same near-duplicates. It
// keeps its group, and nothing needs settling for it (in a group of thousands that walk takes
// seconds); any other write is settled with the group its earlier version left.
void IndexRun::write_briefing(BuiltDocument& built, const std::optional<std::string>& old_group,
                              bool same_signature) {
  const bool keeps_group = old_group && !old_group->empty() && same_signature;
  if (keeps_group)
    set_group(built.document, *old_group);
  else if (old_group)
    group_seeds_.groups.insert(*old_group);
  const Xapian::docid docid = writer_->replace_document(built.id_term, built.document);
  if (!keeps_group) group_seeds_.written.insert(docid);
  // Spelling frequencies only grow (a changed briefing adds its words again); searchd checks
  // that a suggestion still finds something before offering it.
  for (const std::string& word : built.spelling) writer_->add_spelling(word);
}

// A source of this run, or one of another run's that is still there. Under this run's SOURCEs a
// file that was not listed (deleted, hidden, now a link out) is about to be deleted.
bool IndexRun::still_a_source(const std::string& path) const {
  if (path == kStandardInput) return true;  // until a run that reads `-` replaces it
  bool under_a_root = false;
  for (const auto& root : listing_.roots)
    under_a_root = under_a_root || within_folder(path, root.native());
  if (!under_a_root) return fs::exists(path);
  for (const auto& folder : listing_.unlisted)
    if (within_folder(path, folder.native())) return true;
  return std::ranges::binary_search(listing_.files, std::string_view(path), path_before,
                                    [](const SourceFile& f) { return std::string_view(f.path); });
}

std::optional<Xapian::docid> IndexRun::find(const std::string& id_term) const {
  auto it = reader_.postlist_begin(id_term);
  if (it == reader_.postlist_end(id_term)) return std::nullopt;
  return *it;
}

// A new generation: the briefing is built and written on a shard's thread; what the live index
// holds under its id is looked up here, where reader_ lives.
void IndexRun::queue_briefing(const Briefing& b, const std::string& path,
                              std::set<std::string>& ids) {
  BuildJob job{b, path, std::nullopt, run_started_};
  try {
    if (auto existing = find(std::string(layout::kId) + b.id)) {
      Xapian::Document old = reader_.get_document(*existing);
      job.prior =
          PriorVersion{old.get_value(layout::kContentHash), old.get_value(layout::kSourcePath),
                       old.get_value(layout::kIndexedAt)};
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
void IndexRun::count_built(const BuildJob& job, const BuiltDocument& built) {
  if (!job.prior) {
    ++summary_.added;
    note("add", built.briefing.id);
  } else if (unchanged_from(*job.prior, built, job.source_path)) {
    ++summary_.unchanged;
  } else {
    ++summary_.changed;
    note("change", built.briefing.id);
  }
}

}  // namespace briefing
