// Did-you-mean over a real index's spelling table: an unknown word replaced by the closest word
// the index has, when that word finds something; known, short and hopeless words left alone.
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "analyser.h"
#include "small_index.h"
#include "spelling_suggester.h"

using briefing::testing::SmallBriefing;
using briefing::testing::SmallIndex;

TEST_CASE("spelling suggestions: unknown words replaced by what the index spells") {
  const SmallIndex index("spelling", {{"s1", "2026-05-01T00:00:00Z", "Ransomware hits hospitals",
                                       "Attackers deployed ransomware against regional hospitals."},
                                      {"s2", "2026-05-02T00:00:00Z", "Phishing campaign",
                                       "A phishing campaign targeted government ministries."}});
  briefing::Analyser analyser;
  struct Row {
    std::string q;
    std::vector<std::string> words;  // as the query builder folds them
    std::optional<std::string> expected;
  };
  const std::vector<Row> rows = {
      {"ransomwre", {"ransomwre"}, "ransomware"},
      {"Ransomwre hospitls", {"ransomwre", "hospitls"}, "ransomware hospitals"},
      {"phishing campain", {"phishing", "campain"}, "phishing campaign"},
      {"ransomware", {"ransomware"}, std::nullopt},  // known: nothing to suggest
      {"xq", {"xq"}, std::nullopt},                  // too short to correct
      {"zzzzzzzz", {"zzzzzzzz"}, std::nullopt},      // nothing close
      {"actor:APT28", {}, std::nullopt},             // no plain words
  };
  for (const Row& r : rows) {
    INFO(r.q);
    CHECK(briefing::suggest_spelling(index.db(), analyser, r.q, r.words) == r.expected);
  }
}
