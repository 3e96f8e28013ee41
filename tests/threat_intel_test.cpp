// Importing threat intelligence: the real MISP threat-actor galaxy and ATT&CK's STIX bundles,
// read from ../shared/data at test time.
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "analyser.h"
#include "entity_import.h"
#include "entity_matcher.h"
#include "gazetteer.h"
#include "name_screen.h"

using briefing::EntityKind;
using briefing::Gazetteer;

namespace {

nlohmann::json read_shared(const std::string& name) {
  std::ifstream in(std::string(BRIEFING_SHARED_DIR) + "/data/" + name);
  REQUIRE(in);
  std::stringstream s;
  s << in.rdbuf();
  return nlohmann::json::parse(s.str());
}

Gazetteer with(const std::vector<briefing::Entity>& imported) {
  Gazetteer g;
  for (auto e : imported) g.add(std::move(e));
  return g;
}

}  // namespace

TEST_CASE("threat intel: MISP galaxy actors with synonyms and countries", "[entities][misp]") {
  auto entities = briefing::import_entities(read_shared("misp-threat-actor.json")).entities;
  CHECK(entities.size() > 900);
  Gazetteer g = with(entities);
  const briefing::Entity* apt28 = g.find(EntityKind::kActor, "Fancy Bear");
  REQUIRE(apt28 != nullptr);
  CHECK(g.canonical(EntityKind::kActor, "Sednit") == apt28->name);
  CHECK(apt28->country == "RU");
  // Ordinary words among the synonyms never match on their own.
  briefing::Analyser analyser;
  briefing::EntityMatcher matcher(g, analyser);
  auto found = matcher.match(
      "Administrators should be aware that root access to the Desktop is a core global payload "
      "risk; Windows Defender and Cobalt are mentioned; the Hunt team is Rapid.",
      analyser);
  CHECK(found.actors.empty());
  auto real = matcher.match("The report ties the intrusion to Fancy Bear.", analyser);
  CHECK(real.actors == std::vector<std::string>{apt28->name});
}

TEST_CASE("threat intel: STIX intrusion sets, aliases and attributed campaigns",
          "[entities][stix]") {
  auto groups = briefing::import_entities(read_shared("attack-groups.json")).entities;
  CHECK(groups.size() > 150);
  Gazetteer g = with(groups);
  const briefing::Entity* apt28 = g.find(EntityKind::kActor, "APT28");
  REQUIRE(apt28 != nullptr);
  CHECK(g.canonical(EntityKind::kActor, "Fancy Bear") == "APT28");

  // Campaigns attributed to a group become its aliases.
  nlohmann::json campaigns = read_shared("attack-campaigns.json");
  nlohmann::json bundle = read_shared("attack-groups.json");
  for (const auto& o : campaigns["objects"]) bundle["objects"].push_back(o);
  Gazetteer both = with(briefing::import_entities(bundle).entities);
  std::size_t with_campaign_alias = 0;
  for (const auto& o : campaigns["objects"]) {
    if (o.value("type", "") != "campaign") continue;
    const briefing::Entity* e = both.find(EntityKind::kActor, o.value("name", ""));
    if (e && e->name != o.value("name", "")) ++with_campaign_alias;
  }
  CHECK(with_campaign_alias >= 10);
}

TEST_CASE("threat intel: anything else is refused with a reason", "[entities]") {
  CHECK_THROWS_WITH(briefing::import_entities(nlohmann::json::parse(R"({"a": 1})")),
                    Catch::Contains("neither a MISP"));
}

TEST_CASE("threat intel: the CISA KEV catalogue gives vendors their products", "[entities][kev]") {
  briefing::EntityImport kev = briefing::import_entities(read_shared("kev.json"));
  CHECK(kev.format == "CISA KEV catalogue");
  CHECK(kev.imported > 250);
  Gazetteer g = Gazetteer::builtin();
  for (auto e : kev.entities) g.add(std::move(e));
  struct Row {
    const char* product;
    const char* vendor;  // nullptr: the name is no vendor's
  };
  const Row rows[] = {
      {"SL1", "ScienceLogic"},   // a KEV vendor the compiled-in files lack
      {"SureLine", "Sunhillo"},  // ditto
      {"VTScada", "Trihedral"},  // "VTScada (formerly VTS)"
      {"VTS", "Trihedral"},      // the parenthesis
      {"ZCS", "Zimbra"},  // Synacor's product, under the compiled-in vendor KEV's merges into
      {"Hewlett Packard Enterprise (HPE)", "Hewlett Packard Enterprise"},  // KEV's spelling
      {"Android", "Google"},           // vendorProject "Android" merges into Google
      {"Multiple Products", nullptr},  // generic: refused
      {"Kernel", nullptr},             // an ordinary word: refused
      {"Server", nullptr},
  };
  for (const Row& row : rows) {
    INFO(row.product);
    const briefing::Entity* e = g.find(EntityKind::kVendor, row.product);
    if (row.vendor) {
      REQUIRE(e != nullptr);
      CHECK(e->name == row.vendor);
    } else {
      CHECK(e == nullptr);
    }
  }
  // A city that names a ServiceNow release counts only where ServiceNow is named too.
  briefing::Analyser analyser;
  briefing::EntityMatcher matcher(g, analyser);
  CHECK(matcher.match("Researchers met at Pwn2Own Vancouver to show their exploits.", analyser)
            .vendors.empty());
  CHECK(matcher.match("ServiceNow patched the Vancouver release.", analyser).vendors ==
        std::vector<std::string>{"ServiceNow"});
}

TEST_CASE(
    "threat intel: imported names that are places, languages, tools or generic words are "
    "refused and reported",
    "[entities][screening]") {
  briefing::EntityImport ransomware =
      briefing::import_entities(read_shared("misp-ransomware.json"));
  Gazetteer g = with(ransomware.entities);
  for (const char* name : {"Korean", "0day", "Autoit", "Python", "Brazilian"}) {
    INFO(name);
    CHECK(g.find(EntityKind::kActor, name) == nullptr);
  }
  CHECK(g.find(EntityKind::kActor, "Joker Korean") != nullptr);  // a name that holds a demonym
  CHECK(ransomware.refused > 0);
  std::string summary = ransomware.summary();
  INFO(summary);
  CHECK(summary.find("MISP galaxy: ") == 0);
  CHECK(summary.find("refused " + std::to_string(ransomware.refused)) != std::string::npos);
  CHECK(summary.find("(a place or demonym)") != std::string::npos);

  // The screen itself, one row a verdict.
  struct Row {
    const char* name;
    bool alias;
    briefing::NameUse use;
  };
  const Row rows[] = {
      {"Korean", true, briefing::NameUse::kRefused},      // a demonym
      {"Russian", false, briefing::NameUse::kRefused},    // a language (and a demonym)
      {"AutoIt", true, briefing::NameUse::kRefused},      // a scripting language
      {"0day", false, briefing::NameUse::kRefused},       // a word of the trade
      {"Aware", false, briefing::NameUse::kRefused},      // an ordinary word as the main name
      {"Aware", true, briefing::NameUse::kAmbiguous},     // ... as an alias: corroboration
      {"Sandworm Team", true, briefing::NameUse::kName},  // a name
      {"APT28", false, briefing::NameUse::kName},
  };
  for (const Row& row : rows) {
    INFO(row.name << (row.alias ? " as an alias" : " as a name"));
    CHECK(briefing::screen_actor_name(row.name, row.alias).use == row.use);
  }
}
