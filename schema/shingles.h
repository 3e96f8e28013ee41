// Runs of two and three common words indexed as one term each (shingles, as Lucene's
// ShingleFilter and CommonGrams and Elasticsearch's index_phrases write them): a phrase of words
// that most briefings hold ("remote code execution") is otherwise checked against the positions
// of every briefing holding all its words (at 200,000 briefings, 85,356 for 56,638 matches),
// where its shingle is one posting list of the briefings that match.
//
// The indexer writes, for each two and each three adjacent words of a text field that are all
// shingle words, their shingle term at the first word's position. The query builder reads a
// phrase made only of shingle words as one term when it has two or three words, and as an exact
// phrase of its three-word shingles when it has more. Any other phrase keeps its words, and the
// shingles of its runs of shingle words filter it: a briefing with the phrase has them, and they
// are rarer than the words.
//
// Shingle words are the common words less the function words ("the", "of", "to"): those make two
// thirds of the pairs of common words (measured at 200,000 briefings: 35 of 52 a briefing) and
// are seldom what a phrase is searched by. The list is fixed here, so that indexer and searchd
// always agree: changing it changes the schema (index_layout.h's kSchemaVersion).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace briefing {

// Whether `term` (an unprefixed analyser term, stemmed) is one of the shingle words.
bool is_shingle_word(std::string_view term);

// The index term of two or three adjacent words: layout::kShingle + the words, space-separated.
std::string shingle_term(std::string_view first, std::string_view second);
std::string shingle_term(std::string_view first, std::string_view second, std::string_view third);

// The words of a shingle term ("Bremot code" -> "remot", "code"); empty for any other term.
std::vector<std::string> words_of_shingle(std::string_view term);

// The list, sorted: for the test that stops a change to it that is not also a change to the
// schema version.
std::span<const std::string_view> shingle_words();

}  // namespace briefing
