// sort=oldest: the reverse of newest first, for a browse (the facet table's list), a query
// (Xapian's sort by the order key) and a filter, with and without the facet table.
#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "corpus_searchd.h"
#include "searcher.h"

using briefing::testing::CorpusSearchd;
using nlohmann::json;

namespace {

std::vector<std::string> ids(const json& answer) {
  std::vector<std::string> out;
  for (const json& hit : answer["hits"]) out.push_back(hit["id"]);
  return out;
}

std::vector<std::string> ids(const briefing::SearchResult& result) {
  std::vector<std::string> out;
  for (const auto& hit : result.hits) out.push_back(hit.id);
  return out;
}

}  // namespace

TEST_CASE("oldest first is newest first reversed", "[sort]") {
  const std::vector<std::string> searches = {"", "q=cisa", "actor=UNC1069", "q=patch&region=US"};
  for (const std::string& search : searches) {
    SECTION("over HTTP: " + search) {
      CorpusSearchd& corpus = CorpusSearchd::get();
      const json newest = corpus.get_json("/search?" + search + "&sort=date&per_page=100");
      const json oldest = corpus.get_json("/search?" + search + "&sort=oldest&per_page=100");
      REQUIRE(newest["hits"].size() > 1);
      std::vector<std::string> reversed = ids(newest);
      std::reverse(reversed.begin(), reversed.end());
      CHECK(ids(oldest) == reversed);
      // The second page continues the first.
      const json second = corpus.get_json("/search?" + search + "&sort=oldest&per_page=1&page=2");
      CHECK(ids(second) == std::vector<std::string>{reversed[1]});
    }
  }
  SECTION("the facet table and the index agree") {
    const std::string& db = CorpusSearchd::get().db_path();
    briefing::Searcher with_table(db, {.facet_table = true});
    briefing::Searcher from_index(db, {.facet_table = false});
    with_table.warm();
    for (const std::string q : {"", "cisa"}) {
      briefing::SearchRequest request;
      request.q = q;
      request.sort = briefing::SortOrder::kOldest;
      request.per_page = 100;
      request.related_per_hit = 0;
      CHECK(ids(with_table.search(request)) == ids(from_index.search(request)));
    }
  }
}
