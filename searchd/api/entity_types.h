// An entity's page (/entities/{kind}/{name}) at the seam between the HTTP layer and the search
// library: who or what it is, when the briefings mention it, and what they mention with it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "facet.h"

namespace briefing {

// An actor, vendor or region named on the page, with the briefings counted for it.
struct EntityCount {
  std::string name, label;  // label: a region's country name; else the name
  std::uint64_t count = 0;
};

struct EntityBriefing {
  std::string id, title, published;
};

struct EntityPage {
  Facet kind = Facet::kActor;  // kActor, kVendor or kRegion
  std::string name, label;     // canonical (the facet value), and what to show
  std::vector<std::string> aliases;
  // Actors: the country their attacks are attributed to (a region code, and its name) and what
  // kind of actor it is (state, criminal, ...); empty when the gazetteer does not say.
  std::string country, country_label, type;
  std::uint64_t briefings = 0;
  std::string first_seen, last_seen;  // published times (RFC 3339); empty with no briefings
  // Every month from the first to the last, with its briefings ("2026-05", zero included).
  std::vector<EntityCount> timeline;
  // The entities its briefings name most with it, of each kind, most first.
  std::vector<EntityCount> actors, vendors, regions;
  std::vector<EntityBriefing> latest;  // newest first
};

}  // namespace briefing
