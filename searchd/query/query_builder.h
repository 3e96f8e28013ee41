// Builds the Xapian query from the parsed syntax, through the same analyser as the indexer.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "analyser.h"
#include "gazetteer.h"
#include "query_syntax.h"
#include "relaxation.h"
#include "search_types.h"

namespace briefing {

// What the snippet builder marks: analysed terms, and prefixes of word* clauses.
struct HighlightTerms {
  std::set<std::string> terms;
  std::vector<std::string> prefixes;
  bool empty() const { return terms.empty() && prefixes.empty(); }
};

// One ANDed part of the text query: a word, a phrase, an OR group, an entity's name, a scope.
struct QueryPart {
  Xapian::Query query;
  std::string typed;  // as the user typed it, for the answer's `relaxed`
  RelaxRule rule = RelaxRule::kNever;
  bool relaxed = false;  // made optional: it ranks, it no longer filters
};

struct BuiltQuery {
  Xapian::Query query;      // MatchAll when the text selects everything
  Xapian::Query matching;   // the same match set without the parts that only rank (relaxed ones)
  std::string single_term;  // set when `matching` is that one term
  // What `query` and `matching` are made of (assemble() puts them together): the parts that are
  // required unless relaxed, and the excluded ones.
  std::vector<QueryPart> parts;
  std::vector<Xapian::Query> excluded;
  bool has_text = false;    // a positive free-text clause: rank by relevance by default
  bool everything = false;  // the query text selects every document (empty, or punctuation)
  HighlightTerms highlight;
  std::vector<std::string> words;  // folded positive single words, for did-you-mean
};

// Sets query, matching and single_term from the parts: the parts not relaxed, ANDed, less the
// excluded ones, is what matches; relaxed parts rank with OP_AND_MAYBE.
void assemble(BuiltQuery& built);
// Whether any part may be relaxed, and the typed text of those that are.
bool relaxable(const BuiltQuery& built);
std::vector<std::string> relaxed_words(const BuiltQuery& built);

// Maps what a user typed after "actor:" (any case, an alias, a country name for regions) to the
// canonical facet values it means; empty when it means none.
using FacetResolver = std::function<std::vector<std::string>(Facet, const std::string&)>;

// The index terms a word* clause stands for, given the prefixed, folded prefix ("explo", "Sexplo")
// and how many terms it may take at most (the most frequent): the query holds no unbounded
// expansion (wildcard_expander.h reads the term list within a budget too).
using WildcardExpander =
    std::function<std::vector<std::string>(const std::string& prefix, std::size_t max_terms)>;

// Terms that all the word* clauses of one query expand to together, shared out equally: the cost
// of a match grows with the posting lists it opens.
inline constexpr std::size_t kWildcardTermsPerQuery = 400;

class QueryBuilder {
 public:
  // With a gazetteer, words that spell an actor's or region's name or alias ("Fancy Bear",
  // "DPRK") also find briefings about it under any of its names.
  QueryBuilder(Analyser& analyser, FacetResolver resolver, const Gazetteer* gazetteer = nullptr)
      : analyser_(analyser), resolver_(std::move(resolver)), gazetteer_(gazetteer) {}

  BuiltQuery build(const std::vector<QueryClause>& clauses);

  // Without an expander, word* matches the word's stem only.
  void set_wildcard_expander(WildcardExpander expander) { expand_ = std::move(expander); }

 private:
  Xapian::Query text_clause(const QueryClause& clause, const std::string& prefix, BuiltQuery& out);
  Xapian::Query facet_clause(const QueryClause& clause);
  // The longest run of plain word clauses from `first` that names an entity, or 0.
  std::size_t entity_run(const std::vector<QueryClause>& clauses, std::size_t first,
                         const Entity*& entity) const;
  Xapian::Query entity_query(const Entity& entity, BuiltQuery& out);
  Analyser& analyser_;
  FacetResolver resolver_;
  const Gazetteer* gazetteer_;
  WildcardExpander expand_;
  std::size_t terms_per_wildcard_ = kWildcardTermsPerQuery;  // set by build()
  std::vector<Token> tokens_;
};

}  // namespace briefing
