#include "entity_profile.h"

#include <algorithm>
#include <ctime>
#include <map>

#include "facet_labels.h"
#include "facet_layout.h"
#include "timestamp.h"

namespace briefing {

namespace {

constexpr Facet kEntityFacets[] = {Facet::kActor, Facet::kVendor, Facet::kRegion};

// What either source gives: the briefings' dates newest first, how often each other value
// appears with the entity, and the latest briefings.
struct Mentions {
  std::vector<double> published;  // newest first
  PerFacet<std::map<std::string, std::uint64_t>> together;
  std::vector<EntityBriefing> latest;
};

EntityBriefing briefing_of(std::string_view id, std::string_view title, double published) {
  return {std::string(id), std::string(title),
          format_timestamp(static_cast<std::int64_t>(published))};
}

Mentions from_table(const FacetTable& table, const EntityPage& page, const EntityLimits& limits) {
  Mentions m;
  const std::optional<ValueId> v = table.find(page.kind, page.name);
  if (!v) return m;
  for (Xapian::docid d : table.postings(*v)) {
    m.published.push_back(table.published(d));
    if (m.latest.size() < limits.latest)
      m.latest.push_back(briefing_of(table.id(d), table.title(d), table.published(d)));
    for (Facet f : kEntityFacets)
      for (ValueId other : table.values(f, d))
        if (other != *v) ++m.together[facet_index(f)][table.name(other)];
  }
  return m;
}

Mentions from_index(const Xapian::Database& db, const EntityPage& page,
                    const EntityLimits& limits) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(std::string(facet_field(page.kind).prefix) + page.name));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_sort_by_value(layout::kOrderKey, /*reverse=*/true);
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  Mentions m;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const Xapian::Document doc = it.get_document();
    const double published = Xapian::sortable_unserialise(doc.get_value(layout::kPublished));
    m.published.push_back(published);
    if (m.latest.size() < limits.latest)
      m.latest.push_back(briefing_of(doc.get_value(layout::kIdValue),
                                     doc.get_value(layout::kTitleValue), published));
    for (Facet f : kEntityFacets)
      for_each_slot_value(facet_field(f), doc.get_value(facet_field(f).slot),
                          [&](std::string_view other) {
                            if (f != page.kind || other != page.name)
                              ++m.together[facet_index(f)][std::string(other)];
                          });
  }
  return m;
}

std::string month_of(double published) {
  const auto seconds = static_cast<std::time_t>(published);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char out[24];
  std::snprintf(out, sizeof out, "%04d-%02d", tm.tm_year + 1900, tm.tm_mon + 1);
  return out;
}

// Every month from the oldest briefing's to the newest's, zeros included.
std::vector<EntityCount> timeline(const std::vector<double>& newest_first) {
  std::map<std::string, std::uint64_t> months;
  for (double p : newest_first) ++months[month_of(p)];
  std::vector<EntityCount> out;
  if (months.empty()) return out;
  std::string month = months.begin()->first;
  const std::string last = months.rbegin()->first;
  while (month <= last) {
    const auto found = months.find(month);
    out.push_back({month, month, found == months.end() ? 0 : found->second});
    int year = std::stoi(month.substr(0, 4)), number = std::stoi(month.substr(5, 2)) + 1;
    if (number > 12) number = 1, ++year;
    char next[24];
    std::snprintf(next, sizeof next, "%04d-%02d", year, number);
    month = next;
  }
  return out;
}

std::vector<EntityCount> most_frequent(Facet f, const std::map<std::string, std::uint64_t>& counts,
                                       std::size_t limit) {
  std::vector<EntityCount> out;
  for (const auto& [name, count] : counts) out.push_back({name, facet_label(f, name), count});
  std::sort(out.begin(), out.end(), [](const EntityCount& a, const EntityCount& b) {
    return a.count != b.count ? a.count > b.count : a.name < b.name;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace

void count_mentions(const Xapian::Database& db, const FacetTable* table, const EntityLimits& limits,
                    EntityPage& page) {
  Mentions m = table ? from_table(*table, page, limits) : from_index(db, page, limits);
  page.briefings = m.published.size();
  if (!m.published.empty()) {
    page.last_seen = format_timestamp(static_cast<std::int64_t>(m.published.front()));
    page.first_seen = format_timestamp(static_cast<std::int64_t>(m.published.back()));
  }
  page.timeline = timeline(m.published);
  page.actors =
      most_frequent(Facet::kActor, m.together[facet_index(Facet::kActor)], limits.co_occurring);
  page.vendors =
      most_frequent(Facet::kVendor, m.together[facet_index(Facet::kVendor)], limits.co_occurring);
  page.regions =
      most_frequent(Facet::kRegion, m.together[facet_index(Facet::kRegion)], limits.co_occurring);
  page.latest = std::move(m.latest);
}

}  // namespace briefing
