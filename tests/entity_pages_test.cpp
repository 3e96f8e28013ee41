// Entity pages (/entities/{kind}/{name}) over corpus/: any alias or spelling gives the canonical
// page; its counts agree with a brute-force count over every stored briefing; the facet table
// and the index give the same page; unknown kinds and names are 404s.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "corpus_searchd.h"
#include "searcher.h"

using briefing::testing::CorpusSearchd;
using nlohmann::json;

namespace {

json page_of(const std::string& kind, const std::string& name) {
  return CorpusSearchd::get().get_json("/entities/" + kind + "/" +
                                       briefing::testing::url_encode(name));
}

// The briefings of corpus/ tagged with `name` in the list `field` ("actors", ...), newest first.
std::vector<json> tagged(const std::string& field, const std::string& name) {
  std::vector<json> out;
  for (const json& b : CorpusSearchd::get().briefings()) {
    const json values = b.value(field, json::array());
    if (std::find(values.begin(), values.end(), name) != values.end()) out.push_back(b);
  }
  return out;
}

}  // namespace

TEST_CASE("entity pages: an alias, another case or a country name gives the canonical page",
          "[entities]") {
  struct Case {
    std::string kind, typed, canonical;
  };
  const std::vector<Case> cases = {
      {"actor", "Fancy Bear", "APT28"},
      {"actor", "fancy bear", "APT28"},
      {"actor", "Hidden Cobra", "Lazarus Group"},
      {"vendor", "Palo Alto", "Palo Alto Networks"},
      {"vendor", "palo alto networks", "Palo Alto Networks"},
      {"region", "South Korea", "KR"},
      {"region", "kr", "KR"},
      {"region", "Republic of Korea", "KR"},
  };
  for (const Case& c : cases) {
    SECTION(c.kind + " " + c.typed) {
      const json canonical = page_of(c.kind, c.canonical);
      CHECK(canonical["name"] == c.canonical);
      CHECK(canonical["briefings"].get<int>() > 0);
      CHECK(page_of(c.kind, c.typed) == canonical);
    }
  }
}

TEST_CASE("entity pages: counts agree with a count over every stored briefing", "[entities]") {
  struct Case {
    std::string kind, field, name;
  };
  const std::vector<Case> cases = {{"actor", "actors", "UNC1069"},
                                   {"actor", "actors", "APT28"},
                                   {"vendor", "vendors", "Palo Alto Networks"},
                                   {"region", "regions", "KR"}};
  for (const Case& c : cases) {
    SECTION(c.kind + " " + c.name) {
      const std::vector<json> briefings = tagged(c.field, c.name);
      REQUIRE(!briefings.empty());
      const json page = page_of(c.kind, c.name);
      CHECK(page["briefings"] == briefings.size());
      CHECK(page["last_seen"] == briefings.front()["published"]);
      CHECK(page["first_seen"] == briefings.back()["published"]);
      std::map<std::string, int> months;
      for (const json& b : briefings) ++months[b["published"].get<std::string>().substr(0, 7)];
      int total = 0;
      for (const json& m : page["timeline"]) {
        const std::string month = m["month"];
        CHECK(m["count"] == (months.count(month) ? months[month] : 0));
        total += m["count"].get<int>();
      }
      CHECK(total == static_cast<int>(briefings.size()));
      CHECK(page["timeline"].front()["month"] == months.begin()->first);
      CHECK(page["timeline"].back()["month"] == months.rbegin()->first);
      for (const std::string other : {"actor", "vendor", "region"}) {
        // Brute force: every value of the kind on the entity's briefings, most first, the ten
        // the page lists.
        std::map<std::string, int> counts;
        for (const json& b : briefings)
          for (const json& v : b.value(other + "s", json::array()))
            if (!(other == c.kind && v == c.name)) ++counts[v];
        std::vector<std::pair<int, std::string>> expected;
        for (const auto& [name, n] : counts) expected.emplace_back(-n, name);
        std::sort(expected.begin(), expected.end());
        if (expected.size() > 10) expected.resize(10);
        std::vector<std::pair<int, std::string>> listed;
        for (const json& v : page["co_occurring"][other])
          listed.emplace_back(-v["count"].get<int>(), v["name"].get<std::string>());
        CHECK(listed == expected);
      }
      const json& latest = page["latest"];
      REQUIRE(latest.size() == std::min<std::size_t>(10, briefings.size()));
      for (std::size_t i = 0; i < latest.size(); ++i) CHECK(latest[i]["id"] == briefings[i]["id"]);
    }
  }
}

TEST_CASE("entity pages: the facet table and the index give the same page", "[entities]") {
  const std::string& db = CorpusSearchd::get().db_path();
  briefing::Searcher with_table(db, {.facet_table = true});
  briefing::Searcher from_index(db, {.facet_table = false});
  with_table.warm();
  for (const auto& [kind, name] :
       std::vector<std::pair<briefing::Facet, std::string>>{{briefing::Facet::kActor, "UNC1069"},
                                                            {briefing::Facet::kVendor, "Cisco"},
                                                            {briefing::Facet::kRegion, "US"}}) {
    SECTION(name) {
      const auto a = with_table.entity(kind, name);
      const auto b = from_index.entity(kind, name);
      REQUIRE(a);
      REQUIRE(b);
      CHECK(a->briefings == b->briefings);
      CHECK(a->first_seen == b->first_seen);
      CHECK(a->last_seen == b->last_seen);
      const auto names = [](const std::vector<briefing::EntityCount>& v) {
        std::vector<std::pair<std::string, std::uint64_t>> out;
        for (const auto& c : v) out.emplace_back(c.name, c.count);
        return out;
      };
      CHECK(names(a->timeline) == names(b->timeline));
      CHECK(names(a->actors) == names(b->actors));
      CHECK(names(a->vendors) == names(b->vendors));
      CHECK(names(a->regions) == names(b->regions));
      REQUIRE(a->latest.size() == b->latest.size());
      for (std::size_t i = 0; i < a->latest.size(); ++i) CHECK(a->latest[i].id == b->latest[i].id);
    }
  }
}

TEST_CASE("entity pages: an unknown kind or name is a 404 naming it", "[entities]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/entities/thing/APT28", "'thing'"},
      {"/entities/series/Weekly", "'series'"},
      {"/entities/actor/Nobody%20Known", "'Nobody Known'"},
      {"/entities/actor/", "no entity name"},
      {"/entities/", "no entity kind"},
  };
  for (const auto& [target, named] : cases) {
    SECTION(target) {
      const auto reply = CorpusSearchd::get().get_raw(target);
      CHECK(reply.status == 404);
      CHECK(reply.body.find(named) != std::string::npos);
    }
  }
}
