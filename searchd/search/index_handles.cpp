// The handle pool (index_handles.h).
#include "index_handles.h"

#include <sys/stat.h>

namespace briefing {

IndexHandles::FileStamp IndexHandles::stamp(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  return {st.st_ino,
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

std::unique_ptr<IndexHandle> IndexHandles::checkout() {
  std::unique_ptr<IndexHandle> h;
  std::uint64_t current;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    FileStamp now = stamp(path_);
    if (!(now == stub_stamp_)) {
      stub_stamp_ = now;
      ++generation_;
      idle_.clear();  // handles on the old generation are dropped as they come back
    }
    current = generation_;
    if (!idle_.empty()) {
      h = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (h && h->generation == current) {
    h->db.reopen();
    return h;
  }
  return std::make_unique<IndexHandle>(path_, current);
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
