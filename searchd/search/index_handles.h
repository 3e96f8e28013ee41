// The handles searches read the index through: a Xapian::Database and an Analyser are not safe to
// share between threads, so each request checks one out, brought up to date, and gives it back.
// A rebuilt index (a new stub renamed into place) starts a new generation of handles, and so does
// a read replica whose live copy xapian-replicate switched (a new XAPIANDB inside the folder the
// stub names): reopen() re-reads neither stub, so only handles opened anew see the switch.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "analyser.h"
#include "errors.h"

namespace briefing {

// What the per-revision caches are keyed on: the database's revision, for one database. Xapian
// gives no revision for several (remote shards), so there it is a fingerprint of what every change
// moves: the documents, the last docid and the total length, summed over the shards (also for one
// remote shard, which has no revision to give either). A change that moves none of them (a
// document replaced by one of the same length) keeps the cached wildcard expansions of the old
// revision until the next change. Read off the revision the handle has open: no I/O.
std::uint64_t index_revision(const Xapian::Database& db);

// A generation of the index and a revision within it.
struct IndexVersion {
  std::uint64_t generation = 0, revision = 0;
  bool operator==(const IndexVersion&) const = default;
};

// Which handle a piece of work runs on (IndexHandles::checkout).
struct HandleWanted {
  // An idle one still open at this version, if there is one. (The defaults let a designated
  // initializer name one field without -Wmissing-field-initializers.)
  std::optional<IndexVersion> keep = std::nullopt;
  // Not an idle one open at this version (one kept for the searches served from it): a handle
  // on the index as it is now, while searches are kept at `spare` (revision_caches.h).
  std::optional<IndexVersion> spare = std::nullopt;
  bool own = false;  // a new one, leaving the idle ones at their versions, not pooled after
};

struct IndexHandle {
  IndexHandle(const std::string& path, std::uint64_t gen) : db(path), generation(gen) {}
  Xapian::Database db;
  Analyser analyser;
  std::uint64_t generation;  // of the stub it was opened from
};

class IndexHandles {
 public:
  explicit IndexHandles(std::string path) : path_(std::move(path)) {}
  const std::string& path() const { return path_; }

  // A handle on the index as it is now: reopened if it changed, new if the stub switched. With
  // `keep`, an idle handle still open at that version is handed out as it is (a search served
  // from the previous revision while the facet table of the next is built: revision_caches.h).
  std::unique_ptr<IndexHandle> checkout(HandleWanted wanted = {});
  // The version a handle checked out now would open, read through a handle of its own so that
  // no idle one moves on.
  IndexVersion latest();
  // The last part of the folder the stub names ("g000003"), empty when the path is a folder.
  std::string generation_name();
  void give_back(std::unique_ptr<IndexHandle> handle);

  // Runs `work(IndexHandle&)` on a handle brought up to date. A DatabaseModifiedError (the indexer
  // committed twice while we read) is answered by reopening and trying again, so an indexer run
  // never fails a request. Xapian's errors (which are not std::exceptions) leave here as
  // IndexError: the one place the search library converts them.
  template <class Work>
  auto with_handle(Work&& work) {
    return with_handle(HandleWanted{}, std::forward<Work>(work));
  }
  // The same on the handle wanted; a retry takes the index as it is now.
  template <class Work>
  auto with_handle(HandleWanted wanted, Work&& work) {
    for (int attempt = 0;; ++attempt) {
      try {
        if (attempt > 0) wanted.keep.reset();
        std::unique_ptr<IndexHandle> h = checkout(wanted);
        auto result = work(*h);
        if (!wanted.own) give_back(std::move(h));
        return result;
      } catch (const Xapian::DatabaseModifiedError& e) {
        if (attempt >= kAttempts)
          throw IndexError("the index kept changing while it was read: " + e.get_msg());
      } catch (const Xapian::DatabaseOpeningError& e) {
        // The generation we held was removed by a switch: the next checkout re-reads the stub.
        if (attempt >= kAttempts) throw IndexError("cannot open the index: " + e.get_msg());
        forget_stub();
      } catch (const Xapian::Error& e) {
        throw IndexError(e.get_type() + std::string(": ") + e.get_msg());
      }
    }
  }

 private:
  // What identifies the file at the index path: a rebuilt index renames a new stub into place.
  struct FileStamp {
    ino_t inode = 0;
    std::int64_t mtime_ns = 0;
    bool operator==(const FileStamp&) const = default;
  };
  static FileStamp stamp(const std::string& path);
  // True when the stub, or a replica stub inside a folder it names, was replaced since the last
  // call; then re-reads the stub for what to watch. Called under mutex_.
  bool stubs_switched();
  void forget_stub();
  // The current generation, counting a switch of the stubs. Called under mutex_.
  std::uint64_t current_generation();

  static constexpr int kAttempts = 3;
  const std::string path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<IndexHandle>> idle_;
  FileStamp stub_stamp_;
  // "FOLDER/XAPIANDB" of each local folder the stub names (or the path is), and their stamps: the
  // stub xapian-replicate renames into place when a full copy becomes live.
  std::vector<std::string> replica_stubs_;
  std::vector<FileStamp> replica_stamps_;
  std::string generation_name_;
  std::uint64_t generation_ = 0;
  std::mutex probe_mutex_;
  std::unique_ptr<IndexHandle> probe_;  // latest()'s own
};

}  // namespace briefing
