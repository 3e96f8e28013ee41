// A search's deadline inside Xapian's passes. Xapian's own time limit (Enquire::set_time_limit)
// only gives up check_at_least: a conjunction of wildcards over thousands of posting lists still
// runs to its end. It also arms a POSIX timer per match, and with budgets of a few microseconds
// (a search that waited for its slot) searchd crashed in free() under a flood, so it is not used.
// A clock read from a match decider or spy, every few dozen documents, ends the pass instead
// (Xapian lets the callback's exception through and stays usable).
#pragma once

#include <chrono>
#include <optional>

#include <xapian.h>

namespace briefing {

// Thrown out of a Xapian pass when its deadline has passed.
struct DeadlinePassed {};

class Deadline {
 public:
  using Clock = std::chrono::steady_clock;
  // nullopt: never passes.
  explicit Deadline(std::optional<double> seconds);
  // Whether the deadline has passed (the clock is read every 64 calls: a call costs a few ns).
  bool passed() const;
  // Throws DeadlinePassed when passed().
  void check() const {
    if (passed()) throw DeadlinePassed{};
  }

 private:
  std::optional<Clock::time_point> at_;
  mutable unsigned calls_ = 0;
};

// Enquire::get_mset(first, count, check_at_least) ended at the deadline (nullopt: no limit):
// nullopt when it passed first. Match spies may have seen part of the match by then.
std::optional<Xapian::MSet> get_mset_within(Xapian::Enquire& enquire, Xapian::doccount first,
                                            Xapian::doccount count, Xapian::doccount check_at_least,
                                            std::optional<double> seconds);

struct RankedPage {
  Xapian::MSet mset;
  bool cut = false;  // the deadline ended the ranking: the page is not the best one
};

// Ranks [first, first + count) of `enquire` (its query, order and weighting set by the caller)
// within `seconds` (nullopt: no limit), checking at least `check_at_least` documents. When the
// deadline ends the ranking, the page is the first matches in index order, newest first,
// unranked, found within a short grace period (match spies are removed first: they would count
// the same documents twice).
RankedPage rank_within(Xapian::Enquire& enquire, Xapian::doccount first, Xapian::doccount count,
                       Xapian::doccount check_at_least, std::optional<double> seconds);

}  // namespace briefing
