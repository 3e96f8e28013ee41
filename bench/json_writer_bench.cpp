// json_writer_bench: a full /search answer written as JSON (render_search_result, over
// searchd/http/json_writer.h): ten hits with snippets and related events, and every facet, from a
// real Searcher over a real index of generated briefings; as the API sends it and ASCII only, as
// the search page embeds it. Checked first: the text parses back with nlohmann::json and holds
// the result's hits in order, its total and its facets.
#include <memory>
#include <string>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include "micro_corpus.h"
#include "micro_main.h"
#include "routes.h"
#include "searcher.h"

namespace {

using briefing::bench::expect;
using nlohmann::json;

constexpr std::size_t kBriefings = 2000;

briefing::SearchResult search_page(const std::string& db_path) {
  briefing::Searcher searcher(db_path);
  briefing::SearchRequest request;
  request.q = "ransomware";
  return searcher.search(request);
}

void check(const briefing::SearchResult& result, const std::string& text) {
  expect(result.hits.size() == 10,
         "the search gave " + std::to_string(result.hits.size()) + " hits, not a full page of 10");
  expect(!result.facets.empty(), "the search counted no facets");
  json parsed;
  try {
    parsed = json::parse(text);
  } catch (const json::exception& e) {
    throw briefing::bench::WrongAnswer(std::string("the page is not JSON: ") + e.what());
  }
  expect(parsed.at("total") == result.total, "the total did not come back");
  const json& hits = parsed.at("hits");
  expect(hits.size() == result.hits.size(), "the page holds " + std::to_string(hits.size()) +
                                                " hits, not " + std::to_string(result.hits.size()));
  for (std::size_t i = 0; i < hits.size(); ++i) {
    const briefing::Hit& hit = result.hits[i];
    expect(hits[i].at("id") == hit.id && hits[i].at("snippet") == hit.snippet &&
               hits[i].at("related").size() == hit.related.size(),
           "hit " + std::to_string(i) + " (" + hit.id + ") did not come back as it was");
  }
  for (const briefing::FacetCounts& f : result.facets)
    expect(parsed.at("facets").at(std::string(briefing::facet_name(f.facet))).size() ==
               f.values.size(),
           "facet " + std::string(briefing::facet_name(f.facet)) + " lost values");
}

void prepare() {
  const briefing::bench::GeneratedIndex index("json-writer-bench",
                                              briefing::bench::generated_briefings(kBriefings));
  auto result = std::make_shared<const briefing::SearchResult>(search_page(index.path()));
  for (bool ascii : {false, true}) {
    check(*result, briefing::render_search_result(*result, ascii));
    const char* name = ascii ? "json/search_page_ascii" : "json/search_page";
    benchmark::RegisterBenchmark(name, [result, ascii](benchmark::State& state) {
      std::size_t bytes = 0;
      for (auto _ : state) {
        const std::string text = briefing::render_search_result(*result, ascii);
        bytes = text.size();
        benchmark::DoNotOptimize(text.data());
      }
      state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
    });
  }
}

}  // namespace

int main(int argc, char** argv) {
  return briefing::bench::run_checked_benchmarks(argc, argv, "json_writer_bench", prepare);
}
