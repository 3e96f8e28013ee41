// The handle pool (index_handles.h).
#include "index_handles.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

#include "index_stub.h"

namespace briefing {
namespace {

namespace fs = std::filesystem;

struct StubTargets {
  std::vector<std::string> replica_stubs;
  std::string generation_name;
};

// The local folders the index path opens: itself when it is a folder, else those its stub names
// (paths relative to the stub's folder, as Xapian resolves them). Remote shards have no stub here.
StubTargets stub_targets(const std::string& path) {
  StubTargets out;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    out.replica_stubs.push_back((fs::path(path) / "XAPIANDB").string());
    return out;
  }
  for (const StubLine& line : read_stub(path)) {
    if (line.backend == "remote") continue;
    const fs::path target = local_target(path, line);
    if (out.generation_name.empty())
      out.generation_name =
          (target.has_filename() ? target : target.parent_path()).filename().string();
    out.replica_stubs.push_back((target / "XAPIANDB").string());
  }
  return out;
}

}  // namespace

IndexHandles::FileStamp IndexHandles::stamp(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  return {st.st_ino,
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

bool IndexHandles::stubs_switched() {
  const FileStamp now = stamp(path_);
  const bool stub_replaced = !(now == stub_stamp_);
  if (stub_replaced) {
    StubTargets targets = stub_targets(path_);
    stub_stamp_ = now;
    replica_stubs_ = std::move(targets.replica_stubs);
    generation_name_ = std::move(targets.generation_name);
  }
  std::vector<FileStamp> replicas;
  replicas.reserve(replica_stubs_.size());
  for (const std::string& replica_stub : replica_stubs_) replicas.push_back(stamp(replica_stub));
  const bool replica_switched = replicas != replica_stamps_;
  replica_stamps_ = std::move(replicas);
  return stub_replaced || replica_switched;
}

std::uint64_t index_revision(const Xapian::Database& db) {
  if (db.size() == 1) {
    try {
      return db.get_revision();
    } catch (const Xapian::UnimplementedError&) {
      // one remote shard: fingerprinted as several are
    }
  }
  std::uint64_t fingerprint = db.get_doccount();
  fingerprint = fingerprint * 1000003 + db.get_lastdocid();
  return fingerprint * 1000003 + db.get_total_length();
}

std::uint64_t IndexHandles::current_generation() {
  if (stubs_switched()) {
    ++generation_;
    idle_.clear();  // handles on the old generation are dropped as they come back
  }
  return generation_;
}

std::unique_ptr<IndexHandle> IndexHandles::checkout(HandleWanted wanted) {
  std::unique_ptr<IndexHandle> h;
  std::uint64_t current;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    current = current_generation();
    const std::optional<IndexVersion>& keep = wanted.keep;
    if (keep && keep->generation == current) {
      // The newest idle handles are the likeliest to have moved on: look from the oldest.
      auto at_keep = std::find_if(idle_.begin(), idle_.end(), [&](const auto& idle) {
        return index_revision(idle->db) == keep->revision;
      });
      if (at_keep != idle_.end()) {
        h = std::move(*at_keep);
        idle_.erase(at_keep);
        return h;
      }
    }
    // Without `spare`, the newest idle handle; with it, the newest not open at that version.
    auto reusable = std::find_if(idle_.rbegin(), idle_.rend(), [&](const auto& idle) {
      return !wanted.spare || index_revision(idle->db) != wanted.spare->revision;
    });
    if (reusable != idle_.rend() && !wanted.own) {
      h = std::move(*reusable);
      idle_.erase(std::next(reusable).base());
    }
  }
  if (h && h->generation == current) {
    h->db.reopen();
    return h;
  }
  return std::make_unique<IndexHandle>(path_, current);
}

IndexVersion IndexHandles::latest() {
  std::uint64_t current;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    current = current_generation();
  }
  std::lock_guard<std::mutex> lock(probe_mutex_);
  if (probe_ && probe_->generation == current)
    probe_->db.reopen();
  else
    probe_ = std::make_unique<IndexHandle>(path_, current);
  return {current, index_revision(probe_->db)};
}

std::string IndexHandles::generation_name() {
  std::lock_guard<std::mutex> lock(mutex_);
  return generation_name_;
}

void IndexHandles::give_back(std::unique_ptr<IndexHandle> handle) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (handle->generation == generation_) idle_.push_back(std::move(handle));
}

void IndexHandles::forget_stub() {
  std::lock_guard<std::mutex> lock(mutex_);
  stub_stamp_ = {};
}

}  // namespace briefing
