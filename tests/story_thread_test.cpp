// Story threads: the "Update #N" marker, and the thread of corpus/'s Palo Alto story, the same
// from each of its briefings, with a briefing that an update only cites left out.
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "corpus_searchd.h"
#include "story_thread.h"

using briefing::testing::CorpusSearchd;
using nlohmann::json;

TEST_CASE("story threads: an update says so at the start of its title", "[thread]") {
  const std::vector<std::pair<std::string, std::optional<int>>> cases = {
      {"Update #3 \u00b7 CISA's deadline outruns Palo Alto's patch", 3},
      {"Update 2: hotfixes ship", 2},
      {"update #12 - later", 12},
      {"UPDATE #4 \u2014 dashes", 4},
      {"Update #1 | bars", 1},
      {"Updated guidance for agencies", std::nullopt},
      {"Update #3", std::nullopt},  // no separator: not a marker
      {"Update on the breach: what we know", std::nullopt},
      {"An Update #2 \u00b7 not at the start", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& [title, expected] : cases) {
    INFO(title);
    CHECK(briefing::update_number(title) == expected);
  }
}

TEST_CASE("story threads: every briefing of a story gives the same thread, oldest first",
          "[thread]") {
  const std::vector<std::pair<std::string, int>> story = {
      {"2026-04-28-palo-alto-globalprotect-zero-day", 0},
      {"2026-04-30-palo-alto-update-1-cisa-kev", 1},
      {"2026-05-06-palo-alto-update-2-partial-hotfix", 2},
      {"2026-05-08-palo-alto-update-3-deadline-outruns-patch", 3},
      {"2026-06-30-palo-alto-deadline-gap-analysis", 0},  // links to and from update 3
  };
  for (const auto& [id, update] : story) {
    SECTION(id) {
      const json answer = CorpusSearchd::get().get_json("/briefings/" + id + "/thread");
      CHECK(answer["id"] == id);
      std::vector<std::pair<std::string, int>> got;
      for (const json& t : answer["thread"]) got.emplace_back(t["id"], t["update"]);
      CHECK(got == story);
    }
  }
  SECTION("a briefing an update cites, and that cites none back, is in no thread") {
    const json answer = CorpusSearchd::get().get_json(
        "/briefings/2026-04-16-sixteen-agency-advisory-prc-clusters/thread");
    CHECK(answer["thread"].empty());
  }
  SECTION("an unknown briefing is a 404") {
    CHECK(CorpusSearchd::get().get_raw("/briefings/no-such-briefing/thread").status == 404);
  }
}
