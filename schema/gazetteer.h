// Gazetteers: the actors, vendors and regions the engine knows by name, with their aliases. Both
// the indexer (extraction) and searchd (alias-aware search, facet resolution) load the same ones:
// the files in schema/gazetteer/ compiled in, plus entities imported with `indexer --entities`,
// which the index stores so searchd sees them too.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace briefing {

enum class EntityKind { kActor, kVendor, kRegion };

struct Entity {
  EntityKind kind;
  std::string name;                    // canonical: the facet value (a region's ISO code)
  std::vector<std::string> aliases;    // match on their own
  std::vector<std::string> ambiguous;  // match only with corroboration in the same text
  std::vector<std::string> context;    // words that corroborate an ambiguous alias
  std::string country;                 // actors: attributed country (not a region of a text)
  std::string type;                    // actors: state, criminal, ransomware, hacktivist, unknown
};

class Gazetteer {
 public:
  // The compiled-in gazetteers (schema/gazetteer/*.json), region names from ICU added.
  static Gazetteer builtin();

  // Adds entities (later ones never take a name or alias an earlier entity already holds).
  void add(Entity entity);
  // Another spelling by which a catalogue calls an entity already added (CISA KEV's
  // vendorProject "Hewlett Packard Enterprise (HPE)"): `find` and `add` resolve it to the entity;
  // it is never looked for in text.
  void add_catalogue_name(EntityKind kind, std::string_view spelling, std::string_view name);
  // Makes `alias` a name of the entity `name`, taking it from whichever entity held it (an
  // analyst's correction outranks every gazetteer); creates that entity when there is none.
  // Throws std::runtime_error when `alias` is another entity's own name.
  void assign_alias(EntityKind kind, std::string_view alias, std::string_view name);
  // Entities from JSON as `to_json` writes them (the index stores imported entities this way).
  void add_json(const nlohmann::json& entities);
  static nlohmann::json to_json(const std::vector<Entity>& entities);

  const std::vector<Entity>& entities() const { return entities_; }
  // The entity a name or alias (any case) denotes, of one kind; nullptr when none.
  const Entity* find(EntityKind kind, std::string_view name_or_alias) const;
  // The canonical name for a value given in a file or typed by a user; the value itself when
  // the gazetteer does not know it.
  std::string canonical(EntityKind kind, std::string_view value) const;

 private:
  std::vector<Entity> entities_;
  std::unordered_map<std::string, std::size_t> by_key_;  // kind + lower-case name -> entity
};

}  // namespace briefing
