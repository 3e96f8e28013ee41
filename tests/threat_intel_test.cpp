// Importing threat intelligence: the real MISP threat-actor galaxy and ATT&CK's STIX bundles,
// read from ../shared/data at test time.
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "analyser.h"
#include "entity_matcher.h"
#include "gazetteer.h"

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
  auto entities = briefing::entities_from_threat_intel(read_shared("misp-threat-actor.json"));
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
  auto groups = briefing::entities_from_threat_intel(read_shared("attack-groups.json"));
  CHECK(groups.size() > 150);
  Gazetteer g = with(groups);
  const briefing::Entity* apt28 = g.find(EntityKind::kActor, "APT28");
  REQUIRE(apt28 != nullptr);
  CHECK(g.canonical(EntityKind::kActor, "Fancy Bear") == "APT28");

  // Campaigns attributed to a group become its aliases.
  nlohmann::json campaigns = read_shared("attack-campaigns.json");
  nlohmann::json bundle = read_shared("attack-groups.json");
  for (const auto& o : campaigns["objects"]) bundle["objects"].push_back(o);
  Gazetteer both = with(briefing::entities_from_threat_intel(bundle));
  std::size_t with_campaign_alias = 0;
  for (const auto& o : campaigns["objects"]) {
    if (o.value("type", "") != "campaign") continue;
    const briefing::Entity* e = both.find(EntityKind::kActor, o.value("name", ""));
    if (e && e->name != o.value("name", "")) ++with_campaign_alias;
  }
  CHECK(with_campaign_alias >= 10);
}

TEST_CASE("threat intel: anything else is refused with a reason", "[entities]") {
  CHECK_THROWS_WITH(briefing::entities_from_threat_intel(nlohmann::json::parse(R"({"a": 1})")),
                    Catch::Contains("neither a MISP"));
}
