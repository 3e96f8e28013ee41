// Entities imported with `indexer --entities`: threat actors from a MISP galaxy cluster file or a
// STIX 2.x bundle, vendors and their products from the CISA Known Exploited Vulnerabilities
// catalogue. Every name passes a screen (name_screen.h); what it refused is reported, so an
// analyst can see why an imported name never tags a briefing.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "gazetteer.h"

namespace briefing {

struct RefusedName {
  std::string name;
  std::string reason;  // "a place or demonym", "an ordinary word", ...
};

struct EntityImport {
  std::string format;  // "MISP galaxy", "STIX bundle", "CISA KEV catalogue"
  std::vector<Entity> entities;
  std::size_t imported = 0;   // entities read (the count stays when `entities` is moved away)
  std::size_t names = 0;      // names and aliases kept (ambiguous ones included)
  std::size_t ambiguous = 0;  // of those, names that count only with corroboration
  std::size_t refused = 0;
  std::vector<RefusedName> examples;  // a few of the refused names

  // Records a refusal, keeping up to `kExamples` examples, two a reason.
  void refuse(const std::string& name, const char* reason);
  // One line for an operator: "CISA KEV catalogue: 278 vendors, 1101 names (120 ambiguous);
  // refused 64: "Server" (an ordinary word), ...".
  std::string summary() const;
  static constexpr std::size_t kExamples = 8;
};

// Reads whichever of the three formats `document` is. Throws std::runtime_error when it is none.
EntityImport import_entities(const nlohmann::json& document);

namespace detail {
EntityImport import_misp(const nlohmann::json& document);
EntityImport import_stix(const nlohmann::json& document);
EntityImport import_kev(const nlohmann::json& document);
// Adds `alias` to `e` as a name or an ambiguous one, or refuses it in `report`.
void add_screened_alias(Entity& e, const std::string& alias, EntityImport& report);
}  // namespace detail

}  // namespace briefing
