// Settling near-duplicate groups (duplicate_groups.h): a walk over the band terms from the seeds,
// a union-find over what it meets, and the least id of each component as its key.
#include "duplicate_groups.h"

#include <algorithm>
#include <deque>
#include <map>

#include "index_layout.h"
#include "near_duplicate.h"

namespace briefing {
namespace {

namespace nd = near_duplicate;

// The briefings met so far, their signatures, and which component each is in.
class Components {
 public:
  explicit Components(const Xapian::Database& db) : db_(db) {}

  // Visits everything connected to `starts`, joining near-duplicates as it goes.
  void walk(const std::set<Xapian::docid>& starts) {
    std::deque<Xapian::docid> queue;
    for (Xapian::docid d : starts)
      if (reach(d)) queue.push_back(d);
    while (!queue.empty()) {
      const Xapian::docid d = queue.front();
      queue.pop_front();
      for (Xapian::docid other : near_duplicates_of(d)) {
        join(d, other);
        if (reach(other)) queue.push_back(other);
      }
    }
  }

  // Joins two briefings (both then count as reached) when their signatures make them
  // near-duplicates; a pair already in one component is not compared again.
  void join_if_near(Xapian::docid a, Xapian::docid b) {
    meet(a).reached = meet(b).reached = true;
    if (root(a) == root(b)) return;
    if (nd::near_duplicates(met_.at(a).signature, met_.at(b).signature)) join(a, b);
  }

  // Each component's key (its least id) for every briefing reached, where it differs from the
  // stored one. A briefing only compared with (met, not reached) is in another component.
  std::vector<GroupChange> changes() {
    std::map<Xapian::docid, std::string> least_id;  // root -> least id
    for (const auto& [d, met] : met_) {
      if (!met.reached) continue;
      std::string& key = least_id[root(d)];
      if (key.empty() || met.id < key) key = met.id;
    }
    std::vector<GroupChange> out;
    for (const auto& [d, met] : met_) {
      if (!met.reached) continue;
      const std::string& key = least_id[root(d)];
      if (met.stored_group != key) out.push_back({d, key});
    }
    return out;
  }

 private:
  struct Met {
    std::string id, stored_group;
    nd::Signature signature;
    Xapian::docid parent;
    bool reached = false;  // by the walk: its whole component is reached too
  };

  // Reads a briefing the first time it is met (as a start, or as a candidate of one reached).
  Met& meet(Xapian::docid d) {
    auto found = met_.find(d);
    if (found != met_.end()) return found->second;
    Xapian::Document doc = db_.get_document(d, Xapian::DOC_ASSUME_VALID);
    nd::Signature signature =
        nd::decode_signature(doc.get_value(layout::kSignature)).value_or(nd::Signature{});
    return met_[d] = {doc.get_value(layout::kIdValue), doc.get_value(layout::kDuplicateGroupValue),
                      std::move(signature), d};
  }

  // Marks a briefing reached by the walk; false when it was reached before.
  bool reach(Xapian::docid d) {
    Met& met = meet(d);
    if (met.reached) return false;
    met.reached = true;
    return true;
  }

  std::vector<Xapian::docid> near_duplicates_of(Xapian::docid d) {
    std::vector<Xapian::docid> out;
    std::set<Xapian::docid> compared{d};
    const nd::Signature& signature = met_.at(d).signature;
    for (const std::string& key : nd::band_keys(signature)) {
      const std::string term = std::string(layout::kBand) + key;
      for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it) {
        if (!compared.insert(*it).second) continue;
        if (nd::near_duplicates(signature, meet(*it).signature)) out.push_back(*it);
      }
    }
    return out;
  }

  Xapian::docid root(Xapian::docid d) {
    while (met_.at(d).parent != d) {
      Xapian::docid& parent = met_.at(d).parent;
      parent = met_.at(parent).parent;  // halves the path as it goes
      d = parent;
    }
    return d;
  }

  void join(Xapian::docid a, Xapian::docid b) {
    const Xapian::docid ra = root(a), rb = root(b);
    if (ra != rb) met_.at(std::max(ra, rb)).parent = std::min(ra, rb);
  }

  const Xapian::Database& db_;
  std::map<Xapian::docid, Met> met_;
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
// alone (a key is shared only by briefings with 4 rows of their signatures alike); so a walk over
// the band terms that two or more briefings share finds every edge, reading no briefing that has
// none. Reading each briefing's band postings instead cost one B-tree lookup per band per briefing.
std::vector<GroupChange> settle_all_groups(const Xapian::Database& db) {
  Components components(db);
  const std::string prefix(layout::kBand);
  std::vector<Xapian::docid> sharers;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    if (t.get_termfreq() < 2) continue;
    sharers.assign(db.postlist_begin(*t), db.postlist_end(*t));
    for (std::size_t i = 0; i < sharers.size(); ++i)
      for (std::size_t j = i + 1; j < sharers.size(); ++j)
        components.join_if_near(sharers[i], sharers[j]);
  }
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
