// query_builder_bench: query text to Xapian::Query (searchd/query/query_builder.h) as searchd
// builds it, parsed, resolved against a real index of generated briefings (facet scopes, the
// gazetteer's names) and with word* expanded over its term list; and a from/to range as date
// terms (query/date_terms.h). Checked first: each query has the shape its form makes and finds
// briefings, and each date range finds exactly the briefings published in it.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "date_terms.h"
#include "micro_corpus.h"
#include "micro_main.h"
#include "micro_query.h"
#include "timestamp.h"

namespace {

using briefing::bench::expect;

constexpr std::size_t kBriefings = 2000;

struct QueryRow {
  const char* name;
  const char* q;
  const char* shape;  // a piece of the query's description that its form must produce
};

// One of each form of the query language.
const QueryRow kQueries[] = {
    {"word", "ransomware", "ransomwar"},
    {"two_words", "remote execution", "(remot AND execut)"},
    {"phrase", "\"remote code execution\"", "Bremot code execut"},
    {"phrase_of_words", "\"ransomware attack\"", "ransomwar PHRASE 2 attack"},
    {"actor_scope", "actor:\"Lazarus Group\" espionage", "XALazarus Group"},
    {"vendor_scope", "vendor:microsoft exchange", "XVMicrosoft"},
    {"title_scope", "title:vulnerability", "Svulner"},
    {"wildcard", "explo*", "SYNONYM"},
    {"identifier", "CVE-2021-44228", "cve-2021-44228"},
    {"entity_name", "Fancy Bear", "XAAPT28"},
    {"or_not", "ransomware OR extortion -microsoft", "AND_NOT"},
    {"required_and", "+patch AND vulnerability", "(patch AND vulner)"},
};

struct DateRow {
  const char* name;
  briefing::CivilTime from, to;
};

const DateRow kDates[] = {
    {"whole_years", {2023, 1, 1}, {2024, 12, 31, 23, 59, 59}},
    {"months", {2025, 3, 1}, {2025, 8, 31, 23, 59, 59}},
    {"days_and_hours", {2024, 3, 15, 12, 0}, {2026, 1, 2, 6, 0}},
};

struct Inputs {
  briefing::bench::GeneratedIndex index{"query-builder-bench",
                                        briefing::bench::generated_briefings(kBriefings)};
  briefing::bench::IndexQueries queries{index.db()};
};

void check_query(Inputs& in, const QueryRow& row) {
  const briefing::BuiltQuery built = in.queries.build(row.q);
  const std::string description = built.query.get_description();
  expect(description.find(row.shape) != std::string::npos,
         std::string(row.name) + ": " + row.q + " built " + description + ", without " + row.shape);
  expect(in.queries.count(built.query) > 0,
         std::string(row.name) + ": " + row.q + " finds nothing");
}

void check_dates(Inputs& in, const DateRow& row) {
  const std::int64_t from = briefing::epoch_seconds(row.from), to = briefing::epoch_seconds(row.to);
  Xapian::doccount expected = 0;
  for (const briefing::Briefing& b : in.index.briefings())
    expected += b.published >= from && b.published <= to;
  const Xapian::doccount found = in.queries.count(briefing::date_range_terms(from, to));
  expect(expected > 0 && found == expected,
         std::string(row.name) + ": the date terms find " + std::to_string(found) +
             " briefings, those published in the range are " + std::to_string(expected));
}

void prepare() {
  auto in = std::make_shared<Inputs>();
  for (const QueryRow& row : kQueries) {
    check_query(*in, row);
    const std::string name = std::string("query_build/") + row.name;
    benchmark::RegisterBenchmark(name.c_str(),
                                 [in, q = std::string(row.q)](benchmark::State& state) {
                                   for (auto _ : state)
                                     benchmark::DoNotOptimize(in->queries.build(q).query);
                                   state.SetItemsProcessed(state.iterations());
                                 });
  }
  for (const DateRow& row : kDates) {
    check_dates(*in, row);
    const std::string name = std::string("query_build/date_range/") + row.name;
    benchmark::RegisterBenchmark(name.c_str(), [row](benchmark::State& state) {
      const std::int64_t from = briefing::epoch_seconds(row.from);
      const std::int64_t to = briefing::epoch_seconds(row.to);
      for (auto _ : state) benchmark::DoNotOptimize(briefing::date_range_terms(from, to));
      state.SetItemsProcessed(state.iterations());
    });
  }
}

}  // namespace

int main(int argc, char** argv) {
  return briefing::bench::run_checked_benchmarks(argc, argv, "query_builder_bench", prepare);
}
