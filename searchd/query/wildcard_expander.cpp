// Bounded wildcard expansion and its per-revision cache.
#include "wildcard_expander.h"

#include <queue>

namespace briefing {

Expansion expand_wildcard(const Xapian::Database& db, const std::string& prefix,
                          const WildcardBudget& budget) {
  // A min-heap on frequency keeps the most frequent terms seen so far; ties go to the term
  // earlier in the list, so the answer does not depend on anything but the index.
  using Scored = std::pair<Xapian::doccount, std::string>;
  auto rarer = [](const Scored& a, const Scored& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  };
  std::priority_queue<Scored, std::vector<Scored>, decltype(rarer)> kept(rarer);
  Expansion out;
  std::size_t scanned = 0;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    if (scanned++ == budget.max_scanned) {
      out.truncated = true;
      break;
    }
    kept.emplace(it.get_termfreq(), *it);
    if (kept.size() > budget.max_terms) {
      kept.pop();
      out.truncated = true;
    }
  }
  out.terms.resize(kept.size());
  for (std::size_t i = kept.size(); i-- > 0; kept.pop()) out.terms[i] = kept.top().second;
  return out;
}

std::shared_ptr<const Expansion> WildcardCache::expand(const Xapian::Database& db,
                                                       const std::string& prefix,
                                                       std::pair<std::uint64_t, std::uint64_t> key,
                                                       const WildcardBudget& budget) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (key != key_) {  // a new revision: its term list may differ
      recent_.clear();
      by_prefix_.clear();
      key_ = key;
    }
    if (auto it = by_prefix_.find(prefix); it != by_prefix_.end()) {
      recent_.splice(recent_.begin(), recent_, it->second);
      return it->second->second;
    }
  }
  // Expanded outside the lock: two threads may expand the same prefix once each, which is
  // cheaper than making every search wait for one expansion.
  auto expansion = std::make_shared<const Expansion>(expand_wildcard(db, prefix, budget));
  std::lock_guard<std::mutex> lock(mutex_);
  if (key != key_ || by_prefix_.count(prefix)) return expansion;
  recent_.emplace_front(prefix, expansion);
  by_prefix_[prefix] = recent_.begin();
  if (recent_.size() > capacity_) {
    by_prefix_.erase(recent_.back().first);
    recent_.pop_back();
  }
  return expansion;
}

}  // namespace briefing
