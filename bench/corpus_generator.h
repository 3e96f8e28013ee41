// Seeded briefings made of real texts: deterministic, varied, and realistic in the ways a search
// engine notices (skewed facet values, dates spread over years, links to earlier briefings).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "briefing.h"
#include "corpus_sources.h"
#include "seeded_random.h"

namespace briefing::bench {

class BriefingGenerator {
 public:
  // `texts` must outlive the generator.
  BriefingGenerator(const SourceTexts& texts, std::uint64_t seed);

  // The next briefing, "bench-0000001" first. Its body differs from every earlier one's.
  Briefing next();

 private:
  // What one briefing is about; the text fields are drawn to match it.
  struct Subject {
    const Advisory* advisory = nullptr;  // the lead source: an advisory...
    std::vector<std::uint32_t> kev;      // ...or else kev[0]; one KEV entry per vendor
    std::vector<std::uint32_t> actors;
  };
  // Keeps a body's paragraphs from different source records.
  struct SourceSet {
    std::vector<std::uint64_t> keys;
    bool add(std::uint64_t key);
  };

  Subject draw_subject();
  std::string draw_title(const Subject& s);
  std::int64_t draw_published(const Subject& s);
  std::string draw_body(const Subject& s);
  bool add_random_passage(SourceSet& used, std::vector<const std::string*>& out);
  std::vector<std::string> draw_regions();
  std::vector<std::string> draw_related(const Subject& s);
  void draw_extras(const Subject& s, Briefing& b);
  void remember(const Subject& s);

  const SourceTexts& texts_;
  SeededRandom random_;
  WeightedPick actor_pick_;
  WeightedPick region_pick_;
  std::uint32_t count_ = 0;
  // Fingerprints of every body so far: looked up, never iterated, so its order cannot leak out.
  std::unordered_set<std::uint64_t> bodies_;
  // The latest briefings per vendor and per actor (numbers), for "related" links that make sense.
  std::map<std::string, std::vector<std::uint32_t>, std::less<>> recent_by_vendor_;
  std::map<std::uint32_t, std::vector<std::uint32_t>> recent_by_actor_;  // by actor index
};

// "bench-0000042".
std::string bench_id(std::uint32_t number);

}  // namespace briefing::bench
