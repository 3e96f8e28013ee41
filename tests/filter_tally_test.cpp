// FilterTally as tables over a real index of six briefings spelled out below: which filters a
// request sets -> how many briefings match and what each facet counts (a filtered facet counts as
// if its own filter were off, a briefing failing two filters counts nowhere), whether the table
// can count without reading documents, and count_matches over words.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>
#include <catch2/catch.hpp>

#include "analyser.h"
#include "facet_table.h"
#include "filter_tally.h"
#include "small_index.h"
#include "timestamp.h"

using briefing::Facet;
using briefing::FacetTable;
using briefing::FilterTally;
using briefing::SearchRequest;
using briefing::testing::SmallBriefing;
using briefing::testing::SmallIndex;

namespace {

using Counts = std::map<std::string, std::uint32_t>;  // value -> count, zeros left out

// Six briefings a month apart. "report" is in five of them (most of the index: counted
// backwards), "pipeline" in three.
const SmallBriefing kBriefings[] = {
    {"b1",
     "2026-01-10T12:00:00Z",
     "Briefing one",
     "pipeline report",
     {"APT28"},
     {"Microsoft"},
     {"US"},
     "Technology",
     "Breaking"},
    {"b2",
     "2026-02-10T12:00:00Z",
     "Briefing two",
     "pipeline report",
     {"APT28", "Lazarus Group"},
     {"Cisco"},
     {"US", "KP"},
     "Technology",
     "Update"},
    {"b3",
     "2026-03-10T12:00:00Z",
     "Briefing three",
     "pipeline report",
     {"Lazarus Group"},
     {"Microsoft", "Cisco"},
     {"KP"},
     "Politics",
     "Breaking"},
    {"b4",
     "2026-04-10T12:00:00Z",
     "Briefing four",
     "report",
     {},
     {"Microsoft"},
     {"DE"},
     "Politics",
     "Update"},
    {"b5",
     "2026-05-10T12:00:00Z",
     "Briefing five",
     "report",
     {"APT28"},
     {},
     {"US"},
     "Technology",
     "Breaking"},
    {"b6",
     "2026-06-10T12:00:00Z",
     "Briefing six",
     "harbour",
     {"Lazarus Group"},
     {"Cisco"},
     {"DE"},
     "Economy",
     "Update"},
};

const SmallIndex& index() {
  static const SmallIndex index("filter-tally", {std::begin(kBriefings), std::end(kBriefings)});
  return index;
}

const FacetTable& table() {
  static const auto table = FacetTable::build(index().db());
  return *table;
}

// What a request filters on: facet values (OR within a facet, AND across) and a date range.
struct Filters {
  std::vector<std::pair<Facet, std::string>> values;
  std::int64_t from = 0, to = 0;  // 0: no bound
};

// A tally of `f` over the table; `count` false: it only decides.
FilterTally tally_for(const Filters& f, bool count = true) {
  SearchRequest r;
  for (const auto& [facet, value] : f.values) r.values(facet).push_back(value);
  if (f.from) r.from = f.from;
  if (f.to) r.to = f.to;
  return FilterTally(table(), r, r.selected, count);
}

// The non-zero counts `tally` shows for facet f, by value name.
Counts counts_of(const FilterTally& tally, Facet f) {
  Counts out;
  const auto [first, end] = table().range(f);
  const std::vector<std::uint32_t>& counts = tally.counts(f);
  for (briefing::ValueId v = first; v < end; ++v)
    if (counts[v]) out[table().name(v)] = counts[v];
  return out;
}

// Expected counts of the facets a row checks.
using FacetCounts = std::map<Facet, Counts>;

void check_counts(const FilterTally& tally, const FacetCounts& expected) {
  for (const auto& [facet, counts] : expected) {
    INFO("facet " << briefing::facet_name(facet));
    CHECK(counts_of(tally, facet) == counts);
  }
}

const std::int64_t kFeb1 = briefing::epoch_seconds({2026, 2, 1});
const std::int64_t kMar1 = briefing::epoch_seconds({2026, 3, 1});
const std::int64_t kApr30 = briefing::epoch_seconds({2026, 4, 30, 23, 59, 59});

struct Row {
  const char* label;
  Filters filters;
  std::uint64_t matched;
  bool whole;  // count_everything() can count it from the table alone
  FacetCounts counts;
};

// Each briefing counts for the matches, or for the one facet whose filter it fails.
const Row kRows[] = {
    {"no filter: every briefing, every value",
     {},
     6,
     true,
     {{Facet::kActor, {{"APT28", 3}, {"Lazarus Group", 3}}},
      {Facet::kVendor, {{"Microsoft", 3}, {"Cisco", 3}}},
      {Facet::kRegion, {{"US", 3}, {"KP", 2}, {"DE", 2}}},
      {Facet::kCategory, {{"Technology", 3}, {"Politics", 2}, {"Economy", 1}}}}},
    {"one actor: the actor facet counts as if unfiltered",
     {{{Facet::kActor, "APT28"}}},
     3,
     true,
     {{Facet::kActor, {{"APT28", 3}, {"Lazarus Group", 3}}},
      {Facet::kVendor, {{"Microsoft", 1}, {"Cisco", 1}}},
      {Facet::kRegion, {{"US", 3}, {"KP", 1}}}}},
    {"two actors OR",
     {{{Facet::kActor, "APT28"}, {Facet::kActor, "Lazarus Group"}}},
     5,
     false,
     {{Facet::kVendor, {{"Microsoft", 2}, {"Cisco", 3}}},
      {Facet::kRegion, {{"US", 3}, {"KP", 2}, {"DE", 1}}}}},
    {"actor and vendor: each counts over the other's filter",
     {{{Facet::kActor, "APT28"}, {Facet::kVendor, "Microsoft"}}},
     1,
     false,
     {{Facet::kActor, {{"APT28", 1}, {"Lazarus Group", 1}}},
      {Facet::kVendor, {{"Microsoft", 1}, {"Cisco", 1}}},
      {Facet::kRegion, {{"US", 1}}}}},
    {"three filters: a briefing failing two counts nowhere",
     {{{Facet::kActor, "Lazarus Group"}, {Facet::kVendor, "Cisco"}, {Facet::kRegion, "KP"}}},
     2,
     false,
     {{Facet::kActor, {{"APT28", 1}, {"Lazarus Group", 2}}},
      {Facet::kVendor, {{"Cisco", 2}, {"Microsoft", 1}}},
      {Facet::kRegion, {{"US", 1}, {"KP", 2}, {"DE", 1}}},
      {Facet::kCategory, {{"Technology", 1}, {"Politics", 1}}}}},
    {"status and category",
     {{{Facet::kStatus, "Breaking"}, {Facet::kCategory, "Technology"}}},
     2,
     false,
     {{Facet::kStatus, {{"Breaking", 2}, {"Update", 1}}},
      {Facet::kCategory, {{"Technology", 2}, {"Politics", 1}}}}},
    {"a date range alone",
     {{}, kFeb1, kApr30},
     3,
     true,
     {{Facet::kActor, {{"APT28", 1}, {"Lazarus Group", 2}}},
      {Facet::kVendor, {{"Microsoft", 2}, {"Cisco", 2}}},
      {Facet::kRegion, {{"US", 1}, {"KP", 2}, {"DE", 1}}}}},
    {"a region and an open date range",
     {{{Facet::kRegion, "DE"}}, kMar1, 0},
     2,
     false,
     {{Facet::kRegion, {{"KP", 1}, {"DE", 2}, {"US", 1}}},
      {Facet::kVendor, {{"Microsoft", 1}, {"Cisco", 1}}},
      {Facet::kActor, {{"Lazarus Group", 1}}}}},
    {"a value the index does not have: nothing matches, its facet counts all",
     {{{Facet::kActor, "Nobody"}}},
     0,
     true,
     {{Facet::kActor, {{"APT28", 3}, {"Lazarus Group", 3}}}, {Facet::kVendor, {}}}},
};

}  // namespace

TEST_CASE("filter tally: every briefing counts for the matches or the one filter it fails",
          "[facets][tally]") {
  for (const Row& row : kRows) {
    INFO(row.label);
    FilterTally tally = tally_for(row.filters);
    FilterTally deciding = tally_for(row.filters, false);
    std::uint64_t passed = 0;
    for (Xapian::docid d = 1; d <= table().last_docid(); ++d) {
      if (!table().has(d)) continue;
      const bool passes = tally.add(d);
      passed += passes;
      CHECK(deciding.add(d) == passes);
    }
    CHECK(tally.matched() == row.matched);
    CHECK(passed == row.matched);
    CHECK(deciding.matched() == row.matched);  // count false: only decides
    check_counts(tally, row.counts);
  }
}

TEST_CASE("filter tally: counting from the table alone agrees with reading every briefing",
          "[facets][tally]") {
  for (const Row& row : kRows) {
    INFO(row.label);
    FilterTally whole = tally_for(row.filters);
    CHECK(whole.count_everything() == row.whole);
    if (!row.whole) continue;
    CHECK(whole.matched() == row.matched);
    check_counts(whole, row.counts);
  }
}

TEST_CASE("filter tally: remove undoes add", "[facets][tally]") {
  for (const Row& row : kRows) {
    INFO(row.label);
    FilterTally evens = tally_for(row.filters);
    FilterTally all_less_odds = tally_for(row.filters);
    for (Xapian::docid d = 1; d <= table().last_docid(); ++d) {
      all_less_odds.add(d);
      if (d % 2 == 0) evens.add(d);
    }
    for (Xapian::docid d = 1; d <= table().last_docid(); d += 2) all_less_odds.remove(d);
    CHECK(all_less_odds.matched() == evens.matched());
    for (Facet f : briefing::kAllFacets) {
      if (f == Facet::kDate) continue;
      INFO("facet " << briefing::facet_name(f));
      CHECK(counts_of(all_less_odds, f) == counts_of(evens, f));
    }
  }
}

TEST_CASE("filter tally: count_matches over words, forwards, backwards and through Xapian",
          "[facets][tally]") {
  briefing::Analyser analyser;
  auto term = [&](const std::string& word) { return analyser.terms(word).at(0); };
  struct WordRow {
    const char* label;
    std::vector<std::string> words;  // ANDed; one word is read straight from its posting list
    Filters filters;
    std::uint64_t matched;
    FacetCounts counts;
  };
  const WordRow rows[] = {
      {"a word in most briefings, no filter: counted backwards",
       {"report"},
       {},
       5,
       {{Facet::kActor, {{"APT28", 3}, {"Lazarus Group", 2}}},
        {Facet::kVendor, {{"Microsoft", 3}, {"Cisco", 2}}}}},
      {"a word in most briefings, one actor: backwards from the pair counts",
       {"report"},
       {{{Facet::kActor, "APT28"}}},
       3,
       {{Facet::kActor, {{"APT28", 3}, {"Lazarus Group", 2}}},
        {Facet::kVendor, {{"Microsoft", 1}, {"Cisco", 1}}}}},
      {"a word in most briefings, a date range: backwards from the range",
       {"report"},
       {{}, kFeb1, kApr30},
       3,
       {{Facet::kActor, {{"APT28", 1}, {"Lazarus Group", 2}}}}},
      {"a word in most briefings, two facets: forwards",
       {"report"},
       {{{Facet::kActor, "APT28"}, {Facet::kVendor, "Microsoft"}}},
       1,
       {{Facet::kActor, {{"APT28", 1}, {"Lazarus Group", 1}}},
        {Facet::kVendor, {{"Microsoft", 1}, {"Cisco", 1}}}}},
      {"a word in half the briefings: its posting list",
       {"pipeline"},
       {{{Facet::kActor, "APT28"}}},
       2,
       {{Facet::kActor, {{"APT28", 2}, {"Lazarus Group", 2}}},
        {Facet::kVendor, {{"Microsoft", 1}, {"Cisco", 1}}}}},
      {"two words: a Xapian match",
       {"pipeline", "report"},
       {{{Facet::kRegion, "KP"}}},
       2,
       {{Facet::kRegion, {{"US", 2}, {"KP", 2}}},
        {Facet::kActor, {{"APT28", 1}, {"Lazarus Group", 2}}}}},
  };
  for (const WordRow& row : rows) {
    INFO(row.label);
    std::vector<Xapian::Query> terms;
    for (const std::string& w : row.words) terms.emplace_back(term(w));
    const Xapian::Query matching(Xapian::Query::OP_AND, terms.begin(), terms.end());
    const std::string single = row.words.size() == 1 ? term(row.words[0]) : "";
    FilterTally tally = tally_for(row.filters);
    CHECK(briefing::count_matches(index().db(), matching, single, tally, std::nullopt));
    CHECK(tally.matched() == row.matched);
    check_counts(tally, row.counts);
  }
}
