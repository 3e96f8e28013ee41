// Extraction with the compiled-in gazetteers over real text: the seed page, the 1,129 WASOC
// advisories written out as Markdown, MISP aliases in search, and precision and recall against
// 60 advisories labelled by hand (tests/data/extraction_labels.json), with the entities the
// README's first command imports (CISA KEV and MISP's threat-actor galaxy).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include <xapian.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "analyser.h"
#include "entity_import.h"
#include "entity_matcher.h"
#include "gazetteer.h"
#include "index_layout.h"
#include "index_run.h"
#include "markdown_reader.h"
#include "scratch_dir.h"
#include "text_util.h"

namespace fs = std::filesystem;
using briefing::testing::ScratchDir;
using nlohmann::json;

namespace {

const std::string kShared = BRIEFING_SHARED_DIR;
const std::string kSeed = kShared + "/seeds/000_cc0477336c8268c0.txt";

std::vector<json> advisories() {
  std::vector<json> out;
  std::ifstream in(kShared + "/data/wasoc-advisories.jsonl");
  REQUIRE(in);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(json::parse(line));
  return out;
}

json stored(const std::string& db, const std::string& id) {
  Xapian::Database x(db);
  auto it = x.postlist_begin("Q" + id);
  REQUIRE(it != x.postlist_end("Q" + id));
  return json::parse(x.get_document(*it).get_data());
}

std::set<std::string> as_set(const json& list) {
  std::set<std::string> out;
  for (const auto& v : list) out.insert(v.get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("extraction: the seed page yields its actors, vendors and regions", "[extraction]") {
  ScratchDir dir("seed");
  briefing::RunOptions options;
  options.db_path = (dir / "x.db").string();
  options.sources = {kSeed};
  auto summary = briefing::run_indexer(options);
  REQUIRE(summary.added == 1);
  json seed = stored(options.db_path, "000_cc0477336c8268c0");
  auto actors = as_set(seed["actors"]), vendors = as_set(seed["vendors"]),
       regions = as_set(seed["regions"]);
  INFO("actors " << seed["actors"] << " vendors " << seed["vendors"] << " regions "
                 << seed["regions"]);
  for (const char* a : {"UNC1069", "UNC6780", "APT45"}) CHECK(actors.count(a));
  for (const char* v : {"GitHub", "Cisco", "Palo Alto Networks"}) CHECK(vendors.count(v));
  for (const char* r : {"US", "KR", "KP", "GB"}) CHECK(regions.count(r));
  // Nothing absurd: every actor and vendor found is named in the page's text by some alias.
  briefing::Gazetteer g = briefing::Gazetteer::builtin();
  std::ifstream in(kSeed);
  std::stringstream text;
  text << in.rdbuf();
  std::string page = text.str();
  auto named = [&](briefing::EntityKind kind, const std::string& name) {
    const briefing::Entity* e = g.find(kind, name);
    if (!e) return false;
    std::vector<std::string> names = e->aliases;
    names.insert(names.end(), e->ambiguous.begin(), e->ambiguous.end());
    names.push_back(e->name);
    return std::any_of(names.begin(), names.end(),
                       [&](const std::string& n) { return page.find(n) != std::string::npos; });
  };
  for (const auto& a : actors) CHECK(named(briefing::EntityKind::kActor, a));
  for (const auto& v : vendors) CHECK(named(briefing::EntityKind::kVendor, v));
  CHECK(actors.size() <= 8);
  CHECK(vendors.size() <= 12);
}

TEST_CASE("extraction: 1,129 real advisories as Markdown, none skipped, vendors faceted",
          "[extraction]") {
  ScratchDir dir("wasoc");
  fs::create_directories(dir / "md");
  std::size_t written = 0;
  for (const json& a : advisories()) {
    std::ofstream(dir / "md" / (a["id"].get<std::string>() + ".md"))
        << a["text"].get<std::string>();
    ++written;
  }
  REQUIRE(written == 1129);
  briefing::RunOptions options;
  options.db_path = (dir / "x.db").string();
  options.sources = {(dir / "md").string()};
  auto summary = briefing::run_indexer(options);
  CHECK(summary.skipped == 0);
  CHECK(summary.total == 1129);
  Xapian::Database db(options.db_path);
  for (const char* vendor : {"Fortinet", "Citrix", "Ivanti", "Microsoft"}) {
    INFO(vendor);
    CHECK(db.get_termfreq(std::string(briefing::layout::kVendor) + vendor) >= 5);
  }
}

TEST_CASE("extraction: with MISP imported, Fancy Bear finds a briefing that only says APT28",
          "[extraction][misp]") {
  ScratchDir dir("misp");
  fs::create_directories(dir / "src");
  std::ofstream(dir / "src" / "apt28.json") << R"({"id": "apt28-only", "title": "Phishing wave",
    "published": "2026-02-01", "body": "APT28 sent lures to ministries."})";
  std::ofstream(dir / "src" / "other.json") << R"({"id": "other", "title": "Unrelated",
    "published": "2026-02-02", "body": "A bear market in fancy goods."})";
  briefing::RunOptions options;
  options.db_path = (dir / "x.db").string();
  options.sources = {(dir / "src").string()};
  options.entity_files = {kShared + "/data/misp-threat-actor.json"};
  briefing::run_indexer(options);
  // The imported entities are stored in the index for searchd.
  Xapian::Database db(options.db_path);
  CHECK(db.get_metadata(std::string(briefing::layout::kEntitiesKey)).find("Sednit") !=
        std::string::npos);
  CHECK(db.get_termfreq(std::string(briefing::layout::kActor) + "APT28") == 1);
}

// The compiled-in gazetteer with the files the README's first command imports.
briefing::Gazetteer imported_gazetteer() {
  briefing::Gazetteer g = briefing::Gazetteer::builtin();
  for (const char* file : {"kev.json", "misp-threat-actor.json"}) {
    std::ifstream in(kShared + "/data/" + file);
    REQUIRE(in);
    for (briefing::Entity& e : briefing::import_entities(json::parse(in)).entities)
      g.add(std::move(e));
  }
  return g;
}

TEST_CASE(
    "extraction: products name their vendor; sources, platforms and places inside names do "
    "not tag",
    "[extraction][subjects]") {
  struct Row {
    const char* text;
    std::vector<std::string> vendors, regions;
  };
  const Row rows[] = {
      // a product names its vendor (compiled in, or from KEV)
      {"A Chrome zero-day was fixed in the Stable Channel update.", {"Google"}, {}},
      {"Attackers dropped web shells on IIS servers.", {"Microsoft"}, {}},
      {"Log4j flaws are still exploited.", {"Apache Software Foundation"}, {}},
      {"Confluence Data Center instances were breached.", {"Atlassian"}, {}},
      {"Cisco IOS XE devices were implanted.", {"Cisco"}, {}},
      {"Unpatched SureLine units were scanned.", {"Sunhillo"}, {}},  // KEV only
      // research firms quoted as sources are not subjects
      {"Mandiant researchers said the group persists.", {}, {}},
      {"According to CrowdStrike, the actor moved on.", {}, {}},
      {"Rapid7 reported the exploitation first.", {}, {}},
      {"Kaspersky researchers observed the implant.", {}, {}},
      // platforms as platforms are not vendors
      {"The malware runs on Linux and Windows systems.", {}, {}},
      {"It targets GNU/Linux hosts.", {}, {}},
      // countries inside names are not regions; demonyms and CERT names are
      {"HPE Aruba Networking fixed its access points.", {"Hewlett Packard Enterprise"}, {}},
      {"A utility in New Jersey was hit.", {}, {}},
      {"Polish officials and CERT Polska warned of the wave.", {}, {"PL"}},
      {"CERT Polska published indicators.", {}, {"PL"}},
  };
  briefing::Gazetteer g = imported_gazetteer();
  briefing::Analyser analyser;
  briefing::EntityMatcher matcher(g, analyser);
  for (const Row& row : rows) {
    INFO(row.text);
    briefing::EntityMatches found = matcher.match(row.text, analyser);
    CHECK(found.vendors == row.vendors);
    CHECK(found.regions == row.regions);
  }
}

TEST_CASE("extraction: precision and recall on 60 hand-labelled advisories",
          "[extraction][labels]") {
  std::ifstream in(std::string(BRIEFING_TESTS_DIR) + "/data/extraction_labels.json");
  REQUIRE(in);
  json labels = json::parse(in);
  std::map<std::string, json> by_id;
  for (const json& a : advisories()) by_id[a["id"]] = a;

  briefing::Gazetteer g = imported_gazetteer();
  briefing::Analyser analyser;
  briefing::EntityMatcher matcher(g, analyser);
  struct Score {
    std::size_t found = 0, correct = 0, expected = 0;
  } scores[3], halves[2][3];  // halves: the 30 chosen by kind, the 30 chosen mechanically
  const char* kinds[] = {"actors", "vendors", "regions"};
  REQUIRE(labels["advisories"].size() == 60);
  std::size_t position = 0;
  for (const json& label : labels["advisories"]) {
    Score* half = halves[position++ < 30 ? 0 : 1];
    const std::string id = label["id"];
    REQUIRE(by_id.count(id));
    briefing::Briefing b = briefing::read_markdown(by_id[id]["text"].get<std::string>(), id);
    std::vector<briefing::Token> tokens;
    auto scan = matcher.scan(analyser);
    for (const std::string* text : {&b.title, &b.summary, &b.body}) {
      tokens.clear();
      analyser.analyse(*text, tokens);
      scan.add(*text, tokens, text == &b.title);
    }
    briefing::EntityMatches found = scan.finish();
    // What the index stores: the values the source gives, spelled canonically, then those found.
    for (auto it = b.vendors.rbegin(); it != b.vendors.rend(); ++it) {
      std::string v = g.canonical(briefing::EntityKind::kVendor, *it);
      if (std::find(found.vendors.begin(), found.vendors.end(), v) == found.vendors.end())
        found.vendors.insert(found.vendors.begin(), v);
    }
    const std::vector<std::string>* lists[] = {&found.actors, &found.vendors, &found.regions};
    for (int k = 0; k < 3; ++k) {
      // Compared without case: "Subnet Solutions" as a table writes it is the labels'
      // "SubNet Solutions".
      std::set<std::string> want, got;
      for (const auto& v : label[kinds[k]])
        want.insert(briefing::ascii_lower(v.get<std::string>()));
      for (const auto& v : *lists[k]) got.insert(briefing::ascii_lower(v));
      for (Score* score : {&scores[k], &half[k]}) {
        score->expected += want.size();
        score->found += got.size();
        for (const auto& v : got) score->correct += want.count(v);
      }
      // Differences go to stderr: ctest shows them when the thresholds fail.
      for (const auto& v : got)
        if (!want.count(v)) std::cerr << id << ": extra " << kinds[k] << " " << v << "\n";
      for (const auto& v : want)
        if (!got.count(v)) std::cerr << id << ": missed " << kinds[k] << " " << v << "\n";
    }
  }
  for (int k = 0; k < 3; ++k) {
    double precision = scores[k].found ? double(scores[k].correct) / scores[k].found : 1.0;
    double recall = scores[k].expected ? double(scores[k].correct) / scores[k].expected : 1.0;
    INFO(kinds[k] << ": precision " << precision << " (" << scores[k].correct << "/"
                  << scores[k].found << "), recall " << recall << " (" << scores[k].correct << "/"
                  << scores[k].expected << ")");
    WARN(kinds[k] << ": precision " << precision << " (" << scores[k].correct << "/"
                  << scores[k].found << "), recall " << recall << " (" << scores[k].correct << "/"
                  << scores[k].expected << "); by half (correct/found/expected): "
                  << halves[0][k].correct << "/" << halves[0][k].found << "/"
                  << halves[0][k].expected << " and " << halves[1][k].correct << "/"
                  << halves[1][k].found << "/" << halves[1][k].expected);
    // Issue 15's bar: vendors precision 0.92 and recall 0.85; actors and regions 0.95 both.
    const double min_precision = k == 1 ? 0.92 : 0.95, min_recall = k == 1 ? 0.85 : 0.95;
    CHECK(precision >= min_precision);
    CHECK(recall >= min_recall);
  }
}
