// What the two ways of finding related events (from the facet table, related_finder.cpp; from
// the index, related_from_index.cpp) share: the limits, the order, the document fields read.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "facet.h"
#include "facet_layout.h"
#include "index_layout.h"

namespace briefing::related {

// Briefings sharing an entity are looked for within a year either side.
inline constexpr double kWindowSeconds = 365 * 86400.0;
// Per shared actor or vendor, the briefings nearest in time to look at.
inline constexpr int kNearestPerEntity = 32;

// The members of an actor or vendor set slot (facet_layout.h), sorted by name.
inline std::vector<std::string> slot_values(const Xapian::Document& doc, Facet f) {
  std::vector<std::string> out;
  for_each_slot_value(facet_field(f), doc.get_value(facet_field(f).slot),
                      [&out](std::string_view v) { out.emplace_back(v); });
  return out;
}

inline double published(const Xapian::Document& doc) {
  return Xapian::sortable_unserialise(doc.get_value(layout::kPublished));
}

inline const char* reason_prefix(Facet f) {
  return f == Facet::kActor ? "shared actor " : "shared vendor ";
}

// The order of related candidates (anything with shared, distance and a briefing id): most shared
// entities first, then closest in time, then by id, so that the order is the same in one index
// and in shards (docids differ between them).
inline constexpr auto ranks_before = [](const auto& a, const auto& b) {
  if (a.shared != b.shared) return a.shared > b.shared;
  if (a.distance != b.distance) return a.distance < b.distance;
  return a.id < b.id;
};

}  // namespace briefing::related
