// The durable record of saved searches (`searchd --watch-state PATH`): per watch, where its next
// look starts, what it has already queued, and the deliveries not yet answered 2xx. Written
// whole to a temporary file, fsync'd and renamed over the old one, so a crash leaves either.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace briefing::watch {

// One POST to a webhook: its body is fixed when it is queued, so a retry sends the same bytes.
struct Delivery {
  std::string id;  // "<watch>/<briefing id>/<content hash>": the receiver's dedupe key
  std::string body;
  int attempts = 0;
  std::int64_t next_attempt_ms = 0;  // wall clock
  std::string last_error;
  bool operator==(const Delivery&) const = default;
};

// A briefing version already queued (or baselined), kept while it can still be found again:
// while its write time is the high-water mark.
struct SeenBriefing {
  std::string id, content_hash;
  std::int64_t indexed_at = 0;
  bool operator==(const SeenBriefing&) const = default;
};

struct WatchRecord {
  // The newest write time the watch has looked at; nullopt: never looked (the first look
  // takes the index as it is as the baseline and sends nothing).
  std::optional<std::int64_t> high_water;
  std::vector<SeenBriefing> seen;
  std::deque<Delivery> pending;  // oldest first: sent in order
  std::deque<Delivery> failed;   // gave up on (the newest kKeptFailed)
  std::uint64_t delivered = 0, failures = 0;
  std::string last_delivery;  // RFC 3339 of the last 2xx, empty before it
  std::string last_error;
  bool operator==(const WatchRecord&) const = default;
};

struct WatchState {
  std::map<std::string, WatchRecord> watches;
  bool operator==(const WatchState&) const = default;
};

inline constexpr std::size_t kKeptFailed = 20;

std::string state_to_json(const WatchState& state);
// Throws std::runtime_error naming what is wrong.
WatchState state_from_json(const std::string& text);

// The state at `path`, empty when there is no file yet; throws when it cannot be read or parsed.
WatchState load_state(const std::string& path);
// Writes `path` crash-safely (temp file beside it, fsync, rename, fsync of the folder); throws
// std::runtime_error when it cannot.
void save_state(const WatchState& state, const std::string& path);

}  // namespace briefing::watch
