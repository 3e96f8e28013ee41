// Settling near-duplicate groups (duplicate_groups.h): a walk over the band terms from the seeds,
// a union-find over what it meets, and the least id of each component as its key.
#include "duplicate_groups.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <limits>
#include <unordered_map>

#include "index_layout.h"
#include "near_duplicate.h"

namespace briefing {
namespace {

namespace nd = near_duplicate;

// The briefings met so far, their signatures, and which component each is in. A briefing is
// numbered in the order it is met; the band postings are read once each and kept as such numbers:
// in a group of thousands, every member shares bands with most of the others, and reading those
// postings again per member was most of a run that changed one of them.
class Components {
 public:
  explicit Components(const Xapian::Database& db) : db_(db) {}

  // Visits everything connected to `starts`, joining near-duplicates as it goes.
  void walk(const std::set<Xapian::docid>& starts) {
    std::deque<Index> queue;
    for (Xapian::docid d : starts)
      if (const Index i = meet(d); reach(i)) queue.push_back(i);
    while (!queue.empty()) {
      const Index i = queue.front();
      queue.pop_front();
      for (Index other : near_duplicates_of(i)) {
        join(i, other);
        if (reach(other)) queue.push_back(other);
      }
    }
  }

  // Joins the briefings sharing one band term (all then count as reached) where their
  // signatures make them near-duplicates; a pair already in one component is not compared again.
  void join_near_among(const std::string& band_term) {
    std::vector<Index> sharers;  // not kept: each term is visited once
    for (auto it = db_.postlist_begin(band_term); it != db_.postlist_end(band_term); ++it)
      sharers.push_back(meet(*it));
    for (Index i : sharers) met_[i].reached = true;
    for (std::size_t a = 0; a < sharers.size(); ++a)
      for (std::size_t b = a + 1; b < sharers.size(); ++b)
        if (root(sharers[a]) != root(sharers[b]) &&
            nd::near_duplicates(met_[sharers[a]].signature, met_[sharers[b]].signature))
          join(sharers[a], sharers[b]);
  }

  // Each component's key (its least id) for every briefing reached, where it differs from the
  // stored one. A briefing only compared with (met, not reached) is in another component.
  std::vector<GroupChange> changes() {
    std::unordered_map<Index, std::string> least_id;  // root -> least id
    for (Index i = 0; i < met_.size(); ++i) {
      if (!met_[i].reached) continue;
      std::string& key = least_id[root(i)];
      if (key.empty() || met_[i].id < key) key = met_[i].id;
    }
    std::vector<GroupChange> out;
    for (Index i = 0; i < met_.size(); ++i) {
      if (!met_[i].reached) continue;
      const std::string& key = least_id[root(i)];
      if (met_[i].stored_group != key) out.push_back({met_[i].docid, key});
    }
    return out;
  }

 private:
  using Index = std::uint32_t;  // a briefing's place in met_
  static constexpr Index kNobody = std::numeric_limits<Index>::max();

  struct Met {
    std::string id, stored_group;
    nd::Signature signature;
    Xapian::docid docid;
    bool reached = false;  // by the walk: its whole component is reached too
  };

  // Reads a briefing the first time it is met (as a start, or as a candidate of one reached).
  Index meet(Xapian::docid d) {
    auto [found, is_new] = index_.try_emplace(d, static_cast<Index>(met_.size()));
    if (!is_new) return found->second;
    Xapian::Document doc = db_.get_document(d, Xapian::DOC_ASSUME_VALID);
    nd::Signature signature =
        nd::decode_signature(doc.get_value(layout::kSignature)).value_or(nd::Signature{});
    met_.push_back({doc.get_value(layout::kIdValue), doc.get_value(layout::kDuplicateGroupValue),
                    std::move(signature), d});
    parent_.push_back(found->second);
    compared_with_.push_back(kNobody);
    return found->second;
  }

  // The briefings holding a band term, each met.
  const std::vector<Index>& postings(const std::string& term) {
    auto [found, is_new] = postings_.try_emplace(term);
    if (is_new)
      for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it)
        found->second.push_back(meet(*it));
    return found->second;
  }

  // Marks a briefing reached by the walk; false when it was reached before.
  bool reach(Index i) {
    if (met_[i].reached) return false;
    met_[i].reached = true;
    return true;
  }

  // The near-duplicates of a reached briefing not yet in its component. One in it already was
  // reached (the walk reaches all it joins): comparing again would find nothing new.
  std::vector<Index> near_duplicates_of(Index i) {
    std::vector<Index> out;
    compared_with_[i] = i;
    for (const std::string& key : nd::band_keys(met_[i].signature)) {
      for (Index other : postings(std::string(layout::kBand) + key)) {
        if (compared_with_[other] == i) continue;  // met under another band already
        compared_with_[other] = i;
        if (root(other) == root(i)) continue;
        if (nd::near_duplicates(met_[i].signature, met_[other].signature)) out.push_back(other);
      }
    }
    return out;
  }

  Index root(Index i) {
    while (parent_[i] != i) {
      parent_[i] = parent_[parent_[i]];  // halves the path as it goes
      i = parent_[i];
    }
    return i;
  }

  void join(Index a, Index b) {
    const Index ra = root(a), rb = root(b);
    if (ra != rb) parent_[std::max(ra, rb)] = std::min(ra, rb);
  }

  const Xapian::Database& db_;
  std::deque<Met> met_;  // a deque: a Met stays where it is while others are met
  // What the walk reads for every candidate, apart from the rest so that it stays in cache:
  // each briefing's union-find parent, and the briefing whose candidates it was last among.
  std::vector<Index> parent_, compared_with_;
  std::unordered_map<Xapian::docid, Index> index_;
  std::unordered_map<std::string, std::vector<Index>> postings_;  // band term -> its briefings
};

}  // namespace

std::vector<GroupChange> settle_groups(const Xapian::Database& db, const GroupSeeds& seeds) {
  std::set<Xapian::docid> starts = seeds.written;
  for (const std::string& group : seeds.groups) {
    const std::string term = std::string(layout::kDuplicateGroup) + group;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) starts.insert(*it);
  }
  Components components(db);
  components.walk(starts);
  return components.changes();
}

// Every near-duplicate pair shares a band term, and nearly every band term belongs to one briefing
// alone (a key is shared only by briefings with a band's rows of their signatures alike); so a walk
// over the band terms that two or more briefings share finds every edge, reading no briefing that
// has none. Reading each briefing's band postings instead cost one B-tree lookup per band per
// briefing.
std::vector<GroupChange> settle_all_groups(const Xapian::Database& db) {
  Components components(db);
  const std::string prefix(layout::kBand);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
    if (t.get_termfreq() >= 2) components.join_near_among(*t);
  return components.changes();
}

void set_group(Xapian::Document& doc, const std::string& key) {
  const std::string prefix(layout::kDuplicateGroup);
  const std::string old = doc.get_value(layout::kDuplicateGroupValue);
  if (!old.empty()) {
    try {
      doc.remove_term(prefix + old);
    } catch (const Xapian::InvalidArgumentError&) {
      // not there: nothing to remove
    }
  }
  doc.add_value(layout::kDuplicateGroupValue, key);
  doc.add_boolean_term(prefix + key);
}

}  // namespace briefing
