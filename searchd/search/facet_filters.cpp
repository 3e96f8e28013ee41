// Facet selections resolved and turned into filters (facet_filters.h).
#include "facet_filters.h"

#include <algorithm>

#include "date_terms.h"
#include "facet_layout.h"
#include "index_layout.h"
#include "region_names.h"
#include "text_util.h"

namespace briefing {

std::optional<EntityKind> entity_kind(Facet facet) {
  switch (facet) {
    case Facet::kActor:
      return EntityKind::kActor;
    case Facet::kVendor:
      return EntityKind::kVendor;
    case Facet::kRegion:
      return EntityKind::kRegion;
    default:
      return std::nullopt;
  }
}

namespace {

// The filter for one facet's selected values (OR), or an empty query when nothing is selected.
Xapian::Query value_filter(const Xapian::Database& db, const Gazetteer& gazetteer, Facet facet,
                           const std::vector<std::string>& values,
                           std::vector<std::string>& canonical) {
  std::vector<Xapian::Query> terms;
  for (const std::string& v : values) {
    std::vector<std::string> resolved = resolve_facet_value(db, gazetteer, facet, v);
    if (resolved.empty()) resolved.push_back(v);  // unknown: matches nothing, still shown ticked
    for (const auto& r : resolved) {
      canonical.push_back(r);
      terms.emplace_back(std::string(facet_field(facet).prefix) + r);
    }
  }
  if (terms.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// An open end is closed at the oldest or newest briefing, so that the terms stay few.
Xapian::Query range_filter(const SearchRequest& r, const FacetTable* table) {
  if (!r.from && !r.to) return Xapian::Query();
  if (table && table->documents() > 0) {
    const auto& all = table->newest_first();
    const auto oldest = static_cast<std::int64_t>(table->published(all.back()));
    const auto newest = static_cast<std::int64_t>(table->published(all.front()));
    return date_range_terms(std::max(r.from.value_or(oldest), oldest),
                            std::min(r.to.value_or(newest), newest));
  }
  double from = r.from ? static_cast<double>(*r.from) : -1e18;
  double to = r.to ? static_cast<double>(*r.to) : 1e18;
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, layout::kPublished,
                       Xapian::sortable_serialise(from), Xapian::sortable_serialise(to));
}

}  // namespace

std::vector<std::string> resolve_facet_value(const Xapian::Database& db, const Gazetteer& gazetteer,
                                             Facet facet, const std::string& typed) {
  const std::string prefix(facet_field(facet).prefix);
  if (db.term_exists(prefix + typed)) return {typed};
  if (auto kind = entity_kind(facet)) {
    std::string canonical = gazetteer.canonical(*kind, typed);
    if (db.term_exists(prefix + canonical)) return {canonical};
  }
  if (facet == Facet::kRegion) {
    if (auto code = region_code(typed); code && db.term_exists(prefix + *code)) return {*code};
  }
  std::vector<std::string> out;
  const std::string wanted = ascii_lower(typed);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    std::string value = (*it).substr(prefix.size());
    if (ascii_lower(value) == wanted) out.push_back(value);
  }
  return out;
}

FacetFilters facet_filters(const Xapian::Database& db, const Gazetteer& gazetteer,
                           const SearchRequest& request, const FacetTable* table) {
  FacetFilters out;
  for (Facet f : kAllFacets) {
    const std::size_t i = facet_index(f);
    out.queries[i] = selected_by_value(f)
                         ? value_filter(db, gazetteer, f, request.values(f), out.selected[i])
                         : range_filter(request, table);
  }
  return out;
}

Xapian::Query filtered(const Xapian::Query& text, const PerFacet<Xapian::Query>& filters) {
  std::vector<Xapian::Query> present;
  for (const auto& f : filters)
    if (!f.empty()) present.push_back(f);
  if (present.empty()) return text;
  return Xapian::Query(Xapian::Query::OP_FILTER, text,
                       Xapian::Query(Xapian::Query::OP_AND, present.begin(), present.end()));
}

}  // namespace briefing
