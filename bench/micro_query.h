// Query text to a built query as searchd builds it (Searcher::Impl::build_query), over a real
// index: facet scopes resolved against it and the gazetteer, word* expanded over its term list
// (uncached: every build pays the expansion, as a prefix's first search does); and its matches.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "analyser.h"
#include "gazetteer.h"
#include "query_builder.h"

namespace briefing::bench {

class IndexQueries {
 public:
  explicit IndexQueries(const Xapian::Database& db) : db_(db) {}
  BuiltQuery build(const std::string& q);
  // How many briefings `query` matches, every one counted.
  Xapian::doccount count(const Xapian::Query& query) const;
  // The first `n` by the index's ranking (BM25).
  std::vector<Xapian::docid> top(const Xapian::Query& query, Xapian::doccount n) const;
  Analyser& analyser() { return analyser_; }

 private:
  const Xapian::Database& db_;
  Gazetteer gazetteer_ = Gazetteer::builtin();
  Analyser analyser_;
};

}  // namespace briefing::bench
