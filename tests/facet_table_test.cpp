// The in-memory facet table against the index itself: the same searches through a Searcher with
// the table and one without must agree on totals, hits in order, and every facet count.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "index_run.h"
#include "scratch_dir.h"
#include "searcher.h"
#include "timestamp.h"

using briefing::Facet;
using briefing::SearchRequest;
using briefing::testing::ScratchDir;

namespace {

struct Case {
  const char* label;
  std::string q;
  std::vector<std::pair<Facet, std::string>> selected;
  std::int64_t from = 0, to = 0;  // 0: no bound
  int page = 1;
  bool relaxes = false;  // the words together find fewer than a page: some are given up
};

SearchRequest request_for(const Case& c) {
  SearchRequest r;
  r.q = c.q;
  for (const auto& [facet, value] : c.selected) r.values(facet).push_back(value);
  if (c.from) r.from = c.from;
  if (c.to) r.to = c.to;
  r.page = c.page;
  r.facet_limit = 1000;
  return r;
}

}  // namespace

TEST_CASE("facet table: searches with and without it give the same answers", "[search][facets]") {
  ScratchDir dir("facet-table");
  briefing::RunOptions options;
  options.db_path = (dir / "x.db").string();
  options.sources = {std::string(BRIEFING_SOURCE_DIR) + "/corpus",
                     std::string(BRIEFING_TESTS_DIR) + "/data/small"};
  briefing::run_indexer(options);
  briefing::Searcher with_table(options.db_path);
  briefing::Searcher without(options.db_path, {.facet_table = false});

  const std::int64_t march = briefing::epoch_seconds({2026, 3, 1});
  const std::int64_t june = briefing::epoch_seconds({2026, 6, 30, 23, 59, 59});
  const Case cases[] = {
      {"browse everything", "", {}},
      {"browse, page 3", "", {}, 0, 0, 3},
      {"browse one vendor", "", {{Facet::kVendor, "Microsoft"}}},
      {"browse two actors (OR)", "", {{Facet::kActor, "UNC1069"}, {Facet::kActor, "APT45"}}},
      {"browse a region by name", "", {{Facet::kRegion, "South Korea"}}},
      {"browse a date range", "", {}, march, june},
      {"browse from a date on", "", {}, march, 0},
      {"browse region and vendor", "", {{Facet::kRegion, "US"}, {Facet::kVendor, "Cisco"}}},
      {"browse region, vendor and dates",
       "",
       {{Facet::kRegion, "US"}, {Facet::kVendor, "Microsoft"}},
       march,
       june},
      {"browse an unknown value", "", {{Facet::kActor, "no such actor"}}},
      {"punctuation only", "!!", {}},
      {"one word", "vulnerability", {}},
      {"word and facet", "attack", {{Facet::kRegion, "US"}}},
      {"word, facets and dates", "patch", {{Facet::kVendor, "Microsoft"}}, march, 0},
      {"negation only", "-ransomware", {}},
      {"scope only", "actor:UNC1069", {}},
      // A word in most briefings is counted backwards (totals less the briefings without it).
      {"a word in most briefings", "the", {}},
      {"a word in most briefings, page 2", "the", {}, 0, 0, 2},
      {"a word in most briefings and a facet", "the", {{Facet::kRegion, "US"}}},
      {"a word in most briefings, two actors",
       "the",
       {{Facet::kActor, "UNC1069"}, {Facet::kActor, "APT45"}}},
      {"a word in most briefings, dates", "the", {}, march, 0},
      {"a word in most briefings, an unknown value", "the", {{Facet::kVendor, "no such vendor"}}},
      {"phrase and a facet", "\"supply chain\"", {{Facet::kVendor, "GitHub"}}},
      {"two words, two facets",
       "supply chain",
       {{Facet::kRegion, "US"}, {Facet::kVendor, "GitHub"}}},
      {"two words, an actor and dates",
       "hackers github",
       {{Facet::kActor, "UNC1069"}},
       march,
       0,
       1,
       true},
      // Relaxed: the answer and its counts come from the relaxed query's own match set.
      {"relaxed: a word in no briefing", "routers xqzvw", {}, 0, 0, 1, true},
      {"relaxed: the last word given up", "github routers", {}, 0, 0, 1, true},
      {"relaxed, page 2", "cisco routers xqzvw", {}, 0, 0, 2, true},
      {"relaxed under a facet", "the attack xqzvw", {{Facet::kRegion, "US"}}, 0, 0, 1, true},
      {"relaxed under two facets and dates",
       "the patch xqzvw",
       {{Facet::kRegion, "US"}, {Facet::kVendor, "Microsoft"}},
       march,
       0,
       1,
       true},
      {"relaxed, a phrase kept", "\"supply chain\" xqzvw", {}, 0, 0, 1, true},
      {"relaxed to a word in most briefings", "the xqzvw", {}, 0, 0, 1, true},
  };
  // The backwards count above is only exercised if "the" is in more than half of them.
  {
    SearchRequest most;
    most.q = "the";
    CHECK(2 * with_table.search(most).total > with_table.status().documents);
  }
  for (const Case& c : cases) {
    INFO(c.label);
    SearchRequest r = request_for(c);
    briefing::SearchResult a = with_table.search(r), b = without.search(r);
    CHECK(a.total == b.total);
    CHECK(a.total_exact);
    CHECK(a.relaxed == b.relaxed);
    CHECK(a.relaxed.empty() != c.relaxes);
    REQUIRE(a.hits.size() == b.hits.size());
    for (std::size_t i = 0; i < a.hits.size(); ++i) CHECK(a.hits[i].id == b.hits[i].id);
    REQUIRE(a.facets.size() == b.facets.size());
    for (std::size_t f = 0; f < a.facets.size(); ++f) {
      INFO(briefing::facet_name(a.facets[f].facet));
      REQUIRE(a.facets[f].values.size() == b.facets[f].values.size());
      for (std::size_t i = 0; i < a.facets[f].values.size(); ++i) {
        CHECK(a.facets[f].values[i].value == b.facets[f].values[i].value);
        CHECK(a.facets[f].values[i].label == b.facets[f].values[i].label);
        CHECK(a.facets[f].values[i].count == b.facets[f].values[i].count);
      }
    }
  }
}

TEST_CASE("facet table: related events from memory name a shared entity or a link", "[related]") {
  ScratchDir dir("facet-table-related");
  briefing::RunOptions options;
  options.db_path = (dir / "x.db").string();
  options.sources = {std::string(BRIEFING_SOURCE_DIR) + "/corpus"};
  briefing::run_indexer(options);
  briefing::Searcher searcher(options.db_path);
  SearchRequest r;
  r.q = "";
  r.per_page = 52;
  briefing::SearchResult all = searcher.search(r);
  REQUIRE(all.hits.size() == 52);
  std::size_t with_related = 0;
  for (const auto& hit : all.hits) {
    if (!hit.related.empty()) ++with_related;
    for (const auto& item : hit.related) {
      INFO(hit.id << " -> " << item.id << " (" << item.reason << ")");
      CHECK(item.id != hit.id);
      CHECK_FALSE(item.title.empty());
      CHECK(briefing::parse_timestamp(item.published).has_value());
      bool known_reason = item.reason == "link" || item.reason.rfind("shared actor ", 0) == 0 ||
                          item.reason.rfind("shared vendor ", 0) == 0;
      CHECK(known_reason);
    }
  }
  // The corpus is written in threads: most briefings have a neighbour.
  CHECK(with_related >= 40);
}
