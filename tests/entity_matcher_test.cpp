// Entity extraction as a table: text -> the actors, vendors and regions found, over a small
// gazetteer written here (the compiled-in one is tested against hand labels elsewhere).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "analyser.h"
#include "entity_matcher.h"
#include "gazetteer.h"

using briefing::Entity;
using briefing::EntityKind;
using briefing::EntityMatcher;
using briefing::Gazetteer;

namespace {

Gazetteer sample() {
  Gazetteer g;
  g.add({EntityKind::kActor,
         "APT28",
         {"Fancy Bear", "Sednit", "Forest Blizzard"},
         {},
         {},
         "RU",
         "state"});
  g.add({EntityKind::kActor, "UNC1069", {}, {}, {}, "KP", "state"});
  g.add({EntityKind::kActor, "UAT-8616", {}, {}, {}, "CN", "state"});
  g.add({EntityKind::kActor, "Lazarus Group", {"Lazarus", "Hidden Cobra"}, {}, {}, "KP", "state"});
  g.add({EntityKind::kActor, "Aware Spider", {}, {"Aware"}, {}, "", "criminal"});
  g.add({EntityKind::kVendor,
         "Palo Alto Networks",
         {"PAN-OS", "GlobalProtect"},
         {"Palo Alto"},
         {"firewall", "Unit 42"},
         "",
         ""});
  g.add({EntityKind::kVendor, "Axios", {}, {"Axios"}, {"npm", "JavaScript", "package"}, "", ""});
  g.add({EntityKind::kVendor, "Cisco", {"Cisco IOS"}, {}, {}, "", ""});
  g.add({EntityKind::kVendor, "Apple", {"iOS", "macOS"}, {}, {}, "", ""});
  g.add({EntityKind::kVendor,
         "Microsoft",
         {"Exchange Server"},
         {"Windows"},
         {"Patch Tuesday"},
         "",
         ""});
  g.add({EntityKind::kVendor, "Ivanti", {"Connect Secure", "Pulse Secure"}, {}, {}, "", ""});
  g.add({EntityKind::kVendor, "npm", {}, {}, {}, "", ""});
  g.add({EntityKind::kRegion, "US", {"United States", "US", "U.S."}, {}, {}, "", ""});
  g.add({EntityKind::kRegion, "KR", {"South Korea", "ROK", "South Korean"}, {}, {}, "", ""});
  g.add({EntityKind::kRegion, "KP", {"North Korea", "DPRK", "North Korean"}, {}, {}, "", ""});
  g.add({EntityKind::kRegion, "NL", {"Netherlands", "Dutch"}, {}, {}, "", ""});
  g.add({EntityKind::kRegion, "GB", {"United Kingdom", "UK", "British"}, {}, {}, "", ""});
  g.add({EntityKind::kRegion, "GE", {}, {"Georgia"}, {"Tbilisi"}, "", ""});
  return g;
}

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("extraction: text -> entities", "[entities]") {
  struct Row {
    const char* text;
    Names actors, vendors, regions;
  };
  const Row rows[] = {
      {"UNC1069 and APT28 were named.", {"UNC1069", "APT28"}, {}, {}},
      // aliases resolve to the canonical name
      {"Fancy Bear, also called Sednit, struck again.", {"APT28"}, {}, {}},
      {"Microsoft calls the group Forest Blizzard.", {"APT28"}, {}, {}},
      {"Talos tracks UAT-8616 in routers.", {"UAT-8616"}, {}, {}},
      // longest match: "Lazarus Group" is one mention, not "Lazarus" + "Group"
      {"The Lazarus Group stole funds.", {"Lazarus Group"}, {}, {}},
      // case rules: a pronoun is not the United States, an ordinary word is not an alias
      {"Let us know: the US and the U.S. agree.", {}, {}, {"US"}},
      {"let us go", {}, {}, {}},
      {"Staff were aware of the risk.", {}, {}, {}},
      {"Aware Spider sold access.", {"Aware Spider"}, {}, {}},
      // Cisco IOS is not Apple iOS
      {"Cisco IOS devices were hit.", {}, {"Cisco"}, {}},
      {"Apple patched iOS and macOS.", {}, {"Apple"}, {}},
      // products map to their vendor
      {"Attackers exploited Connect Secure gateways.", {}, {"Ivanti"}, {}},
      {"A PAN-OS flaw in GlobalProtect portals.", {}, {"Palo Alto Networks"}, {}},
      // ambiguous names need corroboration from the same text
      {"A conference in Palo Alto discussed policy.", {}, {}, {}},
      {"Palo Alto released a fix for the firewall flaw.", {}, {"Palo Alto Networks"}, {}},
      {"Axios reported on the summit.", {}, {}, {}},
      {"The Axios npm package was hijacked.", {}, {"Axios", "npm"}, {}},
      {"Chrome for Windows was updated.", {}, {}, {}},
      {"Windows fixes shipped on Patch Tuesday.", {}, {"Microsoft"}, {}},
      {"Georgia's election officials met.", {}, {}, {}},
      {"Georgia said Tbilisi was targeted.", {}, {}, {"GE"}},
      // a vendor that only reports is a publisher, not a subject
      {"Microsoft said the campaign continues.", {}, {}, {}},
      {"Microsoft said Exchange Server flaws were exploited.", {}, {"Microsoft"}, {}},
      // regions: names, demonyms and abbreviations; actor countries are not regions
      {"North Korean hackers targeted South Korean and Dutch firms.", {}, {}, {"KP", "KR", "NL"}},
      {"The DPRK and the ROK; UK and British officials.", {}, {}, {"KP", "KR", "GB"}},
      {"APT28 struck.", {"APT28"}, {}, {}},
      // whole words only
      {"UNC10690 and APT281 are other names.", {}, {}, {}},
      {"", {}, {}, {}},
  };
  Gazetteer g = sample();
  briefing::Analyser analyser;
  EntityMatcher matcher(g, analyser);
  for (const auto& row : rows) {
    INFO(row.text);
    auto found = matcher.match(row.text, analyser);
    CHECK(found.actors == row.actors);
    CHECK(found.vendors == row.vendors);
    CHECK(found.regions == row.regions);
  }
}

TEST_CASE("gazetteer: canonical names for given values, first claim wins", "[entities]") {
  Gazetteer g = sample();
  CHECK(g.canonical(EntityKind::kActor, "fancy bear") == "APT28");
  CHECK(g.canonical(EntityKind::kActor, "Unknown Crew") == "Unknown Crew");
  CHECK(g.canonical(EntityKind::kRegion, "North Korea") == "KP");
  g.add({EntityKind::kActor, "Other", {"Sednit", "Brand New"}, {}, {}, "", ""});
  CHECK(g.canonical(EntityKind::kActor, "Sednit") == "APT28");  // already claimed
  CHECK(g.canonical(EntityKind::kActor, "Brand New") == "Other");
}

TEST_CASE("gazetteer: entities round-trip through the JSON the index stores", "[entities]") {
  Gazetteer g = sample();
  nlohmann::json stored = Gazetteer::to_json(g.entities());
  Gazetteer again;
  again.add_json(stored);
  CHECK(again.entities().size() == g.entities().size());
  CHECK(again.canonical(EntityKind::kActor, "Forest Blizzard") == "APT28");
  CHECK(again.find(EntityKind::kActor, "APT28")->country == "RU");
}

TEST_CASE("gazetteer: the compiled-in files load, with every country's name from ICU",
          "[entities]") {
  Gazetteer g = Gazetteer::builtin();
  CHECK(g.canonical(EntityKind::kRegion, "North Korea") == "KP");
  CHECK(g.canonical(EntityKind::kRegion, "Netherlands") == "NL");
  CHECK(g.find(EntityKind::kRegion, "FR") != nullptr);
}
