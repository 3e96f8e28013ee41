// The deadline check, and the ranking pass that keeps to it.
#include "search_deadline.h"

#include <algorithm>

namespace briefing {
namespace {

// Says yes to every document until the deadline.
class DeadlineDecider : public Xapian::MatchDecider {
 public:
  explicit DeadlineDecider(double seconds) : deadline_(seconds) {}
  bool operator()(const Xapian::Document&) const override {
    deadline_.check();
    return true;
  }

 private:
  Deadline deadline_;
};

// A tenth of the budget, at least 20 ms, to find some matches once ranking was cut.
double grace(double seconds) {
  return std::max(0.02, seconds / 10);
}

}  // namespace

Deadline::Deadline(std::optional<double> seconds) {
  if (seconds)
    at_ = Clock::now() +
          std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(*seconds));
}

bool Deadline::passed() const {
  return at_ && ++calls_ % 64 == 0 && Clock::now() > *at_;
}

RankedPage rank_within(Xapian::Enquire& enquire, Xapian::doccount first, Xapian::doccount count,
                       std::optional<double> seconds) {
  if (!seconds) return {enquire.get_mset(first, count, first + count), false};
  // With no time left, ranking is not even begun: opening the posting lists of a large query
  // is itself a cost, paid once more by the unranked pass.
  if (*seconds > 0) {
    try {
      DeadlineDecider decider(*seconds);
      return {enquire.get_mset(first, count, first + count, nullptr, &decider), false};
    } catch (const DeadlinePassed&) {
    }
  }
  // Unranked: Xapian stops at the page's last match instead of weighing every candidate.
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_sort_by_relevance();
  enquire.set_docid_order(Xapian::Enquire::DESCENDING);
  try {
    DeadlineDecider decider(grace(*seconds));
    return {enquire.get_mset(first, count, first + count, nullptr, &decider), true};
  } catch (const DeadlinePassed&) {
    return {Xapian::MSet(), true};
  }
}

}  // namespace briefing
