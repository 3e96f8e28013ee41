// Delivery outcomes: the record changes here only, so the runner's threads share one rule.
#include "watch_delivery.h"

#include <algorithm>

namespace briefing::watch {

std::int64_t retry_delay_ms(int attempts) {
  std::int64_t delay = kFirstRetryMs;
  for (int i = 1; i < attempts && delay < kLongestRetryMs; ++i) delay *= 2;
  return std::min(delay, kLongestRetryMs);
}

Outcome settle(WatchRecord& record, const std::string& delivery_id, const WebhookAnswer& answer,
               std::int64_t now_ms, const std::string& now_text) {
  if (record.pending.empty() || record.pending.front().id != delivery_id) return Outcome::stale;
  Delivery& d = record.pending.front();
  if (answer.ok()) {
    record.pending.pop_front();
    ++record.delivered;
    record.last_delivery = now_text;
    return Outcome::delivered;
  }
  ++d.attempts;
  d.last_error = answer.error;
  record.last_error = now_text + " " + delivery_id + ": " + answer.error;
  if (d.attempts < kMaxAttempts) {
    d.next_attempt_ms = now_ms + retry_delay_ms(d.attempts);
    return Outcome::retrying;
  }
  ++record.failures;
  record.failed.push_back(std::move(d));
  record.pending.pop_front();
  while (record.failed.size() > kKeptFailed) record.failed.pop_front();
  return Outcome::gave_up;
}

}  // namespace briefing::watch
