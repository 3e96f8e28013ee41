// The inputs of the microbenchmarks: seeded briefings made of the shared data's real texts, in
// memory (the ones make_corpus --seed 42 writes first), and a small real index of them written by
// the real indexer into a scratch folder that goes with it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "briefing.h"

namespace briefing::testing {
class SmallIndex;
}

namespace briefing::bench {

inline constexpr std::uint64_t kMicroSeed = 42;

// The first `count` briefings of seed kMicroSeed, from BRIEFING_SHARED_DIR's data, each as the
// indexer reads it back from its canonical JSON.
std::vector<Briefing> generated_briefings(std::size_t count);

// A real index of `briefings` (entity extraction off: each briefing has the entities it names),
// removed when the object goes.
class GeneratedIndex {
 public:
  GeneratedIndex(const std::string& tag, std::vector<Briefing> briefings);
  ~GeneratedIndex();
  GeneratedIndex(const GeneratedIndex&) = delete;
  GeneratedIndex& operator=(const GeneratedIndex&) = delete;

  const Xapian::Database& db() const;
  const std::string& path() const;
  // The briefings, and which docid the indexer gave each (by position in briefings()).
  const std::vector<Briefing>& briefings() const { return briefings_; }
  const Briefing& briefing_of(Xapian::docid d) const { return briefings_.at(by_docid_.at(d)); }
  const std::map<Xapian::docid, std::size_t>& docids() const { return by_docid_; }

 private:
  std::vector<Briefing> briefings_;
  std::unique_ptr<testing::SmallIndex> index_;
  std::map<Xapian::docid, std::size_t> by_docid_;
};

}  // namespace briefing::bench
