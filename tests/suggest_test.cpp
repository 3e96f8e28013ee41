// Autocomplete over a real index of four briefings with an imported actor whose aliases are in
// Cyrillic, Korean and Chinese: the Searcher's answers for prefixes of aliases, of later words of
// multi-word names, across scripts, case and accents; then /suggest through a real searchd.
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "http_client.h"
#include "index_run.h"
#include "scratch_dir.h"
#include "searchd_process.h"
#include "searcher.h"

using briefing::Suggestion;
using briefing::SuggestionKind;
using briefing::testing::http_get;
using briefing::testing::HttpReply;
using briefing::testing::ScratchDir;
using briefing::testing::SearchdProcess;
using briefing::testing::url_encode;
using nlohmann::json;

namespace {

// Counts, by hand: APT28 2, Lazarus Group 3, Lumen Tortoise 1, Palo Alto Networks 2, Fortinet 1,
// Dassault Systèmes 1, KR 2, KP 2, US 1; "exploited"/"exploitation" share the stem in 3.
const char* const kBriefings[] = {
    R"({"id": "b1", "published": "2026-05-01", "title": "Firewall flaw exploited",
        "body": "Attackers exploited the firewall appliance.",
        "actors": ["APT28", "Lumen Tortoise"], "vendors": ["Palo Alto Networks"],
        "regions": ["KR"]})",
    R"({"id": "b2", "published": "2026-05-02", "title": "Exploitation of VPN gateways",
        "body": "Exploitation continued; operators fortify their networks.",
        "actors": ["APT28", "Lazarus Group"], "vendors": ["Palo Alto Networks"],
        "regions": ["KR", "KP"]})",
    R"({"id": "b3", "published": "2026-05-03", "title": "Crypto theft",
        "body": "The group exploited a wallet service.", "actors": ["Lazarus Group"],
        "vendors": ["Fortinet"], "regions": ["KP"]})",
    R"({"id": "b4", "published": "2026-05-04", "title": "Design software breach",
        "body": "A supplier was breached.", "actors": ["Lazarus Group"],
        "vendors": ["Dassault Systèmes"], "regions": ["US"]})",
};

// A MISP galaxy with an actor only this index knows, named in three other scripts.
constexpr const char* kGalaxy = R"({"values": [{"value": "Lumen Tortoise",
    "meta": {"synonyms": ["Тёмная Черепаха", "루멘거북", "暗龟组"]}}]})";

class Fixture {
 public:
  static Fixture& get() {
    static Fixture f;
    return f;
  }
  briefing::Searcher& searcher() { return *searcher_; }
  SearchdProcess& searchd() {
    if (!searchd_) searchd_ = std::make_unique<SearchdProcess>(db_);
    return *searchd_;
  }

 private:
  Fixture() {
    {
      std::ofstream out(dir_ / "briefings.jsonl");
      for (const char* b : kBriefings) out << json::parse(b).dump() << "\n";
      std::ofstream(dir_ / "galaxy.json") << kGalaxy;
    }
    briefing::RunOptions options;
    options.db_path = db_ = (dir_ / "x.db").string();
    options.sources = {(dir_ / "briefings.jsonl").string()};
    options.entity_files = {(dir_ / "galaxy.json").string()};
    options.extract_entities = false;
    if (briefing::run_indexer(options).total != std::size(kBriefings))
      throw std::runtime_error("the indexer did not take every briefing");
    searcher_ = std::make_unique<briefing::Searcher>(db_);
  }
  ScratchDir dir_{"suggest"};
  std::string db_;
  std::unique_ptr<briefing::Searcher> searcher_;
  std::unique_ptr<SearchdProcess> searchd_;
};

struct Expected {
  SuggestionKind kind;
  std::string canonical, text, matched;
  std::uint64_t count;
};

// Where `want` stands among `got` (by kind and canonical), or nullopt.
std::optional<std::size_t> position(const std::vector<Suggestion>& got, const Expected& want) {
  for (std::size_t i = 0; i < got.size(); ++i)
    if (got[i].kind == want.kind && got[i].canonical == want.canonical) return i;
  return std::nullopt;
}

}  // namespace

TEST_CASE("suggest: prefixes of names, aliases and later words, across scripts", "[suggest]") {
  briefing::Searcher& searcher = Fixture::get().searcher();
  using K = SuggestionKind;
  struct Row {
    std::string prefix;
    Expected first;  // the best suggestion
  };
  const std::vector<Row> rows = {
      // an alias gives the canonical name, with kind and count
      {"fancy", {K::kActor, "APT28", "APT28", "Fancy Bear", 2}},
      {"sofa", {K::kActor, "APT28", "APT28", "Sofacy", 2}},
      {"PAN-O", {K::kVendor, "Palo Alto Networks", "Palo Alto Networks", "PAN-OS", 2}},
      {"pan os", {K::kVendor, "Palo Alto Networks", "Palo Alto Networks", "PAN-OS", 2}},
      // a prefix of a later word of a multi-word name
      {"net", {K::kVendor, "Palo Alto Networks", "Palo Alto Networks", "Palo Alto Networks", 2}},
      {"alto net",
       {K::kVendor, "Palo Alto Networks", "Palo Alto Networks", "Palo Alto Networks", 2}},
      {"tortoise", {K::kActor, "Lumen Tortoise", "Lumen Tortoise", "Lumen Tortoise", 1}},
      // regions by their English names
      {"sou", {K::kRegion, "KR", "South Korea", "South Korea", 2}},
      {"united sta", {K::kRegion, "US", "United States", "United States", 1}},
      // across scripts: an imported alias in Cyrillic (ё typed as е too), Korean and Chinese
      {"Тёмн", {K::kActor, "Lumen Tortoise", "Lumen Tortoise", "Тёмная Черепаха", 1}},
      {"темная ч", {K::kActor, "Lumen Tortoise", "Lumen Tortoise", "Тёмная Черепаха", 1}},
      {"череп", {K::kActor, "Lumen Tortoise", "Lumen Tortoise", "Тёмная Черепаха", 1}},
      {"루멘", {K::kActor, "Lumen Tortoise", "Lumen Tortoise", "루멘거북", 1}},
      {"暗龟", {K::kActor, "Lumen Tortoise", "Lumen Tortoise", "暗龟组", 1}},
      // case and accents
      {"LAZ", {K::kActor, "Lazarus Group", "Lazarus Group", "Lazarus Group", 3}},
      {"SYSTÈ", {K::kVendor, "Dassault Systèmes", "Dassault Systèmes", "Dassault Systèmes", 1}},
      {"systemes", {K::kVendor, "Dassault Systèmes", "Dassault Systèmes", "Dassault Systèmes", 1}},
      // a whole name (the alias "Group 74") before a later word ("Lazarus Group"), whatever the
      // counts
      {"group", {K::kActor, "APT28", "APT28", "Group 74", 2}},
      // words: one per stem, counted by the briefings a search for it finds
      {"exploi", {K::kWord, "exploited", "exploited", "exploited", 3}},
      {"breac", {K::kWord, "breach", "breach", "breach", 1}},
  };
  for (const Row& r : rows) {
    INFO("prefix '" << r.prefix << "'");
    const std::vector<Suggestion> got = searcher.suggest(r.prefix, 8);
    REQUIRE_FALSE(got.empty());
    CHECK(got[0].kind == r.first.kind);
    CHECK(got[0].canonical == r.first.canonical);
    CHECK(got[0].text == r.first.text);
    CHECK(got[0].matched == r.first.matched);
    CHECK(got[0].count == r.first.count);
  }
}

TEST_CASE("suggest: what is offered together, in order, and what is not", "[suggest]") {
  briefing::Searcher& searcher = Fixture::get().searcher();
  using K = SuggestionKind;
  const Expected north{K::kRegion, "KP", "North Korea", "", 2};
  const Expected south{K::kRegion, "KR", "South Korea", "", 2};
  const Expected fortinet{K::kVendor, "Fortinet", "", "", 1};
  const Expected fortify{K::kWord, "fortify", "", "", 1};

  const std::vector<Suggestion> korea = searcher.suggest("kor", 8);
  CHECK(position(korea, north));
  CHECK(position(korea, south));

  // entities before words
  const std::vector<Suggestion> fort = searcher.suggest("fort", 8);
  REQUIRE(position(fort, fortinet));
  REQUIRE(position(fort, fortify));
  CHECK(*position(fort, fortinet) < *position(fort, fortify));

  // each entity once, though several of its names match ("apt 28", "apt28")
  const std::vector<Suggestion> apt = searcher.suggest("apt", 8);
  CHECK(std::count_if(apt.begin(), apt.end(),
                      [](const Suggestion& s) { return s.canonical == "APT28"; }) == 1);

  // the limit
  CHECK(searcher.suggest("e", 1).size() == 1);
  CHECK(searcher.suggest("e", 100).size() <= briefing::kMaxSuggestions);

  // not offered: an entity no briefing is tagged with (Kimsuky's "Velvet Chollima"), an
  // ambiguous alias alone ("Palo Alto" needs corroboration, yet the name matches), nonsense,
  // nothing typed
  for (const Suggestion& s : searcher.suggest("velvet", 8)) CHECK(s.kind == K::kWord);
  CHECK(searcher.suggest("zzqx", 8).empty());
  CHECK(searcher.suggest("", 8).empty());
  CHECK(searcher.suggest("  -- ", 8).empty());
}

TEST_CASE("suggest over HTTP: the answer's fields, and 400 for a bad request", "[suggest]") {
  SearchdProcess& searchd = Fixture::get().searchd();
  HttpReply r = http_get(searchd.port(), "/suggest?q=" + url_encode("Тёмн") + "&limit=3");
  INFO(r.body);
  REQUIRE(r.status == 200);
  const json answer = json::parse(r.body);
  CHECK(answer["q"] == "Тёмн");
  REQUIRE(answer["suggestions"].size() == 1);
  CHECK(answer["suggestions"][0] == json{{"text", "Lumen Tortoise"},
                                         {"kind", "actor"},
                                         {"canonical", "Lumen Tortoise"},
                                         {"count", 1},
                                         {"matched", "Тёмная Черепаха"}});
  CHECK(json::parse(http_get(searchd.port(), "/suggest?q=").body)["suggestions"].empty());
  CHECK(json::parse(http_get(searchd.port(), "/suggest?q=a&limit=2").body)["suggestions"].size() ==
        2);

  const std::vector<std::pair<std::string, std::string>> bad = {
      {"/suggest", "'q'"},
      {"/suggest?limit=3", "'q'"},
      {"/suggest?q=" + std::string(201, 'a'), "longer than 200"},
      {"/suggest?q=%FF%FE", "UTF-8"},
      {"/suggest?q=ab&limit=0", "'limit'"},
      {"/suggest?q=ab&limit=21", "'limit'"},
      {"/suggest?q=ab&limit=two", "'limit'"},
      {"/suggest?q=ab&limit=", "'limit'"},
  };
  for (const auto& [target, detail] : bad) {
    INFO(target);
    HttpReply reply = http_get(searchd.port(), target);
    CHECK(reply.status == 400);
    CHECK(reply.headers["content-type"].find("application/problem+json") != std::string::npos);
    CHECK(json::parse(reply.body)["detail"].get<std::string>().find(detail) != std::string::npos);
  }
}

TEST_CASE("suggest: the counts follow the index as the indexer changes it", "[suggest]") {
  ScratchDir dir("suggest-revisions");
  auto write = [&](int briefings) {
    std::ofstream out(dir / "briefings.jsonl");
    for (int i = 0; i < briefings; ++i)
      out << json{{"id", "r" + std::to_string(i)},
                  {"published", "2026-05-01"},
                  {"title", "Phishing wave"},
                  {"body", "Lures went to ministries."},
                  {"actors", {"APT28"}}}
                 .dump()
          << "\n";
  };
  briefing::RunOptions options;
  options.db_path = (dir / "x.db").string();
  options.sources = {(dir / "briefings.jsonl").string()};
  options.extract_entities = false;
  write(1);
  briefing::run_indexer(options);
  briefing::Searcher searcher(options.db_path);
  REQUIRE_FALSE(searcher.suggest("sofacy", 8).empty());
  CHECK(searcher.suggest("sofacy", 8)[0].count == 1);

  write(3);
  briefing::run_indexer(options);
  searcher.warm();  // what searchd does every second: the next lookup finds the new revision's
  REQUIRE_FALSE(searcher.suggest("sofacy", 8).empty());
  CHECK(searcher.suggest("sofacy", 8)[0].count == 3);
  CHECK(searcher.suggest("lures", 8).at(0).count == 3);
}
