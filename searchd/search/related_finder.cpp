// Related events. Shared-entity candidates are scored by how many actors/vendors they share,
// then by closeness in time, so a thread's neighbours come before distant namesakes.
#include "related_finder.h"

#include <algorithm>
#include <cmath>

#include "index_layout.h"
#include "related_parts.h"
#include "stored_briefing.h"
#include "timestamp.h"

namespace briefing {

using related::ranks_before;

namespace {

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

// How many of `self`'s actors and vendors `other` names too.
int shared_count(const FacetTable& t, Xapian::docid self, Xapian::docid other) {
  int shared = 0;
  for (Facet f : {Facet::kActor, Facet::kVendor}) {
    auto mine = t.values(f, self);
    for (ValueId v : t.values(f, other))
      shared += std::find(mine.begin(), mine.end(), v) != mine.end() ? 1 : 0;
  }
  return shared;
}

// "shared actor X": the first entity in common, actors before vendors, each by name.
std::string first_in_common(const FacetTable& t, Xapian::docid self, Xapian::docid other) {
  for (Facet f : {Facet::kActor, Facet::kVendor}) {
    auto mine = t.values(f, self);
    const std::string* first = nullptr;
    for (ValueId v : t.values(f, other))
      if (std::find(mine.begin(), mine.end(), v) != mine.end() && (!first || t.name(v) < *first))
        first = &t.name(v);
    if (first) return related::reason_prefix(f) + *first;
  }
  return {};
}

}  // namespace

RelatedItem related_item(const Xapian::Document& doc, std::string reason) {
  RelatedItem item;
  if (std::optional<Briefing> b = read_stored_briefing(doc.get_data())) {
    item.id = std::move(b->id);
    item.title = std::move(b->title);
    item.published = format_timestamp(b->published);
  }
  item.reason = std::move(reason);
  return item;
}

RelatedItem RelatedFinder::item(Xapian::docid id, std::string reason) const {
  if (!table_ || !table_->has(id))
    return related_item(db_.get_document(id, Xapian::DOC_ASSUME_VALID), std::move(reason));
  return {std::string(table_->id(id)), std::string(table_->title(id)),
          format_timestamp(static_cast<std::int64_t>(table_->published(id))), std::move(reason)};
}

// Best first (ranks_before).
void RelatedFinder::take_best(std::vector<Candidate>& candidates, Gathered& g) const {
  auto& [limit, out, seen] = g;
  std::sort(candidates.begin(), candidates.end(), ranks_before);
  for (auto& c : candidates) {
    if (out.size() >= limit) return;
    seen.push_back(c.docid);
    out.push_back(item(c.docid, std::move(c.reason)));
  }
}

void RelatedFinder::add_links(const std::vector<std::string>& links, const std::string& own_id,
                              Xapian::docid self, Gathered& g) const {
  auto& [limit, out, seen] = g;
  std::vector<Xapian::docid> linked;
  for (const std::string& id : links) {
    if (table_) {
      if (auto d = table_->find_id(id)) linked.push_back(*d);
      continue;
    }
    std::string term = std::string(layout::kId) + id;
    auto it = db_.postlist_begin(term);
    if (it != db_.postlist_end(term)) linked.push_back(*it);
  }
  // Briefings that link to this one.
  if (!table_ || table_->linked_to(self)) {
    std::string term = std::string(layout::kLinksTo) + own_id;
    for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it)
      linked.push_back(*it);
  }
  for (Xapian::docid id : linked) {
    if (out.size() >= limit) return;
    if (id == self || contains(seen, id)) continue;
    seen.push_back(id);
    out.push_back(item(id, "link"));
  }
}

void RelatedFinder::add_shared_from_table(Xapian::docid self, Gathered& g) const {
  auto& [limit, out, seen] = g;
  if (out.size() >= limit) return;
  const FacetTable& t = *table_;
  const double when = t.published(self);
  const double window = related::kWindowSeconds;
  // The briefings nearest in time among those naming each of this one's actors and vendors.
  std::vector<Xapian::docid> near;
  for (Facet f : {Facet::kActor, Facet::kVendor})
    for (ValueId v : t.values(f, self)) {
      const std::vector<Xapian::docid>& list = t.postings(v);  // newest first
      const auto oldest = list.rbegin(), end = list.rend();
      auto lo = std::lower_bound(oldest, end, when,
                                 [&t](Xapian::docid d, double w) { return t.published(d) < w; });
      auto hi = lo;
      for (int taken = 0; taken < related::kNearestPerEntity; ++taken) {
        double before = lo != oldest ? when - t.published(*(lo - 1)) : HUGE_VAL;
        double after = hi != end ? t.published(*hi) - when : HUGE_VAL;
        if (std::min(before, after) > window) break;
        near.push_back(before <= after ? *--lo : *hi++);
      }
    }
  std::sort(near.begin(), near.end());
  near.erase(std::unique(near.begin(), near.end()), near.end());

  // Scored without copying strings; only the ones kept get their reason written.
  struct Scored {
    Xapian::docid docid;
    int shared;
    double distance;
    std::string_view id;
  };
  std::vector<Scored> scored;
  for (Xapian::docid other : near) {
    if (other == self || contains(seen, other)) continue;
    scored.push_back(
        {other, shared_count(t, self, other), std::abs(t.published(other) - when), t.id(other)});
  }
  const std::size_t wanted = std::min(scored.size(), limit - out.size());
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(wanted),
                    scored.end(), ranks_before);
  std::vector<Candidate> candidates;
  for (std::size_t i = 0; i < wanted; ++i) {
    const Scored& c = scored[i];
    candidates.push_back(
        {c.docid, c.shared, c.distance, std::string(c.id), first_in_common(t, self, c.docid)});
  }
  take_best(candidates, g);
}

void RelatedFinder::add_similar_text(Xapian::docid self, Gathered& g) const {
  auto& [limit, out, seen] = g;
  if (out.size() >= limit) return;
  Xapian::Enquire enquire(db_);
  Xapian::RSet rset;
  rset.add_document(self);
  FreeTextTerms decider;
  // Exact term frequencies: over shards the default approximates them from the briefing's own
  // shard, which picks other words than one index would.
  Xapian::ESet eset = enquire.get_eset(25, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
  if (eset.empty()) return;
  enquire.set_query(Xapian::Query(Xapian::Query::OP_ELITE_SET, eset.begin(), eset.end(), 25));
  enquire.set_sort_by_relevance_then_value(layout::kOrderKey, true);  // ties: as in shards
  Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit + seen.size() + 1));
  for (auto it = mset.begin(); it != mset.end() && out.size() < limit; ++it) {
    if (*it == self || contains(seen, *it)) continue;
    seen.push_back(*it);
    out.push_back(item(*it, "similar text"));
  }
}

std::vector<RelatedItem> RelatedFinder::find(Xapian::docid docid, const RelatedOptions& options,
                                             const std::vector<std::string>* links) const {
  Gathered g{options.limit, {}, {}};
  std::string own_id;
  std::optional<Briefing> stored;
  if (table_ && table_->has(docid)) own_id = table_->id(docid);
  if (!links || own_id.empty()) {
    stored = read_stored_briefing(db_.get_document(docid, Xapian::DOC_ASSUME_VALID).get_data());
    if (stored) own_id = stored->id;
    if (!links) links = stored ? &stored->related : nullptr;
  }
  if (links) add_links(*links, own_id, docid, g);
  if (table_ && table_->has(docid))
    add_shared_from_table(docid, g);
  else
    add_shared_entities(db_.get_document(docid, Xapian::DOC_ASSUME_VALID), docid, g);
  if (options.similar_text) add_similar_text(docid, g);
  return std::move(g.out);
}

}  // namespace briefing
