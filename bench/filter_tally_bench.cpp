// filter_tally_bench: the disjunctive facet tally (searchd/facets/filter_tally.h) over the
// in-memory facet table of a real index of generated briefings, every briefing fed to it, for a
// few filter sets. Checked first: every facet's counts equal a brute-force count over the
// briefings themselves (a facet with a filter counted as if its own filter were off).
#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>

#include "facet_layout.h"
#include "facet_table.h"
#include "filter_tally.h"
#include "micro_corpus.h"
#include "micro_main.h"
#include "timestamp.h"

namespace {

using briefing::Briefing;
using briefing::Facet;
using briefing::SearchRequest;
using briefing::bench::expect;
using Counts = std::map<std::string, std::uint32_t>;  // value -> count, zeros left out

constexpr std::size_t kBriefings = 2000;
constexpr Facet kValueFacets[] = {Facet::kActor,  Facet::kVendor,   Facet::kRegion,
                                  Facet::kSeries, Facet::kCategory, Facet::kStatus};

// Whether `b` passes the request's filter on `f` (true when `f` has none).
bool passes(const Briefing& b, const SearchRequest& r, Facet f) {
  if (f == Facet::kDate)
    return (!r.from || b.published >= *r.from) && (!r.to || b.published <= *r.to);
  const std::vector<std::string>& wanted = r.values(f);
  if (wanted.empty()) return true;
  for (const std::string& v : briefing::facet_values(b, f))
    for (const std::string& w : wanted)
      if (v == w) return true;
  return false;
}

bool passes_all_but(const Briefing& b, const SearchRequest& r, std::optional<Facet> skipped) {
  for (Facet f : briefing::kAllFacets)
    if (f != skipped && !passes(b, r, f)) return false;
  return true;
}

// What FilterTally must show for `f`: its values over the briefings that pass every other filter.
Counts brute_force(const briefing::bench::GeneratedIndex& index, const SearchRequest& r, Facet f) {
  Counts out;
  for (const Briefing& b : index.briefings())
    if (passes_all_but(b, r, f))
      for (const std::string& v : briefing::facet_values(b, f)) ++out[v];
  return out;
}

Counts tallied(const briefing::FacetTable& table, const briefing::FilterTally& tally, Facet f) {
  Counts out;
  const auto [first, end] = table.range(f);
  for (briefing::ValueId v = first; v < end; ++v)
    if (tally.counts(f)[v]) out[table.name(v)] = tally.counts(f)[v];
  return out;
}

std::string most_common(const briefing::bench::GeneratedIndex& index, Facet f, std::size_t rank) {
  std::vector<std::pair<std::uint32_t, std::string>> by_count;
  for (const auto& [value, n] : brute_force(index, SearchRequest{}, f))
    by_count.emplace_back(n, value);
  std::sort(by_count.begin(), by_count.end(), std::greater<>());
  expect(rank < by_count.size(), "the corpus has too few values of " +
                                     std::string(briefing::facet_name(f)) + " to filter on");
  return by_count[rank].second;
}

struct FilterSet {
  std::string name;
  SearchRequest request;
};

// Filters on the corpus's most common values, so that each set matches something.
std::vector<FilterSet> filter_sets(const briefing::bench::GeneratedIndex& index) {
  std::vector<FilterSet> sets(5);
  sets[0].name = "no_filter";
  sets[1].name = "one_vendor";
  sets[1].request.values(Facet::kVendor) = {most_common(index, Facet::kVendor, 0)};
  sets[2].name = "two_actors_or";
  sets[2].request.values(Facet::kActor) = {most_common(index, Facet::kActor, 0),
                                           most_common(index, Facet::kActor, 1)};
  sets[3].name = "actor_region_dates";
  sets[3].request.values(Facet::kActor) = {most_common(index, Facet::kActor, 0)};
  sets[3].request.values(Facet::kRegion) = {most_common(index, Facet::kRegion, 0)};
  sets[3].request.from = briefing::epoch_seconds({2023, 1, 1});
  sets[3].request.to = briefing::epoch_seconds({2025, 12, 31, 23, 59, 59});
  sets[4].name = "region_category_status";
  sets[4].request.values(Facet::kRegion) = {most_common(index, Facet::kRegion, 1)};
  sets[4].request.values(Facet::kCategory) = {most_common(index, Facet::kCategory, 0)};
  sets[4].request.values(Facet::kStatus) = {most_common(index, Facet::kStatus, 0)};
  return sets;
}

void check(const briefing::bench::GeneratedIndex& index, const briefing::FacetTable& table,
           const FilterSet& set) {
  briefing::FilterTally tally(table, set.request, set.request.selected, true);
  for (const auto& [d, at] : index.docids()) tally.add(d);
  std::uint64_t matched = 0;
  for (const Briefing& b : index.briefings()) matched += passes_all_but(b, set.request, {});
  expect(matched > 0, set.name + ": no briefing passes the filters; the set measures nothing");
  expect(tally.matched() == matched, set.name + ": the tally matched " +
                                         std::to_string(tally.matched()) + " briefings, not " +
                                         std::to_string(matched));
  for (Facet f : kValueFacets)
    expect(tallied(table, tally, f) == brute_force(index, set.request, f),
           set.name + ": the counts of facet " + std::string(briefing::facet_name(f)) +
               " differ from a brute-force count");
}

struct Inputs {
  briefing::bench::GeneratedIndex index{"filter-tally-bench",
                                        briefing::bench::generated_briefings(kBriefings)};
  std::shared_ptr<const briefing::FacetTable> table = briefing::FacetTable::build(index.db());
  std::vector<Xapian::docid> docids;
};

void prepare() {
  auto in = std::make_shared<Inputs>();
  for (const auto& [d, at] : in->index.docids()) in->docids.push_back(d);
  for (const FilterSet& set : filter_sets(in->index)) {
    check(in->index, *in->table, set);
    const std::string name = "filter_tally/" + set.name;
    benchmark::RegisterBenchmark(name.c_str(), [in, set](benchmark::State& state) {
      for (auto _ : state) {
        briefing::FilterTally tally(*in->table, set.request, set.request.selected, true);
        for (Xapian::docid d : in->docids) tally.add(d);
        benchmark::DoNotOptimize(tally.matched());
      }
      state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(in->docids.size()));
    });
  }
}

}  // namespace

int main(int argc, char** argv) {
  return briefing::bench::run_checked_benchmarks(argc, argv, "filter_tally_bench", prepare);
}
