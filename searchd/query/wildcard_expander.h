// Expands a word* prefix into the index's terms within a budget, so that no query can make the
// matcher open tens of thousands of posting lists: each prefix reads at most a bounded run of
// the term list and keeps its most frequent terms, and expansions are remembered per index
// revision, so a flood of the same wildcard costs one expansion.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace briefing {

struct WildcardBudget {
  // Terms of the term list read per prefix: "a*" alone has tens of thousands; the most frequent
  // among the first ones read are kept (the list is alphabetical, so a short prefix is cut).
  std::size_t max_scanned = 20000;
  // Terms one prefix expands to (the most frequent are kept).
  std::size_t max_terms = 200;
};

// The expansion of one prefix: the kept terms, most frequent first (ties in term order), and
// whether the term list was cut short.
struct Expansion {
  std::vector<std::string> terms;
  bool truncated = false;
};

// Reads the term list of `db` under `prefix` within `budget`.
Expansion expand_wildcard(const Xapian::Database& db, const std::string& prefix,
                          const WildcardBudget& budget);

// Expansions of recent prefixes, for one index revision at a time; safe to share between
// threads.
class WildcardCache {
 public:
  explicit WildcardCache(std::size_t capacity = 512) : capacity_(capacity) {}
  // The expansion of `prefix` in `db`, whose revision is `key` (generation and revision).
  std::shared_ptr<const Expansion> expand(const Xapian::Database& db, const std::string& prefix,
                                          std::pair<std::uint64_t, std::uint64_t> key,
                                          const WildcardBudget& budget);

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const Expansion>>;
  std::mutex mutex_;
  std::size_t capacity_;
  std::pair<std::uint64_t, std::uint64_t> key_{};
  std::list<Entry> recent_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> by_prefix_;
};

}  // namespace briefing
