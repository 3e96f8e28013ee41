// Related events by shared entities, read from the index: what RelatedFinder reads from the facet
// table when it has one, and all it has over remote shards. Each actor or vendor costs two small
// searches (the briefings with it just before and just after), whose sort keys (order_key.h)
// carry the date and id and whose CoordWeight carries the number of entities shared, so that no
// document is read but the few kept.
#include <algorithm>
#include <cmath>
#include <map>

#include "order_key.h"
#include "related_finder.h"
#include "related_parts.h"

namespace briefing {
namespace {

struct Neighbour {
  Xapian::docid docid;
  int shared;  // of the briefing's actors and vendors
  double published;
  std::string id;
};

// The briefings matching `with_entity` published within [from, to], nearest to the briefing
// first: later ones oldest first (ascending order key: ties by id descending), earlier ones
// newest first (ties by id ascending), as the facet table's newest-first lists walk outwards.
std::vector<Neighbour> one_side(const Xapian::Database& db, const Xapian::Query& with_entity,
                                double from, double to, bool later) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(
      Xapian::Query::OP_FILTER, with_entity,
      Xapian::Query(Xapian::Query::OP_VALUE_RANGE, layout::kPublished,
                    Xapian::sortable_serialise(from), Xapian::sortable_serialise(to))));
  enquire.set_weighting_scheme(Xapian::CoordWeight());
  enquire.set_sort_by_value(layout::kOrderKey, /*reverse=*/!later);
  const Xapian::MSet mset = enquire.get_mset(0, related::kNearestPerEntity);
  std::vector<Neighbour> out;
  for (auto it = mset.begin(); it != mset.end(); ++it)
    if (std::optional<OrderKeyParts> key = parse_order_key(it.get_sort_key()))
      out.push_back({*it, static_cast<int>(std::lround(it.get_weight())),
                     static_cast<double>(key->published), std::move(key->id)});
  return out;
}

// The kNearestPerEntity nearest of both sides, the earlier one first at equal distance.
std::vector<Neighbour> nearest(std::vector<Neighbour> earlier, std::vector<Neighbour> later,
                               double when) {
  std::vector<Neighbour> out;
  std::size_t e = 0, l = 0;
  while (out.size() < static_cast<std::size_t>(related::kNearestPerEntity)) {
    const double before = e < earlier.size() ? when - earlier[e].published : HUGE_VAL;
    const double after = l < later.size() ? later[l].published - when : HUGE_VAL;
    if (std::min(before, after) > related::kWindowSeconds) break;
    out.push_back(std::move(before <= after ? earlier[e++] : later[l++]));
  }
  return out;
}

// "shared actor X" for a briefing kept: the first in common, actors before vendors, by name.
std::string first_in_common(const Xapian::Document& self, const Xapian::Document& other) {
  for (Facet f : {Facet::kActor, Facet::kVendor}) {
    const std::vector<std::string> mine = related::slot_values(self, f);
    for (const std::string& v : related::slot_values(other, f))  // sorted by name
      if (std::find(mine.begin(), mine.end(), v) != mine.end())
        return related::reason_prefix(f) + v;
  }
  return {};
}

// One query per actor and vendor: it, weighted with the others so that CoordWeight counts them.
std::vector<Xapian::Query> entity_queries(const Xapian::Document& doc) {
  std::vector<Xapian::Query> terms;
  for (const std::string& a : related::slot_values(doc, Facet::kActor))
    terms.emplace_back(std::string(layout::kActor) + a);
  for (const std::string& v : related::slot_values(doc, Facet::kVendor))
    terms.emplace_back(std::string(layout::kVendor) + v);
  std::vector<Xapian::Query> out;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    std::vector<Xapian::Query> others(terms.begin(), terms.end());
    others.erase(others.begin() + static_cast<std::ptrdiff_t>(i));
    out.push_back(others.empty() ? terms[i]
                                 : Xapian::Query(Xapian::Query::OP_AND_MAYBE, terms[i],
                                                 Xapian::Query(Xapian::Query::OP_OR, others.begin(),
                                                               others.end())));
  }
  return out;
}

}  // namespace

void RelatedFinder::add_shared_entities(const Xapian::Document& doc, Xapian::docid self,
                                        Gathered& g) const {
  auto& [limit, out, seen] = g;
  if (out.size() >= limit) return;
  const double when = related::published(doc);
  std::map<Xapian::docid, Candidate> found;
  for (const Xapian::Query& query : entity_queries(doc)) {
    // Published times are whole seconds: "before" is up to half a second short of `when`.
    auto earlier = one_side(db_, query, when - related::kWindowSeconds, when - 0.5, false);
    auto later = one_side(db_, query, when, when + related::kWindowSeconds, true);
    for (Neighbour& n : nearest(std::move(earlier), std::move(later), when))
      if (n.docid != self && std::find(seen.begin(), seen.end(), n.docid) == seen.end())
        found.try_emplace(
            n.docid,
            Candidate{n.docid, n.shared, std::abs(n.published - when), std::move(n.id), {}});
  }
  std::vector<Candidate> candidates;
  for (auto& [docid, c] : found) candidates.push_back(std::move(c));
  const std::size_t wanted = std::min(candidates.size(), limit - out.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(wanted),
                    candidates.end(), related::ranks_before);
  for (std::size_t i = 0; i < wanted; ++i) {
    const Xapian::Document other = db_.get_document(candidates[i].docid, Xapian::DOC_ASSUME_VALID);
    seen.push_back(candidates[i].docid);
    out.push_back(related_item(other, first_in_common(doc, other)));
  }
}

}  // namespace briefing
