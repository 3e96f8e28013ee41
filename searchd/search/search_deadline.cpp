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

std::optional<Xapian::MSet> get_mset_within(Xapian::Enquire& enquire, Xapian::doccount first,
                                            Xapian::doccount count, Xapian::doccount check_at_least,
                                            std::optional<double> seconds) {
  if (!seconds) return enquire.get_mset(first, count, check_at_least);
  // With no time left the pass is not even begun: opening the posting lists of a large query
  // is itself a cost.
  if (*seconds <= 0) return std::nullopt;
  try {
    DeadlineDecider decider(*seconds);
    return enquire.get_mset(first, count, check_at_least, nullptr, &decider);
  } catch (const DeadlinePassed&) {
    return std::nullopt;
  }
}

RankedPage rank_within(Xapian::Enquire& enquire, Xapian::doccount first, Xapian::doccount count,
                       Xapian::doccount check_at_least, std::optional<double> seconds) {
  if (auto mset = get_mset_within(enquire, first, count, check_at_least, seconds))
    return {*mset, false};
  // Unranked: Xapian stops at the page's last match instead of weighing every candidate.
  enquire.clear_matchspies();
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_sort_by_relevance();
  enquire.set_docid_order(Xapian::Enquire::DESCENDING);
  auto unranked = get_mset_within(enquire, first, count, first + count, grace(*seconds));
  return {unranked.value_or(Xapian::MSet()), true};
}

}  // namespace briefing
