// Filters decided and facets counted over the facet table (filter_tally.h).
#include "filter_tally.h"

#include <algorithm>
#include <bit>
#include <chrono>

#include "search_deadline.h"

namespace briefing {
namespace {

// The bits of the facets selected by a date range (facet.h).
constexpr std::uint8_t kRangeFacets = [] {
  std::uint8_t bits = 0;
  for (Facet f : kAllFacets)
    if (!selected_by_value(f)) bits |= static_cast<std::uint8_t>(1u << facet_index(f));
  return bits;
}();

}  // namespace

FilterTally::FilterTally(const FacetTable& table, const SearchRequest& request,
                         const PerFacet<std::vector<std::string>>& selected, bool count)
    : table_(table), accepts_(table.vocabulary_size(), 0), count_(count) {
  if (request.from) from_ = static_cast<double>(*request.from);
  if (request.to) to_ = static_cast<double>(*request.to);
  std::vector<Facet> unfiltered;
  for (Facet f : kAllFacets) {
    const std::size_t i = facet_index(f);
    const bool filtered = selected_by_value(f) ? !selected[i].empty() : (from_ || to_);
    if (!filtered) {
      unfiltered.push_back(f);
      continue;
    }
    active_.push_back(f);
    active_mask_ |= static_cast<std::uint8_t>(1u << i);
    if (selected_by_value(f))
      for (const std::string& v : selected[i])
        if (auto id = table.find(f, v))  // unknown: accepts nothing
          accepts_[*id] |= static_cast<std::uint8_t>(1u << i);
    if (count_) alone_[i] = std::make_unique<FacetTally>(table, std::vector<Facet>{f});
  }
  matches_ = std::make_unique<FacetTally>(table, count_ ? unfiltered : std::vector<Facet>{});
}

std::uint8_t FilterTally::failed_filters(Xapian::docid d) const {
  // One look at the row: each value sets the bits of the filters that accept it.
  std::uint8_t passed = 0;
  for (ValueId v : table_.row(d)) passed |= accepts_[v];
  if (from_ || to_) {
    const double when = table_.published(d);
    if ((!from_ || when >= *from_) && (!to_ || when <= *to_)) passed |= kRangeFacets;
  }
  return active_mask_ & static_cast<std::uint8_t>(~passed);
}

bool FilterTally::add(Xapian::docid d) {
  const std::uint8_t failed = failed_filters(d);
  if (failed == 0) {
    add_match(d);
    return true;
  }
  if (count_ && std::has_single_bit(failed)) alone_[std::countr_zero(failed)]->add(d);
  return false;
}

void FilterTally::remove(Xapian::docid d) {
  const std::uint8_t failed = failed_filters(d);
  if (failed == 0) {
    --matched_;
    if (!count_) return;
    matches_->remove(d);
    for (Facet f : active_) alone_[facet_index(f)]->remove(d);
  } else if (count_ && std::has_single_bit(failed)) {
    alone_[std::countr_zero(failed)]->remove(d);
  }
}

bool FilterTally::count_everything() {
  if (active_.empty()) {
    matched_ = table_.documents();
    if (count_)
      for (Facet f : kAllFacets) matches_->add_everything(f);
    return true;
  }
  if (active_.size() != 1) return false;
  const Facet f = active_.front();
  if (!selected_by_value(f)) {  // the range is a run of the table's newest-first list
    const auto in_range = table_.in_range(from_, to_);
    matched_ = in_range.size();
    if (count_) {
      alone_[facet_index(f)]->add_everything(f);
      for (Xapian::docid d : in_range) matches_->add(d);
    }
    return true;
  }
  const auto [first, end] = table_.range(f);
  std::optional<ValueId> only;
  for (ValueId v = first; v < end; ++v)
    if (accepts_[v]) {
      if (only) return false;  // several values: their documents overlap
      only = v;
    }
  if (!only) {  // a value the index does not have: nothing matches; f alone counts everything
    if (count_) alone_[facet_index(f)]->add_everything(f);
    return true;
  }
  if (table_.together(*only).empty()) return false;
  matched_ = table_.postings(*only).size();
  if (count_) {
    alone_[facet_index(f)]->add_everything(f);
    matches_->add_together(*only);
  }
  return true;
}

void FilterTally::add_match(Xapian::docid d) {
  ++matched_;
  if (!count_) return;
  matches_->add(d);
  for (Facet f : active_)
    if (!everything_[facet_index(f)]) alone_[facet_index(f)]->add(d);
}

void FilterTally::add_everything(Facet f) {
  if (!count_) return;
  auto& alone = alone_[facet_index(f)];
  (alone ? *alone : *matches_).add_everything(f);
  everything_[facet_index(f)] = true;
}

const std::vector<std::uint32_t>& FilterTally::counts(Facet f) const {
  const auto& alone = alone_[facet_index(f)];
  return alone ? alone->counts() : matches_->counts();
}

void FilterTally::remove_if_present(Xapian::docid d) {
  if (table_.has(d)) remove(d);
}

namespace {

class TallyEverySpy : public Xapian::MatchSpy {
 public:
  TallyEverySpy(FilterTally& tally, const Deadline& deadline)
      : tally_(tally), deadline_(deadline) {}
  void operator()(const Xapian::Document& doc, double) override {
    deadline_.check();
    tally_.add(doc.get_docid());
  }

 private:
  FilterTally& tally_;
  const Deadline& deadline_;
};

}  // namespace

bool count_matches(const Xapian::Database& db, const Xapian::Query& matching,
                   const std::string& single_term, FilterTally& tally,
                   std::optional<double> seconds) {
  if (seconds && *seconds <= 0) return false;
  const Deadline deadline(seconds);
  auto expired = [&deadline] { return deadline.passed(); };
  // Most of the index matches: counted backwards when the table can count all documents at once.
  if (!single_term.empty() && 2 * db.get_termfreq(single_term) > tally.documents() &&
      tally.count_everything()) {
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
  TallyEverySpy spy(tally, deadline);
  enquire.add_matchspy(&spy);
  try {
    Xapian::MSet counted = enquire.get_mset(0, 0, db.get_doccount());
    return counted.get_matches_lower_bound() == counted.get_matches_upper_bound();
  } catch (const DeadlinePassed&) {
    return false;  // what was counted so far stays counted
  }
}

}  // namespace briefing
