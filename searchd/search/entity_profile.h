// What an entity page counts (entity_types.h): the briefings tagged with one actor, vendor or
// region, newest first; their months; the values of the other entity facets they carry; the
// latest few. From the facet table when there is one (its postings and rows), else from the
// index (a boolean match sorted by date, and each match's values).
#pragma once

#include <cstddef>
#include <string>

#include <xapian.h>

#include "entity_types.h"
#include "facet_table.h"

namespace briefing {

struct EntityLimits {
  std::size_t co_occurring = 10;  // of each kind
  std::size_t latest = 10;
};

// Fills `page`'s counts for the facet value page.name of facet page.kind (names and aliases are
// the caller's).
void count_mentions(const Xapian::Database& db, const FacetTable* table, const EntityLimits& limits,
                    EntityPage& page);

}  // namespace briefing
