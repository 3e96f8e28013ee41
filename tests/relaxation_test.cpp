// The relaxation order as a table: what the index says about each part -> the order in which the
// parts are given up.
#include <catch2/catch.hpp>

#include "relaxation.h"

using briefing::RelaxCandidate;
using briefing::RelaxRule;

namespace {

// In an index of 100 briefings: a word in more than 50 of them is common.
RelaxCandidate with(RelaxRule rule, double frequency) {
  return {rule, frequency == 0, frequency > 50, frequency};
}
RelaxCandidate word(double frequency) {
  return with(RelaxRule::kByOrder, frequency);
}
RelaxCandidate entity(double frequency) {
  return with(RelaxRule::kIfAbsent, frequency);
}
// A phrase, +word, a word joined by AND, a field scope, word*, an OR group.
RelaxCandidate kept(double frequency) {
  return with(RelaxRule::kNever, frequency);
}

}  // namespace

TEST_CASE("relaxation: which parts are given up first", "[query][relax]") {
  struct Row {
    const char* label;
    std::vector<RelaxCandidate> parts;
    std::vector<std::size_t> order;
  };
  const Row rows[] = {
      {"nothing to give up", {}, {}},
      {"the last typed word first, whatever its frequency",
       {word(3), word(40), word(9)},
       {2, 1, 0}},
      {"a word in no briefing before any other", {word(40), word(0), word(3)}, {1, 2, 0}},
      {"two absent words: the later one first", {word(0), word(5), word(0)}, {2, 0, 1}},
      {"a word in most briefings before the rest", {word(3), word(90), word(9)}, {1, 2, 0}},
      {"words in most briefings: the most frequent first",
       {word(60), word(95), word(7)},
       {1, 0, 2}},
      {"absent, then common, then the rest", {word(95), word(4), word(0)}, {2, 0, 1}},
      {"phrase, +word, AND, scope, OR group: never", {kept(0), word(5), kept(90)}, {1}},
      {"an entity's name that matches: never", {entity(12), word(3)}, {1}},
      {"an entity's name that matches nothing: first", {word(3), entity(0), word(50)}, {1, 2, 0}},
      {"only parts that are never relaxed", {kept(4), kept(0)}, {}},
  };
  for (const Row& row : rows) {
    INFO(row.label);
    CHECK(briefing::relaxation_order(row.parts) == row.order);
  }
}
