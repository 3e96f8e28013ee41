// The query language's syntax, before any analysis: words, "phrases", OR, AND, NOT / -word,
// +word, word*, and field scopes (title:, actor:, vendor:, region:, series:, category:, status:).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "facet.h"
#include "text_util.h"

namespace briefing {

// What separates the words of a query, for the lexer and for the word limit alike.
constexpr bool is_query_space(char c) {
  return is_ascii_space(c);
}
// How many words `query` holds: runs of bytes between query spaces, operators included.
std::size_t count_query_words(std::string_view query);

// The scope of title words; every facet selected by value is a scope too (actor:, vendor:, ...).
inline constexpr std::string_view kTitleScope = "title";
// The scope of the words naming who holds a perspective ("party:treasury").
inline constexpr std::string_view kPartyScope = "party";
// The facet a field scope names, or nullopt for title: and for names that are no scope.
std::optional<Facet> facet_of_scope(std::string_view name);

struct QueryClause {
  std::string field;  // empty for free text, else one of the scope names
  std::string text;   // the words as typed (without quotes, the field or the '*')
  bool phrase = false;
  bool prefix = false;   // word*
  bool negated = false;  // NOT word, -word
  bool or_with_previous = false;
  bool required = false;  // +word, or joined to a neighbour by AND: never relaxed

  bool operator==(const QueryClause&) const = default;
};

// Never fails: anything it does not understand is read as words (an unclosed quote runs to the
// end, a stray operator is a word). Lower-case "or" and "not" are words; only capitals operate.
std::vector<QueryClause> parse_query_syntax(std::string_view query);

// The clauses without exact repeats of an earlier clause that stands alone (not in an OR group):
// "a* a* a*" means "a*", and repeating it must not multiply the work of matching it.
std::vector<QueryClause> drop_repeated_clauses(std::vector<QueryClause> clauses);

// How many distinct word* clauses the query holds (each is an expansion over the term list).
std::size_t count_wildcards(const std::vector<QueryClause>& clauses);

// Whether `name` is a field scope the language knows.
bool is_field_scope(std::string_view name);

}  // namespace briefing
