// Searches after an indexer run, while the facet table of the new revision is built. A table that
// builds slowly (here: any, with a threshold of 0 ms) is rebuilt in the background and searches
// answer from the previous revision meanwhile, exactly as before the run; a quick one is built by
// the first search, which sees the run at once. Either way, once the table is current, the
// answers are the index's own, as a Searcher without a table gives them.
#include <chrono>
#include <fstream>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "index_run.h"
#include "scratch_dir.h"
#include "searcher.h"

using briefing::Facet;
using briefing::SearchRequest;
using briefing::SearchResult;
using briefing::testing::ScratchDir;

namespace {

std::string briefing_line(const std::string& id, const std::string& vendor) {
  return R"({"id":")" + id + R"(","published":"2026-05-0)" + id.back() +
         R"(","title":"Ransomware at )" + vendor + R"(","body":"A ransomware crew hit )" + vendor +
         R"( customers.","vendors":[")" + vendor + R"("]})" + "\n";
}

void index_file(const std::string& db, const std::string& file) {
  briefing::RunOptions options;
  options.db_path = db;
  options.sources = {file};
  options.extract_entities = false;
  briefing::run_indexer(options);
}

SearchRequest ransomware() {
  SearchRequest r;
  r.q = "ransomware";
  r.facet_limit = 1000;
  return r;
}

std::uint64_t vendor_count(const SearchResult& result, const std::string& vendor) {
  for (const auto& facet : result.facets)
    if (facet.facet == Facet::kVendor)
      for (const auto& value : facet.values)
        if (value.value == vendor) return value.count;
  return 0;
}

// Waits, boundedly, for the table to catch up with the index.
bool table_catches_up(briefing::Searcher& searcher) {
  for (int i = 0; i < 500; ++i) {
    const briefing::IndexStatus s = searcher.status();
    if (s.facet_table_revision == s.revision) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

struct Case {
  const char* label;
  double background_past_ms;
  bool status_first;                // /healthz asks before the search (it must spare the handle)
  std::uint64_t total_right_after;  // of the first search after the run: 2 before it, 3 after
};

}  // namespace

TEST_CASE("table rebuild: searches after a run answer from one revision, then the new one",
          "[search][facets]") {
  const Case cases[] = {
      {"a slow table is rebuilt in the background: the previous revision answers", 0, false, 2},
      {"a status check first leaves the previous revision's handle to the search", 0, true, 2},
      {"a quick table is built by the first search: it sees the run", 1e9, false, 3},
  };
  for (const Case& c : cases) {
    SECTION(c.label) {
      ScratchDir dir("table-rebuild");
      const std::string db = (dir / "x.db").string(), file = (dir / "b.jsonl").string();
      std::ofstream(file) << briefing_line("b1", "Cisco") << briefing_line("b2", "Fortinet");
      index_file(db, file);
      briefing::Searcher searcher(db, {.background_table_past_ms = c.background_past_ms});
      const SearchResult before = searcher.search(ransomware());
      REQUIRE(before.total == 2);

      std::ofstream(file, std::ios::app) << briefing_line("b3", "Cisco");
      index_file(db, file);
      if (c.status_first) CHECK(searcher.status().documents == 3);  // the index as it is now
      const SearchResult right_after = searcher.search(ransomware());
      CHECK(right_after.total == c.total_right_after);
      CHECK(vendor_count(right_after, "Cisco") == c.total_right_after - 1);
      CHECK(right_after.facets_exact);

      REQUIRE(table_catches_up(searcher));
      const SearchResult after = searcher.search(ransomware());
      briefing::Searcher without(db, {.facet_table = false});
      const SearchResult from_index = without.search(ransomware());
      CHECK(after.total == 3);
      CHECK(vendor_count(after, "Cisco") == 2);
      CHECK(after.total == from_index.total);
      CHECK(vendor_count(after, "Cisco") == vendor_count(from_index, "Cisco"));
    }
  }
}
