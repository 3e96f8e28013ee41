// Searcher::entity (searcher.h): the canonical value an alias or any spelling names, what the
// gazetteer says of it, and what the briefings tagged with it count (entity_profile.h).
#include <algorithm>

#include "entity_profile.h"
#include "facet_filters.h"
#include "facet_labels.h"
#include "region_names.h"
#include "searcher_impl.h"

namespace briefing {

namespace {

// The facet value `typed` names: one the index holds (an alias, any case, a country name), else
// an entity the gazetteer knows that no briefing is tagged with yet.
std::optional<std::string> canonical_value(const Xapian::Database& db, const Gazetteer& gazetteer,
                                           Facet kind, const std::string& typed) {
  const std::vector<std::string> held = resolve_facet_value(db, gazetteer, kind, typed);
  if (!held.empty()) return held.front();
  if (kind == Facet::kRegion)
    if (std::optional<std::string> code = region_code(typed)) return code;
  if (const Entity* e = gazetteer.find(*entity_kind(kind), typed)) return e->name;
  return std::nullopt;
}

void describe(const Gazetteer& gazetteer, EntityPage& page) {
  page.label = facet_label(page.kind, page.name);
  const Entity* e = gazetteer.find(*entity_kind(page.kind), page.name);
  if (!e) return;
  for (const auto* names : {&e->aliases, &e->ambiguous})
    for (const std::string& alias : *names)
      if (alias != page.name && alias != page.label &&
          std::find(page.aliases.begin(), page.aliases.end(), alias) == page.aliases.end())
        page.aliases.push_back(alias);
  page.type = e->type;
  page.country = e->country;
  if (!e->country.empty()) page.country_label = facet_label(Facet::kRegion, e->country);
}

}  // namespace

std::optional<EntityPage> Searcher::entity(Facet kind, const std::string& name_or_alias) {
  if (!entity_kind(kind)) return std::nullopt;
  return impl_->with_table_handle([&](IndexHandle& h) -> std::optional<EntityPage> {
    std::shared_ptr<const EntityCache::State> names = impl_->entities.for_index(h.db);
    std::optional<std::string> value = canonical_value(h.db, names->gazetteer, kind, name_or_alias);
    if (!value) return std::nullopt;
    EntityPage page;
    page.kind = kind;
    page.name = std::move(*value);
    describe(names->gazetteer, page);
    std::shared_ptr<const FacetTable> table = impl_->tables.for_handle(h);
    count_mentions(h.db, table.get(), EntityLimits{}, page);
    return page;
  });
}

}  // namespace briefing
