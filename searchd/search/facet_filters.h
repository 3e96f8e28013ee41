// A request's facet selections as index filters: what the user typed resolved to canonical
// values (exact, an alias, any case, a country name), one OR filter per facet, and the date range.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "facet.h"
#include "facet_table.h"
#include "gazetteer.h"
#include "search_types.h"

namespace briefing {

struct FacetFilters {
  PerFacet<Xapian::Query> queries;  // an empty query: the facet is not filtered
  // The canonical values selected per facet: what answers show ticked, what the table filters.
  PerFacet<std::vector<std::string>> selected;
};

// The gazetteer kind of an entity facet (actor, vendor, region); nullopt for the others.
std::optional<EntityKind> entity_kind(Facet facet);

// Canonical values of a facet for what a user typed: exact, an alias the gazetteer knows, else
// any case; regions also by country name. Empty when the index has none.
std::vector<std::string> resolve_facet_value(const Xapian::Database& db, const Gazetteer& gazetteer,
                                             Facet facet, const std::string& typed);

// With the table, the date range is written as date terms (Xapian skips to the briefings in it
// instead of reading every candidate's timestamp); without it, as a range over the timestamp.
FacetFilters facet_filters(const Xapian::Database& db, const Gazetteer& gazetteer,
                           const SearchRequest& request, const FacetTable* table);

// `text` restricted to the documents every filter passes.
Xapian::Query filtered(const Xapian::Query& text, const PerFacet<Xapian::Query>& filters);

}  // namespace briefing
