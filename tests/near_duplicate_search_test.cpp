// Near-duplicates in search results: a group's matches fold into its best-ranked hit, which lists
// the others; the total and the facet counts still count every matching briefing. The same with
// the facet table and without it, for ranked searches and for browsing.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "facet.h"
#include "searcher.h"
#include "small_index.h"

using briefing::Hit;
using briefing::SearchRequest;
using briefing::SearchResult;
using briefing::testing::SmallBriefing;
using briefing::testing::SmallIndex;

namespace {

// A body of 120 numbered words after "turbine", with the word at `changed` (if any) replaced.
std::string body(int first, int changed = -1) {
  std::string text = "turbine";
  for (int i = first; i < first + 120; ++i)
    text += " " + (i == changed ? std::string("altered") : "gear" + std::to_string(i));
  return text;
}

// d1 and d2 are near-duplicates (d2, newer, a word changed); u1 is another briefing.
const std::vector<SmallBriefing> kBriefings = {
    {"d1", "2026-03-01T09:00:00Z", "Turbine recall", body(0), {}, {"Siemens"}},
    {"d2", "2026-03-04T09:00:00Z", "Turbine recall (re-issued)", body(0, 60), {}, {"Siemens"}},
    {"u1", "2026-03-02T09:00:00Z", "Turbine audit", body(500), {}, {"Siemens"}},
};

const Hit* hit(const SearchResult& r, const std::string& id) {
  for (const Hit& h : r.hits)
    if (h.id == id) return &h;
  return nullptr;
}

std::uint64_t vendor_count(const SearchResult& r, const std::string& vendor) {
  for (const auto& f : r.facets)
    if (f.facet == briefing::Facet::kVendor)
      for (const auto& v : f.values)
        if (v.value == vendor) return v.count;
  return 0;
}

}  // namespace

TEST_CASE("near-duplicates: a pair collapses into one hit with similar_count 1",
          "[near-duplicate]") {
  SmallIndex index("near-duplicate-search", kBriefings);
  struct Row {
    bool table;
    const char* q;
    const char* shown;  // the group's hit: the best-ranked, or the newest when browsing
  };
  const std::vector<Row> rows = {
      {true, "turbine", nullptr}, {false, "turbine", nullptr}, {true, "", "d2"}, {false, "", "d2"}};
  for (const Row& row : rows) {
    INFO("facet table " << row.table << ", q '" << row.q << "'");
    briefing::Searcher searcher(index.path(), {.facet_table = row.table});
    SearchRequest request;
    request.q = row.q;
    const SearchResult r = searcher.search(request);
    CHECK(r.total == 3);
    CHECK(vendor_count(r, "Siemens") == 3);
    REQUIRE(r.hits.size() == 2);
    REQUIRE(hit(r, "u1"));
    CHECK(hit(r, "u1")->similar_count == 0);
    const Hit* shown = hit(r, "d1") ? hit(r, "d1") : hit(r, "d2");
    REQUIRE(shown);
    if (row.shown) CHECK(shown->id == row.shown);
    CHECK(shown->similar_count == 1);
    REQUIRE(shown->similar.size() == 1);
    CHECK(shown->similar[0].id == (shown->id == "d1" ? "d2" : "d1"));
    CHECK_FALSE(shown->similar[0].title.empty());
    CHECK_FALSE(shown->similar[0].published.empty());

    request.collapse = false;  // what an export asks for: every match
    const SearchResult all = searcher.search(request);
    CHECK(all.total == 3);
    CHECK(all.hits.size() == 3);
    for (const Hit& h : all.hits) CHECK(h.similar_count == 0);
  }
  // searchd --fold-near-duplicates=false: nothing folds, whatever the request asks.
  briefing::Searcher unfolded(index.path(), {.fold_near_duplicates = false});
  SearchRequest request;
  request.q = "turbine";
  CHECK(unfolded.search(request).hits.size() == 3);
}

TEST_CASE("near-duplicates: a folded briefing the search does not match is not listed",
          "[near-duplicate]") {
  std::vector<SmallBriefing> briefings = kBriefings;
  briefings[1].vendors = {"Hitachi"};  // d2 no longer matches vendor:Siemens
  SmallIndex index("near-duplicate-filter", briefings);
  briefing::Searcher searcher(index.path());
  SearchRequest request;
  request.q = "turbine";
  request.values(briefing::Facet::kVendor) = {"Siemens"};
  const SearchResult r = searcher.search(request);
  CHECK(r.total == 2);
  REQUIRE(r.hits.size() == 2);
  REQUIRE(hit(r, "d1"));
  CHECK(hit(r, "d1")->similar_count == 0);
  CHECK(hit(r, "d1")->similar.empty());
}
