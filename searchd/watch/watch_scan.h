// One look of a watch at the index: the briefings written since its high-water mark that it
// has not queued yet, as deliveries, and where its next look starts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "searcher.h"
#include "watch_file.h"
#include "watch_state.h"

namespace briefing::watch {

// At most this many briefings are taken in one look; the rest come at the next (README).
inline constexpr std::size_t kMaxPerLook = 100000;

struct Look {
  std::optional<std::int64_t> high_water;
  std::vector<SeenBriefing> seen;  // what the next look must not queue again
  std::vector<Delivery> queued;    // new deliveries, oldest write first
  bool more = false;               // kMaxPerLook cut the look short: look again soon
};

// From `record`'s position (high-water mark and seen briefings). The first look of a watch
// (no mark) queues nothing: it takes the index as it is as the baseline.
Look look_for_changes(Searcher& searcher, const Watch& watch, const WatchRecord& record,
                      std::int64_t now);

// The JSON body POSTed for one briefing (the stored canonical JSON `stored`).
std::string delivery_body(const Watch& watch, const ChangedBriefing& changed,
                          const std::string& stored);

}  // namespace briefing::watch
