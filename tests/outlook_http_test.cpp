// /outlook against a brute-force filter over every stored briefing of corpus/: the same items,
// in an order the sort allows, paged as asked; and its parameter mistakes.
#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "corpus_searchd.h"

using briefing::testing::CorpusSearchd;
using nlohmann::json;

namespace {

struct OutlookCase {
  std::string query;  // the /outlook query string, less sort and paging
  std::string kind, horizon;
  std::optional<double> min_probability;
  std::string word;   // an item must hold it (any case), and so must its briefing
  std::string actor;  // the briefing is tagged with it
  std::string from;   // the briefing is published on or after this day
};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool item_passes(const OutlookCase& c, const json& b, const json& item) {
  if (!c.kind.empty() && item.value("kind", "") != c.kind) return false;
  if (!c.horizon.empty() && item.value("horizon", "") != c.horizon) return false;
  if (c.min_probability &&
      (!item.contains("probability") || item["probability"].get<double>() < *c.min_probability))
    return false;
  if (!c.word.empty() && lower(item.value("text", "")).find(c.word) == std::string::npos)
    return false;
  if (!c.actor.empty()) {
    const json actors = b.value("actors", json::array());
    if (std::find(actors.begin(), actors.end(), c.actor) == actors.end()) return false;
  }
  return c.from.empty() || b.value("published", "").substr(0, 10) >= c.from;
}

// "id|text" of every item the case selects, by reading every stored briefing.
std::vector<std::string> brute_force(const OutlookCase& c) {
  std::vector<std::string> out;
  for (const json& b : CorpusSearchd::get().briefings())
    for (const json& item : b.value("outlook", json::array()))
      if (item_passes(c, b, item))
        out.push_back(b["id"].get<std::string>() + "|" + item.value("text", ""));
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> keys(const json& answer) {
  std::vector<std::string> out;
  for (const json& item : answer["items"])
    out.push_back(item["id"].get<std::string>() + "|" + item["text"].get<std::string>());
  return out;
}

// Every page of an /outlook answer, as one answer.
json all_pages(const std::string& query) {
  json answer = CorpusSearchd::get().get_json("/outlook?" + query + "&per_page=100");
  for (int page = 2; answer["items"].size() < answer["total"].get<std::size_t>(); ++page) {
    const json more = CorpusSearchd::get().get_json("/outlook?" + query +
                                                    "&per_page=100&page=" + std::to_string(page));
    REQUIRE(!more["items"].empty());
    for (const json& item : more["items"]) answer["items"].push_back(item);
  }
  return answer;
}

double probability_of(const json& item) {
  return item["probability"].is_null() ? -1 : item["probability"].get<double>();
}

}  // namespace

TEST_CASE("outlook: each filter gives the items a brute-force filter over the briefings gives",
          "[outlook]") {
  const std::vector<OutlookCase> cases = {
      {"", "", "", std::nullopt, "", "", ""},
      {"kind=risk", "risk", "", std::nullopt, "", "", ""},
      {"kind=risk&horizon=short", "risk", "short", std::nullopt, "", "", ""},
      {"horizon=long", "", "long", std::nullopt, "", "", ""},
      {"kind=opportunity&min_probability=0.6", "opportunity", "", 0.6, "", "", ""},
      {"min_probability=0.7", "", "", 0.7, "", "", ""},
      {"q=china", "", "", std::nullopt, "china", "", ""},
      {"q=china&kind=risk", "risk", "", std::nullopt, "china", "", ""},
      {"actor=APT28", "", "", std::nullopt, "", "APT28", ""},
      {"from=2026-05-01&kind=precedent", "precedent", "", std::nullopt, "", "", "2026-05-01"},
  };
  for (const OutlookCase& c : cases) {
    for (const std::string sort : {"probability", "date"}) {
      SECTION(c.query + " by " + sort) {
        const json answer = all_pages(c.query + "&sort=" + sort);
        std::vector<std::string> got = keys(answer);
        std::sort(got.begin(), got.end());
        const std::vector<std::string> expected = brute_force(c);
        CHECK(got == expected);
        CHECK(answer["total"] == expected.size());
        const json& items = answer["items"];
        for (std::size_t i = 1; i < items.size(); ++i) {
          if (sort == "probability")
            CHECK(probability_of(items[i - 1]) >= probability_of(items[i]));
          else
            CHECK(items[i - 1]["published"].get<std::string>() >=
                  items[i]["published"].get<std::string>());
        }
      }
    }
  }
  SECTION("the filters select something, so the checks above are not of empty lists") {
    CHECK(brute_force(cases[2]).size() >= 5);
    CHECK(brute_force(cases[6]).size() >= 2);
    CHECK(brute_force(cases[8]).size() >= 1);
  }
}

TEST_CASE("outlook: pages are slices of the whole list", "[outlook]") {
  CorpusSearchd& corpus = CorpusSearchd::get();
  const json all = corpus.get_json("/outlook?kind=risk&per_page=100");
  REQUIRE(all["items"].size() > 10);
  const json second = corpus.get_json("/outlook?kind=risk&per_page=5&page=2");
  CHECK(second["total"] == all["total"]);
  REQUIRE(second["items"].size() == 5);
  for (std::size_t i = 0; i < 5; ++i) CHECK(second["items"][i] == all["items"][5 + i]);
}

TEST_CASE("outlook: a wrong parameter is a 400 naming it", "[outlook]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"kind=threat", "kind"},
      {"horizon=soon", "horizon"},
      {"min_probability=1.5", "min_probability"},
      {"min_probability=often", "min_probability"},
      {"sort=relevance", "sort"},
      {"per_page=0", "per_page"},
      {"from=yesterday", "from"},
  };
  for (const auto& [query, parameter] : cases) {
    SECTION(query) {
      const auto reply = CorpusSearchd::get().get_raw("/outlook?" + query);
      CHECK(reply.status == 400);
      CHECK(reply.body.find("'" + parameter + "'") != std::string::npos);
    }
  }
}

TEST_CASE("perspectives: party: finds briefings by who holds a perspective", "[outlook]") {
  CorpusSearchd& corpus = CorpusSearchd::get();
  std::size_t expected = 0;
  for (const json& b : corpus.briefings())
    for (const json& p : b.value("perspectives", json::array()))
      if (p.value("party", "") == "Palo Alto Networks") {
        ++expected;
        break;
      }
  REQUIRE(expected > 0);
  const json answer = corpus.get_json("/search?q=party:%22palo+alto%22&per_page=100&related=0");
  CHECK(answer["total"] == expected);
  // The words elsewhere in a briefing are not a party's.
  CHECK(corpus.get_json("/search?q=party:exploitation")["total"] == 0);
}
