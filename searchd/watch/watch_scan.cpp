// Watch looks. The high-water mark is the newest write time (layout::kIndexedAt) seen; the next
// look asks for writes at or after it (an indexer run that starts in the same second writes the
// same time), so the briefings already queued at the mark are remembered and skipped.
#include "watch_scan.h"

#include <algorithm>
#include <limits>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "timestamp.h"

namespace briefing::watch {
namespace {

using nlohmann::json;

using SeenKeys = std::set<std::pair<std::string, std::string>>;  // (id, content hash)

// Keeps what a look from `high_water` can still find.
void prune(std::vector<SeenBriefing>& seen, std::int64_t high_water) {
  std::erase_if(seen, [high_water](const SeenBriefing& s) { return s.indexed_at < high_water; });
}

Look baseline(Searcher& searcher, const SearchRequest& request) {
  const std::int64_t newest =
      searcher.changed_since(request, std::numeric_limits<std::int64_t>::max(), 0)
          .newest_indexed_at;
  const ChangedBriefings at_newest = searcher.changed_since(request, newest, kMaxPerLook);
  Look look;
  look.high_water = std::max(newest, at_newest.newest_indexed_at);
  for (const ChangedBriefing& b : at_newest.briefings)
    look.seen.push_back({b.id, b.content_hash, b.indexed_at});
  prune(look.seen, *look.high_water);
  return look;
}

}  // namespace

std::string delivery_body(const Watch& watch, const ChangedBriefing& changed,
                          const std::string& stored) {
  const json full = json::parse(stored, nullptr, false);
  json briefing = json::object();
  if (full.is_object())
    for (const char* key : {"id", "title", "published", "url", "summary", "series", "category",
                            "status", "actors", "vendors", "regions"})
      if (full.contains(key)) briefing[key] = full[key];
  return json{{"delivery_id", watch.name + "/" + changed.id + "/" + changed.content_hash},
              {"watch", watch.name},
              {"indexed_at", format_timestamp(changed.indexed_at)},
              {"content_hash", changed.content_hash},
              {"briefings", json::array({briefing})}}
      .dump();
}

Look look_for_changes(Searcher& searcher, const Watch& watch, const WatchRecord& record,
                      std::int64_t now) {
  const SearchRequest request = watch.request(now);
  if (!record.high_water) return baseline(searcher, request);
  const ChangedBriefings changed = searcher.changed_since(request, *record.high_water, kMaxPerLook);
  Look look;
  look.seen = record.seen;
  // Cut short: the next look starts at the last write time taken. When every briefing taken has
  // the mark's own write time, a look cannot get further (the known limit: README).
  look.more = changed.truncated && changed.briefings.back().indexed_at > *record.high_water;
  SeenKeys keys;
  for (const SeenBriefing& s : record.seen) keys.emplace(s.id, s.content_hash);
  for (const ChangedBriefing& b : changed.briefings) {
    if (!keys.emplace(b.id, b.content_hash).second) continue;
    look.seen.push_back({b.id, b.content_hash, b.indexed_at});
    // Gone since the look (a later revision removed it): nothing to send.
    const std::optional<std::string> stored = searcher.briefing_json(b.id);
    if (!stored) continue;
    Delivery d;
    d.id = watch.name + "/" + b.id + "/" + b.content_hash;
    d.body = delivery_body(watch, b, *stored);
    look.queued.push_back(std::move(d));
  }
  look.high_water = changed.truncated ? changed.briefings.back().indexed_at
                                      : std::max(*record.high_water, changed.newest_indexed_at);
  prune(look.seen, *look.high_water);
  return look;
}

}  // namespace briefing::watch
