// The per-revision caches (revision_caches.h).
#include "revision_caches.h"

#include <nlohmann/json.hpp>

#include "index_layout.h"

namespace briefing {

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

std::shared_ptr<const FacetTable> FacetTableCache::for_handle(IndexHandle& h) {
  if (!enabled_) return nullptr;
  const std::pair<std::uint64_t, std::uint64_t> key{h.generation, index_revision(h.db)};
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (table_ && key_ == key) return table_;
    if (building_) return nullptr;
    building_ = true;
  }
  std::shared_ptr<const FacetTable> built;
  try {
    built = FacetTable::build(h.db);
  } catch (...) {
    std::lock_guard<std::mutex> lock(mutex_);
    building_ = false;
    throw;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  building_ = false;
  table_ = built;
  key_ = key;
  return built;
}

std::optional<std::uint64_t> FacetTableCache::revision_in(std::uint64_t generation) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (table_ && key_.first == generation) return key_.second;
  return std::nullopt;
}

}  // namespace briefing
