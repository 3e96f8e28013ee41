// The facets briefings are counted and filtered by, and how each one behaves, in one table that
// the indexer, the search library and the HTTP layer all read (no Xapian here: the HTTP layer
// includes it). Where each facet lives in the index is facet_layout.h.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace briefing {

enum class Facet { kActor, kVendor, kRegion, kSeries, kCategory, kStatus, kDate };
inline constexpr std::size_t kFacetCount = 7;

// How a request selects a facet: by its values (`actor=APT28`), or by a range (`from`, `to`).
enum class FacetSelection { kByValue, kByRange };
// How an answer lists a facet's values: most frequent first and cut to the facet limit, or every
// value in value order (the months of the date histogram, in time order).
enum class FacetOrder { kByCount, kAllByValue };

struct FacetInfo {
  Facet facet;
  std::string_view name;  // in URLs and answers
  FacetSelection selection;
  FacetOrder order;
};

// In Facet order, which is also the order answers list the facets in.
inline constexpr std::array<FacetInfo, kFacetCount> kFacetInfo = {{
    {Facet::kActor, "actor", FacetSelection::kByValue, FacetOrder::kByCount},
    {Facet::kVendor, "vendor", FacetSelection::kByValue, FacetOrder::kByCount},
    {Facet::kRegion, "region", FacetSelection::kByValue, FacetOrder::kByCount},
    {Facet::kSeries, "series", FacetSelection::kByValue, FacetOrder::kByCount},
    {Facet::kCategory, "category", FacetSelection::kByValue, FacetOrder::kByCount},
    {Facet::kStatus, "status", FacetSelection::kByValue, FacetOrder::kByCount},
    {Facet::kDate, "date", FacetSelection::kByRange, FacetOrder::kAllByValue},
}};

inline constexpr std::array<Facet, kFacetCount> kAllFacets = [] {
  std::array<Facet, kFacetCount> out{};
  for (std::size_t i = 0; i < kFacetCount; ++i) out[i] = kFacetInfo[i].facet;
  return out;
}();

constexpr std::size_t facet_index(Facet f) {
  return static_cast<std::size_t>(f);
}
constexpr const FacetInfo& facet_info(Facet f) {
  return kFacetInfo[facet_index(f)];
}
constexpr std::string_view facet_name(Facet f) {
  return facet_info(f).name;
}
constexpr bool selected_by_value(Facet f) {
  return facet_info(f).selection == FacetSelection::kByValue;
}
constexpr std::optional<Facet> facet_named(std::string_view name) {
  for (const FacetInfo& info : kFacetInfo)
    if (info.name == name) return info.facet;
  return std::nullopt;
}

// One T per facet, indexed by facet_index.
template <class T>
using PerFacet = std::array<T, kFacetCount>;

}  // namespace briefing
