// Builds the Xapian query from the parsed syntax, through the same analyser as the indexer.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "analyser.h"
#include "query_syntax.h"
#include "search_types.h"

namespace briefing {

// What the snippet builder marks: analysed terms, and prefixes of word* clauses.
struct HighlightTerms {
  std::set<std::string> terms;
  std::vector<std::string> prefixes;
  bool empty() const { return terms.empty() && prefixes.empty(); }
};

struct BuiltQuery {
  Xapian::Query query;    // MatchAll when the text selects everything
  bool has_text = false;  // a positive free-text clause: rank by relevance by default
  HighlightTerms highlight;
  std::vector<std::string> words;  // folded positive single words, for did-you-mean
};

// Maps what a user typed after "actor:" (any case, an alias, a country name for regions) to the
// canonical facet values it means; empty when it means none.
using FacetResolver = std::function<std::vector<std::string>(Facet, const std::string&)>;

class QueryBuilder {
 public:
  QueryBuilder(Analyser& analyser, FacetResolver resolver)
      : analyser_(analyser), resolver_(std::move(resolver)) {}

  BuiltQuery build(const std::vector<QueryClause>& clauses);

 private:
  Xapian::Query text_clause(const QueryClause& clause, const std::string& prefix, BuiltQuery& out);
  Xapian::Query facet_clause(const QueryClause& clause);
  Analyser& analyser_;
  FacetResolver resolver_;
  std::vector<Token> tokens_;
};

}  // namespace briefing
