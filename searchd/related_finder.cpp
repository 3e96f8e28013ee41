// Related events. Shared-entity candidates are scored by how many actors/vendors they share,
// then by closeness in time, so a thread's neighbours come before distant namesakes.
#include "related_finder.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "index_layout.h"

namespace briefing {
namespace {

constexpr double kSecondsPerDay = 86400;
// Candidates for shared entities are looked for within this many days either side.
constexpr double kSharedEntityWindowDays = 365;
// Candidates read per briefing: the ones sharing the most entities, newest first among equals.
constexpr Xapian::doccount kSharedEntityCandidates = 24;

std::vector<std::string> split_set(const std::string& value) {
  std::vector<std::string> out;
  if (value.empty()) return out;
  std::size_t start = 0;
  while (true) {
    std::size_t end = value.find(layout::kSetSeparator, start);
    out.push_back(value.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return out;
    start = end + 1;
  }
}

double published(const Xapian::Document& doc) {
  return Xapian::sortable_unserialise(doc.get_value(layout::kPublished));
}

bool contains(const std::vector<Xapian::docid>& ids, Xapian::docid id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Only free-text terms (unprefixed: they start with a lower-case letter, a digit or non-ASCII).
struct FreeTextTerms : Xapian::ExpandDecider {
  bool operator()(const std::string& term) const override {
    unsigned char c = static_cast<unsigned char>(term[0]);
    return !(c >= 'A' && c <= 'Z') && term.size() > 2;
  }
};

}  // namespace

RelatedItem related_item(const Xapian::Document& doc, std::string reason) {
  auto data = nlohmann::json::parse(doc.get_data(), nullptr, false);
  RelatedItem item;
  if (data.is_object()) {
    item.id = data.value("id", "");
    item.title = data.value("title", "");
    item.published = data.value("published", "");
  }
  item.reason = std::move(reason);
  return item;
}

void RelatedFinder::add_links(const Xapian::Document& doc, Xapian::docid self, std::size_t limit,
                              std::vector<RelatedItem>& out,
                              std::vector<Xapian::docid>& seen) const {
  auto data = nlohmann::json::parse(doc.get_data(), nullptr, false);
  std::vector<Xapian::docid> linked;
  if (data.is_object() && data.contains("related") && data["related"].is_array())
    for (const auto& id : data["related"]) {
      if (!id.is_string()) continue;
      std::string term = std::string(layout::kId) + id.get<std::string>();
      auto it = db_.postlist_begin(term);
      if (it != db_.postlist_end(term)) linked.push_back(*it);
    }
  // Briefings that link to this one.
  if (data.is_object()) {
    std::string term = std::string(layout::kLinksTo) + data.value("id", "");
    for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it)
      linked.push_back(*it);
  }
  for (Xapian::docid id : linked) {
    if (out.size() >= limit) return;
    if (id == self || contains(seen, id)) continue;
    seen.push_back(id);
    out.push_back(related_item(db_.get_document(id), "link"));
  }
}

void RelatedFinder::add_shared_entities(const Xapian::Document& doc, Xapian::docid self,
                                        std::size_t limit, std::vector<RelatedItem>& out,
                                        std::vector<Xapian::docid>& seen) const {
  if (out.size() >= limit) return;
  std::vector<std::string> actors = split_set(doc.get_value(layout::kActorSet));
  std::vector<std::string> vendors = split_set(doc.get_value(layout::kVendorSet));
  std::vector<Xapian::Query> terms;
  for (const auto& a : actors) terms.emplace_back(std::string(layout::kActor) + a);
  for (const auto& v : vendors) terms.emplace_back(std::string(layout::kVendor) + v);
  if (terms.empty()) return;

  const double when = published(doc);
  const double window = kSharedEntityWindowDays * kSecondsPerDay;
  Xapian::Query query(Xapian::Query::OP_FILTER,
                      Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                      Xapian::Query(Xapian::Query::OP_VALUE_RANGE, layout::kPublished,
                                    Xapian::sortable_serialise(when - window),
                                    Xapian::sortable_serialise(when + window)));
  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  // CoordWeight scores a candidate by how many of the entity terms it has, so the shortlist is
  // the briefings sharing the most without reading any document.
  enquire.set_weighting_scheme(Xapian::CoordWeight());
  enquire.set_sort_by_relevance_then_value(layout::kPublished, true);
  Xapian::MSet mset = enquire.get_mset(0, kSharedEntityCandidates + 1);
  mset.fetch();

  struct Candidate {
    Xapian::docid id;
    int shared;
    double distance;
    std::string reason;
  };
  std::vector<Candidate> candidates;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    if (*it == self || contains(seen, *it)) continue;
    Xapian::Document other = it.get_document();
    int shared = 0;
    std::string reason;
    for (const auto& a : split_set(other.get_value(layout::kActorSet)))
      if (std::find(actors.begin(), actors.end(), a) != actors.end()) {
        if (reason.empty()) reason = "shared actor " + a;
        ++shared;
      }
    for (const auto& v : split_set(other.get_value(layout::kVendorSet)))
      if (std::find(vendors.begin(), vendors.end(), v) != vendors.end()) {
        if (reason.empty()) reason = "shared vendor " + v;
        ++shared;
      }
    candidates.push_back({*it, shared, std::abs(published(other) - when), reason});
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.shared != b.shared) return a.shared > b.shared;
    if (a.distance != b.distance) return a.distance < b.distance;
    return a.id < b.id;
  });
  for (const auto& c : candidates) {
    if (out.size() >= limit) return;
    seen.push_back(c.id);
    out.push_back(related_item(db_.get_document(c.id), c.reason));
  }
}

void RelatedFinder::add_similar_text(Xapian::docid self, std::size_t limit,
                                     std::vector<RelatedItem>& out,
                                     std::vector<Xapian::docid>& seen) const {
  if (out.size() >= limit) return;
  Xapian::Enquire enquire(db_);
  Xapian::RSet rset;
  rset.add_document(self);
  FreeTextTerms decider;
  Xapian::ESet eset = enquire.get_eset(25, rset, &decider);
  if (eset.empty()) return;
  enquire.set_query(Xapian::Query(Xapian::Query::OP_ELITE_SET, eset.begin(), eset.end(), 25));
  Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit + seen.size() + 1));
  for (auto it = mset.begin(); it != mset.end() && out.size() < limit; ++it) {
    if (*it == self || contains(seen, *it)) continue;
    seen.push_back(*it);
    out.push_back(related_item(it.get_document(), "similar text"));
  }
}

std::vector<RelatedItem> RelatedFinder::find(Xapian::docid docid,
                                             const RelatedOptions& options) const {
  std::vector<RelatedItem> out;
  std::vector<Xapian::docid> seen;
  Xapian::Document doc = db_.get_document(docid);
  add_links(doc, docid, options.limit, out, seen);
  add_shared_entities(doc, docid, options.limit, out, seen);
  if (options.similar_text) add_similar_text(docid, options.limit, out, seen);
  return out;
}

}  // namespace briefing
