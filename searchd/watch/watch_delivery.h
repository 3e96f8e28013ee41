// What an answer from a webhook does to a watch's record: a 2xx retires the delivery, anything
// else schedules a retry after an exponential backoff, until the attempts run out.
#pragma once

#include <cstdint>
#include <string>

#include "watch_state.h"
#include "webhook_client.h"

namespace briefing::watch {

inline constexpr int kMaxAttempts = 10;                 // about four minutes of trying
inline constexpr std::int64_t kFirstRetryMs = 1000;     // then 2 s, 4 s, ...
inline constexpr std::int64_t kLongestRetryMs = 60000;  // ... at most a minute apart
inline constexpr int kAnswerTimeoutMs = 10000;

// The wait before the next attempt after `attempts` failed ones.
std::int64_t retry_delay_ms(int attempts);

enum class Outcome { delivered, retrying, gave_up, stale };

// Applies `answer` to the delivery `delivery_id` at the front of `record`'s queue (stale when it
// is no longer there). `now_ms` and `now_text` are the wall clock, as milliseconds and RFC 3339.
Outcome settle(WatchRecord& record, const std::string& delivery_id, const WebhookAnswer& answer,
               std::int64_t now_ms, const std::string& now_text);

}  // namespace briefing::watch
