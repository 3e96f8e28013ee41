// Provenance and an analyst's corrections, through the real indexer into a real index: each
// entity says where it came from, and --corrections drops, renames and un-tags on every run,
// --full rebuilds included.
#include <fstream>

#include <xapian.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "corrections.h"
#include "index_run.h"
#include "scratch_dir.h"

using briefing::testing::ScratchDir;
using nlohmann::json;

namespace {

const char* const kBriefing = R"({"id": "a", "title": "Cisco IOS XE flaw exploited",
  "published": "2026-02-01", "vendors": ["Palo Alto Networks"],
  "body": "Attackers exploited Cisco IOS XE devices and Fortinet firewalls. APT28 sent lures. The Blue Orbit crew was seen too."})";

const char* const kCorrections = R"({
  "never": [{"kind": "vendor", "name": "Fortinet"}],
  "aliases": [{"kind": "actor", "alias": "Blue Orbit", "of": "UNC1069"}],
  "not_about": [{"briefing": "a", "kind": "actor", "name": "APT28"}]})";

json stored(const std::string& db) {
  Xapian::Database x(db);
  auto it = x.postlist_begin("Qa");
  REQUIRE(it != x.postlist_end("Qa"));
  return json::parse(x.get_document(*it).get_data());
}

bool has(const json& list, const char* value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

TEST_CASE("provenance: each entity says whether the source gave it or the text named it",
          "[provenance]") {
  ScratchDir dir("provenance");
  std::ofstream(dir / "a.json") << kBriefing;
  briefing::RunOptions options;
  options.db_path = (dir / "x.db").string();
  options.sources = {(dir / "a.json").string()};
  briefing::run_indexer(options);
  json b = stored(options.db_path);
  const json& p = b["provenance"];
  INFO(p.dump(2));
  CHECK(p["vendors"]["Palo Alto Networks"] == json{{"origin", "source"}});
  CHECK(p["vendors"]["Cisco"]["origin"] == "text");
  CHECK(p["vendors"]["Cisco"]["field"] == "title");
  CHECK(p["actors"]["APT28"]["field"] == "body");
  CHECK(p["actors"]["APT28"]["text"].get<std::string>().find("APT28 sent lures") !=
        std::string::npos);
  // Every entity stored has its provenance, and nothing else has one.
  for (const char* kind : {"actors", "vendors", "regions"}) {
    CHECK(b[kind].size() == p.value(kind, json::object()).size());
    for (const auto& v : b[kind]) CHECK(p[kind].contains(v.get<std::string>()));
  }
}

TEST_CASE("corrections: never, aliases and not_about hold on every run and after --full",
          "[corrections]") {
  ScratchDir dir("corrections");
  std::ofstream(dir / "a.json") << kBriefing;
  std::ofstream(dir / "corrections.json") << kCorrections;
  briefing::RunOptions options;
  options.db_path = (dir / "x.db").string();
  options.sources = {(dir / "a.json").string()};
  briefing::run_indexer(options);
  json before = stored(options.db_path);
  CHECK(has(before["vendors"], "Fortinet"));
  CHECK(has(before["actors"], "APT28"));
  CHECK_FALSE(has(before["actors"], "UNC1069"));

  // The corrections change what extraction runs with, so the unchanged file is read again.
  options.corrections_file = (dir / "corrections.json").string();
  for (bool full : {false, true}) {
    INFO((full ? "--full" : "incremental"));
    options.full = full;
    auto summary = briefing::run_indexer(options);
    if (!full) CHECK(summary.changed == 1);
    json after = stored(options.db_path);
    CHECK_FALSE(has(after["vendors"], "Fortinet"));  // never
    CHECK(has(after["vendors"], "Cisco"));
    CHECK_FALSE(has(after["actors"], "APT28"));  // not about this briefing
    CHECK(has(after["actors"], "UNC1069"));      // "Blue Orbit" is its alias now
    CHECK_FALSE(after["provenance"]["vendors"].contains("Fortinet"));
  }
}

TEST_CASE("corrections: a wrong file is refused, naming the entry", "[corrections]") {
  struct Row {
    const char* file;
    const char* message;
  };
  const Row rows[] = {
      {R"([])", "must be an object"},
      {R"({"nevr": []})", "unknown key \"nevr\""},
      {R"({"never": {}})", "\"never\" must be a list"},
      {R"({"never": [{"kind": "vendr", "name": "X"}]})", "never[0]: \"kind\" is 'vendr'"},
      {R"({"aliases": [{"kind": "actor", "alias": "X"}]})", "aliases[0]: \"of\""},
      {R"({"not_about": [{"kind": "actor", "name": "X"}]})", "not_about[0]: \"briefing\""},
      {R"({"never": [3]})", "never[0]: must be an object"},
  };
  for (const Row& row : rows) {
    INFO(row.file);
    CHECK_THROWS_WITH(briefing::Corrections::from_json(json::parse(row.file)),
                      Catch::Contains(row.message));
  }
}
