// What is left of a search's time budget, as every stage of the search reads it: matching,
// counting and relaxing ask how long they may take, snippets and related events whether to run.
#pragma once

#include <chrono>
#include <optional>

namespace briefing {

using SearchClock = std::chrono::steady_clock;

inline double ms_since(SearchClock::time_point start) {
  return std::chrono::duration<double, std::milli>(SearchClock::now() - start).count();
}

class TimeBudget {
 public:
  // `limit_seconds` from now; 0 or less: no limit. `passes_bounded` false: the Xapian passes
  // run to their end whatever the limit (the deadline is a decider of ours, which a remote shard
  // cannot run); the stages between them still see the limit.
  explicit TimeBudget(double limit_seconds, bool passes_bounded = true)
      : started_(SearchClock::now()),
        limit_seconds_(limit_seconds),
        passes_bounded_(passes_bounded) {}

  bool limited() const { return limit_seconds_ > 0; }
  // Seconds left (negative once spent); without a limit, more than any search takes.
  double left() const {
    return limited() ? limit_seconds_ - ms_since(started_) / 1000 : kUnlimitedSeconds;
  }
  // For the Xapian passes (search_deadline.h): the seconds left, or nullopt without a limit.
  std::optional<double> for_pass() const {
    return limited() && passes_bounded_ ? std::optional<double>(left()) : std::nullopt;
  }
  bool spent() const { return left() <= 0; }
  double elapsed_ms() const { return ms_since(started_); }

 private:
  static constexpr double kUnlimitedSeconds = 1e9;
  SearchClock::time_point started_;
  double limit_seconds_;
  bool passes_bounded_;
};

}  // namespace briefing
