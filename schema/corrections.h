// An analyst's corrections to entity extraction (`indexer --corrections FILE`), applied at index
// time on every run, so a rebuild keeps them:
//   {"never":     [{"kind": "vendor", "name": "Wiz"}],
//    "aliases":   [{"kind": "actor", "alias": "Famous Chollima", "of": "UNC1069"}],
//    "not_about": [{"briefing": "20240626004-...", "kind": "vendor", "name": "Google"}]}
// "never" drops an entity from every briefing (given in the source or found in the text),
// "aliases" makes a name stand for an entity (taking it from any entity that held it),
// "not_about" drops one entity from one briefing.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "gazetteer.h"

namespace briefing {

struct EntityLists {
  std::vector<std::string>* actors;
  std::vector<std::string>* vendors;
  std::vector<std::string>* regions;
  std::vector<std::string>& of(EntityKind kind) const;
};

class Corrections {
 public:
  // Throws std::runtime_error naming the entry that is wrong ("aliases[2]: no \"of\"").
  static Corrections from_json(const nlohmann::json& document);

  bool empty() const { return never_.empty() && aliases_.empty() && not_about_.empty(); }
  // Gives each corrected alias to its entity (the entity created when the gazetteer lacks it).
  void apply_aliases(Gazetteer& gazetteer) const;
  // Whether the entity `name` (canonical) may tag the briefing `id`.
  bool allowed(const std::string& id, EntityKind kind, const std::string& name) const;
  // Drops from `lists` every value `allowed` refuses; returns how many went.
  std::size_t apply(const std::string& id, const EntityLists& lists) const;
  // The corrections as read, for the index's record of what extraction ran with.
  const nlohmann::json& source() const { return source_; }

 private:
  struct Named {
    EntityKind kind;
    std::string name;  // compared without case
  };
  struct Alias {
    EntityKind kind;
    std::string alias, of;
  };
  struct NotAbout {
    std::string briefing;
    Named entity;
  };
  std::vector<Named> never_;
  std::vector<Alias> aliases_;
  std::vector<NotAbout> not_about_;
  nlohmann::json source_;
};

}  // namespace briefing
