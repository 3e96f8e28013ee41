// Which parts of a query that finds too little are given up first: a pure decision over what the
// index says about each part, kept apart from Xapian so that its table test reads like the rule.
#pragma once

#include <cstddef>
#include <vector>

namespace briefing {

// How a required part of a query may be relaxed (made optional: it still ranks, it no longer
// filters).
enum class RelaxRule {
  kNever,     // a phrase, +word, AND, a field scope, word*, an OR group: what the user insisted on
  kIfAbsent,  // an entity's name: the most informative words, given up only when it matches nothing
  kByOrder,   // a plain word
};

struct RelaxCandidate {
  RelaxRule rule = RelaxRule::kNever;
  bool absent = false;   // matches no briefing
  bool common = false;   // in more than half of the briefings: it says almost nothing
  double frequency = 0;  // how many briefings it matches (Xapian's estimate)
};

// The order in which the candidates (by index) are given up: first every relaxable part that
// matches nothing (it can only empty the answer), later ones first; then words in most briefings
// ("in", "of"), the most frequent first; then the other plain words from the last typed to the
// first (Meilisearch's "last": the first words typed usually name the subject, and the judged
// queries rank better so than dropping the most frequent word first, which drops "ransomware" from
// "ransomware targeting hospitals"). Never-relaxed parts, and entity names that match something,
// are not in it.
std::vector<std::size_t> relaxation_order(const std::vector<RelaxCandidate>& candidates);

}  // namespace briefing
