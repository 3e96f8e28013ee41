#include "filter_tally.h"

#include <algorithm>
#include <chrono>

namespace briefing {

FilterTally::FilterTally(const FacetTable& table, const SearchRequest& request,
                         const std::vector<std::vector<std::string>>& selected, bool count)
    : table_(table), count_(count) {
  if (request.from) from_ = static_cast<double>(*request.from);
  if (request.to) to_ = static_cast<double>(*request.to);
  std::vector<Facet> unfiltered;
  for (Facet f : kAllFacets) {
    const int i = static_cast<int>(f);
    const bool filtered = f == Facet::kDate ? (from_ || to_) : !selected[i].empty();
    if (!filtered) {
      unfiltered.push_back(f);
      continue;
    }
    active_.push_back(f);
    if (f != Facet::kDate)
      for (const std::string& v : selected[i])
        if (auto id = table.find(f, v)) wanted_[i].push_back(*id);  // unknown: accepts nothing
    if (count_) alone_[i] = std::make_unique<FacetTally>(table, std::vector<Facet>{f});
  }
  matches_ = std::make_unique<FacetTally>(table, count_ ? unfiltered : std::vector<Facet>{});
}

bool FilterTally::passes(Facet f, Xapian::docid d) const {
  if (f == Facet::kDate) {
    const double when = table_.published(d);
    return (!from_ || when >= *from_) && (!to_ || when <= *to_);
  }
  const auto& wanted = wanted_[static_cast<int>(f)];
  for (ValueId v : table_.values(f, d))
    if (std::find(wanted.begin(), wanted.end(), v) != wanted.end()) return true;
  return false;
}

bool FilterTally::add(Xapian::docid d) {
  Facet failed = Facet::kDate;
  int failures = 0;
  for (Facet f : active_)
    if (!passes(f, d)) {
      failed = f;
      if (++failures > 1) return false;
    }
  if (failures == 1) {
    if (count_) alone_[static_cast<int>(failed)]->add(d);
    return false;
  }
  add_match(d);
  return true;
}

void FilterTally::add_match(Xapian::docid d) {
  ++matched_;
  if (!count_) return;
  matches_->add(d);
  for (Facet f : active_)
    if (!everything_[static_cast<int>(f)]) alone_[static_cast<int>(f)]->add(d);
}

void FilterTally::add_everything(Facet f) {
  if (!count_) return;
  auto& alone = alone_[static_cast<int>(f)];
  (alone ? *alone : *matches_).add_everything(f);
  everything_[static_cast<int>(f)] = true;
}

const std::vector<std::uint32_t>& FilterTally::counts(Facet f) const {
  const auto& alone = alone_[static_cast<int>(f)];
  return alone ? alone->counts() : matches_->counts();
}

void FilterTally::start_from_everything() {
  matched_ = table_.documents();
  for (Facet f : kAllFacets) add_everything(f);
}

void FilterTally::remove_if_present(Xapian::docid d) {
  if (!table_.has(d)) return;
  --matched_;
  if (count_) matches_->remove(d);
}

namespace {

class TallyEverySpy : public Xapian::MatchSpy {
 public:
  explicit TallyEverySpy(FilterTally& tally) : tally_(tally) {}
  void operator()(const Xapian::Document& doc, double) override { tally_.add(doc.get_docid()); }

 private:
  FilterTally& tally_;
};

}  // namespace

bool count_matches(const Xapian::Database& db, const Xapian::Query& matching,
                   const std::string& single_term, FilterTally& tally,
                   std::optional<double> seconds) {
  using Clock = std::chrono::steady_clock;
  if (seconds && *seconds <= 0) return false;
  const auto deadline = Clock::now() + std::chrono::duration<double>(seconds.value_or(0));
  auto expired = [&, n = std::uint32_t{0}]() mutable {
    return seconds && ++n % 256 == 0 && Clock::now() > deadline;
  };
  // Most of the index matches and nothing is filtered: counted backwards (see FilterTally).
  if (!single_term.empty() && tally.filtered().empty() &&
      2 * db.get_termfreq(single_term) > tally.documents()) {
    tally.start_from_everything();
    Xapian::docid next = 1;
    for (auto it = db.postlist_begin(single_term); it != db.postlist_end(single_term); ++it) {
      for (; next < *it; ++next) tally.remove_if_present(next);
      next = *it + 1;
      if (expired()) return false;
    }
    for (; next <= tally.last_docid(); ++next) tally.remove_if_present(next);
    return true;
  }
  if (!single_term.empty()) {
    // A posting list read straight through: no weights, no matcher, a few ns per document.
    for (auto it = db.postlist_begin(single_term); it != db.postlist_end(single_term); ++it) {
      tally.add(*it);
      if (expired()) return false;
    }
    return true;  // every match counted, even if the last ones came after the deadline
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(matching);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::DONT_CARE);
  if (seconds) enquire.set_time_limit(*seconds);
  TallyEverySpy spy(tally);
  enquire.add_matchspy(&spy);
  Xapian::MSet counted = enquire.get_mset(0, 0, db.get_doccount());
  return counted.get_matches_lower_bound() == counted.get_matches_upper_bound();
}

}  // namespace briefing
