// Pairs of common words indexed as one term each, as Lucene's CommonGrams and Elasticsearch's
// index_phrases do: a phrase of words that most briefings hold ("remote code execution") is
// otherwise checked against the positions of every briefing holding all its words (a quarter
// of the index), where its pairs are held by few more than the briefings that match.
//
// The indexer writes, for each two adjacent words of a text field that are both common, the
// pair term at the first word's position; the query builder reads a phrase made only of common
// words as its pairs: one term for two words, an exact phrase of the pairs for more. A phrase
// with any other word keeps its words, which are then the cheap ones to check. Which words are
// common is fixed here, so that indexer and searchd always agree: changing the list changes the
// schema (index_layout.h's kSchemaVersion).
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace briefing {

// Whether `term` (an unprefixed analyser term, stemmed) is one of the common words.
bool is_common_word(std::string_view term);

// The index term of two adjacent words: layout::kPair + first + " " + second.
std::string pair_term(std::string_view first, std::string_view second);

// The list, sorted: for the test that stops a change to it that is not also a change to the
// schema version.
std::span<const std::string_view> common_words();

}  // namespace briefing
