#include "micro_query.h"

#include "facet_filters.h"
#include "wildcard_expander.h"

namespace briefing::bench {

BuiltQuery IndexQueries::build(const std::string& q) {
  QueryBuilder builder(
      analyser_,
      [this](Facet f, const std::string& typed) {
        return resolve_facet_value(db_, gazetteer_, f, typed);
      },
      &gazetteer_);
  builder.set_wildcard_expander([this](const std::string& prefix, std::size_t n) {
    std::vector<std::string> terms = expand_wildcard(db_, prefix, WildcardBudget{}).terms;
    if (terms.size() > n) terms.resize(n);
    return terms;
  });
  return builder.build(drop_repeated_clauses(parse_query_syntax(q)));
}

Xapian::doccount IndexQueries::count(const Xapian::Query& query) const {
  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::doccount all = db_.get_doccount();
  return enquire.get_mset(0, all, all).size();
}

std::vector<Xapian::docid> IndexQueries::top(const Xapian::Query& query, Xapian::doccount n) const {
  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  std::vector<Xapian::docid> out;
  for (Xapian::docid d : enquire.get_mset(0, n)) out.push_back(d);
  return out;
}

}  // namespace briefing::bench
