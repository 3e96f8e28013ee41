// Reading the corrections file strictly (an analyst's typo should be an error, not a silent
// no-op) and applying it.
#include "corrections.h"

#include <algorithm>
#include <stdexcept>

#include "text_util.h"

namespace briefing {
namespace {

using nlohmann::json;

std::string required_string(const json& entry, const char* field, const std::string& where) {
  auto it = entry.find(field);
  if (it == entry.end() || !it->is_string() || trim(it->get<std::string>()).empty())
    throw std::runtime_error(where + ": \"" + field + "\" must be a non-empty string");
  return std::string(trim(it->get<std::string>()));
}

EntityKind kind_of(const json& entry, const std::string& where) {
  std::string kind = required_string(entry, "kind", where);
  if (kind == "actor") return EntityKind::kActor;
  if (kind == "vendor") return EntityKind::kVendor;
  if (kind == "region") return EntityKind::kRegion;
  throw std::runtime_error(where + ": \"kind\" is '" + kind +
                           "'; it must be actor, vendor or region");
}

// Calls `read(entry, where)` for each entry of the list `key` ("never[0]", ...).
template <typename Read>
void each_entry(const json& document, const char* key, Read read) {
  auto list = document.find(key);
  if (list == document.end()) return;
  if (!list->is_array()) throw std::runtime_error(std::string("\"") + key + "\" must be a list");
  for (std::size_t i = 0; i < list->size(); ++i) {
    std::string where = std::string(key) + "[" + std::to_string(i) + "]";
    if (!(*list)[i].is_object()) throw std::runtime_error(where + ": must be an object");
    read((*list)[i], where);
  }
}

}  // namespace

std::vector<std::string>& EntityLists::of(EntityKind kind) const {
  return kind == EntityKind::kActor ? *actors : kind == EntityKind::kVendor ? *vendors : *regions;
}

Corrections Corrections::from_json(const json& document) {
  if (!document.is_object())
    throw std::runtime_error(
        "corrections must be an object of \"never\", \"aliases\" and "
        "\"not_about\" lists");
  for (const auto& [key, value] : document.items())
    if (key != "never" && key != "aliases" && key != "not_about")
      throw std::runtime_error("unknown key \"" + key + "\" (known: never, aliases, not_about)");
  Corrections c;
  c.source_ = document;
  each_entry(document, "never", [&](const json& e, const std::string& where) {
    c.never_.push_back({kind_of(e, where), required_string(e, "name", where)});
  });
  each_entry(document, "aliases", [&](const json& e, const std::string& where) {
    c.aliases_.push_back(
        {kind_of(e, where), required_string(e, "alias", where), required_string(e, "of", where)});
  });
  each_entry(document, "not_about", [&](const json& e, const std::string& where) {
    c.not_about_.push_back({required_string(e, "briefing", where),
                            {kind_of(e, where), required_string(e, "name", where)}});
  });
  return c;
}

void Corrections::apply_aliases(Gazetteer& gazetteer) const {
  for (const Alias& a : aliases_) gazetteer.assign_alias(a.kind, a.alias, a.of);
}

bool Corrections::allowed(const std::string& id, EntityKind kind, const std::string& name) const {
  auto same = [&](const Named& n) { return n.kind == kind && ascii_iequals(n.name, name); };
  if (std::any_of(never_.begin(), never_.end(), same)) return false;
  return std::none_of(not_about_.begin(), not_about_.end(),
                      [&](const NotAbout& n) { return n.briefing == id && same(n.entity); });
}

std::size_t Corrections::apply(const std::string& id, const EntityLists& lists) const {
  std::size_t dropped = 0;
  for (EntityKind kind : {EntityKind::kActor, EntityKind::kVendor, EntityKind::kRegion}) {
    auto& list = lists.of(kind);
    auto kept = std::remove_if(list.begin(), list.end(),
                               [&](const std::string& v) { return !allowed(id, kind, v); });
    dropped += static_cast<std::size_t>(list.end() - kept);
    list.erase(kept, list.end());
  }
  return dropped;
}

}  // namespace briefing
