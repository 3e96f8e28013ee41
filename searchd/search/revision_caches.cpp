// The per-revision caches (revision_caches.h).
#include "revision_caches.h"

#include <sys/resource.h>

#include <chrono>

#include <nlohmann/json.hpp>

#include "index_layout.h"

namespace briefing {
namespace {

constexpr int kBuilderNice = 10;

}  // namespace

std::shared_ptr<const EntityCache::State> EntityCache::for_index(const Xapian::Database& db) {
  std::string stored = db.get_metadata(std::string(layout::kEntitiesKey));
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (state_ && state_->stored == stored) return state_;
  }
  auto state = std::make_shared<State>(State{stored, Gazetteer::builtin()});
  state->gazetteer.add_json(nlohmann::json::parse(stored, nullptr, false));
  std::lock_guard<std::mutex> lock(mutex_);
  state_ = state;
  return state;
}

FacetTableCache::~FacetTableCache() {
  if (builder_.joinable()) builder_.join();
}

std::shared_ptr<const FacetTable> FacetTableCache::for_handle(IndexHandle& h) {
  if (!enabled_) return nullptr;
  const IndexVersion version{h.generation, index_revision(h.db)};
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (table_ && version_ == version) return table_;
    // A search kept on the previous revision that checked out after its table was replaced: that
    // table while another search still holds it, else count from the index (never build it back).
    if (previous_version_ == version) return previous_.lock();
    if (building_) return nullptr;
    building_ = true;
  }
  const auto started = std::chrono::steady_clock::now();
  std::shared_ptr<const FacetTable> built;
  try {
    built = FacetTable::build(h.db);
  } catch (...) {
    std::lock_guard<std::mutex> lock(mutex_);
    building_ = false;
    throw;
  }
  const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - started;
  std::lock_guard<std::mutex> lock(mutex_);
  building_ = false;
  if (table_) {
    previous_ = table_;
    previous_version_ = version_;
  }
  table_ = built;
  version_ = version;
  last_build_ms_ = took.count();
  return built;
}

bool FacetTableCache::builds_in_background() const {
  return enabled_ && table_ && last_build_ms_ >= background_past_ms_;
}

std::optional<IndexVersion> FacetTableCache::version_to_serve() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!builds_in_background()) return std::nullopt;
    if (building_ || background_) return version_;
  }
  IndexVersion latest;
  try {
    latest = handles_.latest();
  } catch (const Xapian::Error&) {
    return std::nullopt;  // the search's own checkout meets the problem and names it
  }
  std::lock_guard<std::mutex> lock(mutex_);
  // A revision whose build failed in the background is built by the next search itself, so
  // that the error reaches it (and warm()'s log) instead of every search serving the old one.
  if (latest == version_ || latest.generation != version_.generation || failed_ == latest)
    return std::nullopt;
  if (building_ || background_) return version_;
  background_ = true;
  if (builder_.joinable()) builder_.join();  // it has finished: background_ was clear
  builder_ = std::thread([this, latest] {
    // Below the searches on the cores (on Linux a nice value is per thread; who = 0: this one).
    setpriority(PRIO_PROCESS, 0, kBuilderNice);
    bool failed = false;
    try {
      // A new handle: the idle ones at the previous revision serve the searches meanwhile.
      handles_.with_handle(HandleWanted{.own = true},
                           [this](IndexHandle& h) { return for_handle(h); });
    } catch (...) {
      failed = true;  // nobody waits for this build
    }
    std::lock_guard<std::mutex> lock(mutex_);
    background_ = false;
    if (failed) failed_ = latest;
  });
  return version_;
}

std::optional<std::uint64_t> FacetTableCache::revision_in(std::uint64_t generation) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (table_ && version_.generation == generation) return version_.revision;
  return std::nullopt;
}

}  // namespace briefing
