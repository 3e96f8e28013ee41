// MISP and STIX threat actors, the import report, and telling the three formats apart.
#include "entity_import.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "name_screen.h"
#include "text_util.h"

namespace briefing {
namespace {

using nlohmann::json;

std::vector<std::string> strings(const json& object, const char* field) {
  std::vector<std::string> out;
  if (auto it = object.find(field); it != object.end() && it->is_array())
    for (const auto& v : *it)
      if (v.is_string() && !v.get<std::string>().empty()) out.push_back(v.get<std::string>());
  return out;
}

std::string string_field(const json& object, const char* field) {
  auto it = object.find(field);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A new actor named `name`, or nullopt (and the refusal reported) when the name cannot stand for
// one.
std::optional<Entity> screened_actor(const std::string& name, EntityImport& report) {
  if (name.empty()) return std::nullopt;
  NameVerdict verdict = screen_actor_name(name, /*alias=*/false);
  if (verdict.use == NameUse::kRefused) {
    report.refuse(name, verdict.reason);
    return std::nullopt;
  }
  ++report.names;
  return Entity{EntityKind::kActor, name, {}, {}, {}, {}, "unknown"};
}

}  // namespace

void EntityImport::refuse(const std::string& name, const char* reason) {
  ++refused;
  // Two examples of a reason at most, so that every reason met early is shown.
  auto shown = std::count_if(examples.begin(), examples.end(),
                             [&](const RefusedName& r) { return r.reason == reason; });
  bool listed = std::any_of(examples.begin(), examples.end(),
                            [&](const RefusedName& r) { return r.name == name; });
  if (examples.size() < kExamples && shown < 2 && !listed) examples.push_back({name, reason});
}

std::string EntityImport::summary() const {
  const char* what = format == "CISA KEV catalogue" ? " vendors, " : " actors, ";
  std::string out = format + ": " + std::to_string(imported) + what + std::to_string(names) +
                    " names (" + std::to_string(ambiguous) + " only with corroboration); refused " +
                    std::to_string(refused);
  for (std::size_t i = 0; i < examples.size(); ++i)
    out += (i ? ", \"" : ": \"") + examples[i].name + "\" (" + examples[i].reason + ")";
  return out;
}

namespace detail {

void add_screened_alias(Entity& e, const std::string& alias, EntityImport& report) {
  if (alias.empty() || ascii_iequals(alias, e.name)) return;
  for (const auto* list : {&e.aliases, &e.ambiguous})
    if (std::find(list->begin(), list->end(), alias) != list->end()) return;
  NameVerdict verdict = e.kind == EntityKind::kActor ? screen_actor_name(alias, /*alias=*/true)
                                                     : screen_product_name(alias);
  if (verdict.use == NameUse::kRefused) return report.refuse(alias, verdict.reason);
  ++report.names;
  if (verdict.use == NameUse::kAmbiguous) ++report.ambiguous;
  (verdict.use == NameUse::kAmbiguous ? e.ambiguous : e.aliases).push_back(alias);
}

EntityImport import_misp(const json& doc) {
  EntityImport out;
  out.format = "MISP galaxy";
  for (const auto& v : doc["values"]) {
    auto e = screened_actor(string_field(v, "value"), out);
    if (!e) continue;
    if (auto meta = v.find("meta"); meta != v.end() && meta->is_object()) {
      for (const auto& s : strings(*meta, "synonyms")) add_screened_alias(*e, s, out);
      for (const auto& s : strings(*meta, "name-attribution")) add_screened_alias(*e, s, out);
      if (auto c = meta->find("country");
          c != meta->end() && c->is_string() && c->get<std::string>().size() == 2)
        e->country = c->get<std::string>();
    }
    out.entities.push_back(std::move(*e));
  }
  return out;
}

EntityImport import_stix(const json& doc) {
  EntityImport out;
  out.format = "STIX bundle";
  std::unordered_map<std::string, std::size_t> by_id;  // intrusion-set id -> index in entities
  std::vector<std::pair<std::string, std::string>> attributions;  // campaign id -> set id
  std::unordered_map<std::string, json> campaigns;
  for (const auto& o : doc["objects"]) {
    std::string type = string_field(o, "type");
    if (o.value("revoked", false)) continue;
    if (type == "intrusion-set") {
      auto e = screened_actor(string_field(o, "name"), out);
      if (!e) continue;
      for (const auto& a : strings(o, "aliases")) add_screened_alias(*e, a, out);
      by_id[string_field(o, "id")] = out.entities.size();
      out.entities.push_back(std::move(*e));
    } else if (type == "campaign") {
      campaigns[string_field(o, "id")] = o;
    } else if (type == "relationship" && string_field(o, "relationship_type") == "attributed-to") {
      attributions.emplace_back(string_field(o, "source_ref"), string_field(o, "target_ref"));
    }
  }
  // A campaign attributed to an intrusion set names that actor: its names become aliases.
  for (const auto& [campaign_id, set_id] : attributions) {
    auto set = by_id.find(set_id);
    auto campaign = campaigns.find(campaign_id);
    if (set == by_id.end() || campaign == campaigns.end()) continue;
    Entity& e = out.entities[set->second];
    add_screened_alias(e, string_field(campaign->second, "name"), out);
    for (const auto& a : strings(campaign->second, "aliases")) add_screened_alias(e, a, out);
  }
  return out;
}

}  // namespace detail

namespace {

EntityImport import_any(const json& document) {
  if (!document.is_object())
    throw std::runtime_error("neither a MISP galaxy cluster file, a STIX bundle nor CISA KEV");
  if (document.contains("values") && document["values"].is_array())
    return detail::import_misp(document);
  if (document.value("type", "") == "bundle" && document.contains("objects") &&
      document["objects"].is_array())
    return detail::import_stix(document);
  if (document.contains("vulnerabilities") && document["vulnerabilities"].is_array())
    return detail::import_kev(document);
  throw std::runtime_error(
      "neither a MISP galaxy cluster file (\"values\"), a STIX bundle (\"type\": \"bundle\") nor "
      "the CISA KEV catalogue (\"vulnerabilities\")");
}

}  // namespace

EntityImport import_entities(const json& document) {
  EntityImport out = import_any(document);
  out.imported = out.entities.size();
  return out;
}

}  // namespace briefing
