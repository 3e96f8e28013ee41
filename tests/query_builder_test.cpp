// QueryBuilder and the relaxation of a query that finds too little, as tables of query text ->
// Xapian::Query::get_description() (the way Xapian's own api_queryparser.cc tests its parser),
// over a real index of tests/data/small.
#include <string>
#include <vector>

#include <xapian.h>
#include <catch2/catch.hpp>

#include "facet_layout.h"
#include "index_run.h"
#include "query_builder.h"
#include "query_relaxer.h"
#include "scratch_dir.h"

using briefing::BuiltQuery;
using briefing::Facet;
using briefing::testing::ScratchDir;

namespace {

// One index of tests/data/small for the whole file, and a builder over it.
class Index {
 public:
  static Index& get() {
    static Index index;
    return index;
  }
  BuiltQuery build(const std::string& q) {
    briefing::QueryBuilder builder(
        analyser_,
        [this](Facet f, const std::string& typed) {
          std::string term = std::string(briefing::facet_field(f).prefix) + typed;
          return db_.term_exists(term) ? std::vector<std::string>{typed}
                                       : std::vector<std::string>{};
        },
        &gazetteer_);
    return builder.build(briefing::parse_query_syntax(q));
  }
  // Briefings `matching` finds, counted up to `limit` (what searchd asks, without filters).
  Xapian::doccount at_least(const Xapian::Query& matching, Xapian::doccount limit) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(matching);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    return enquire.get_mset(0, 0, limit).get_matches_lower_bound();
  }
  const Xapian::Database& db() const { return db_; }

 private:
  Index() : db_(indexed(dir_)) {}
  static std::string indexed(const ScratchDir& dir) {
    briefing::RunOptions options;
    options.db_path = (dir / "x.db").string();
    options.sources = {std::string(BRIEFING_TESTS_DIR) + "/data/small"};
    briefing::run_indexer(options);
    return options.db_path;
  }
  ScratchDir dir_{"query-builder"};
  Xapian::Database db_;
  briefing::Analyser analyser_;
  briefing::Gazetteer gazetteer_ = briefing::Gazetteer::builtin();
};

}  // namespace

TEST_CASE("query builder: query text -> Xapian query", "[query]") {
  struct Row {
    const char* q;
    const char* description;
  };
  const Row rows[] = {
      // A title word counts once: its x5 within-document frequency, no title-only clause.
      {"cisco", "Query(cisco)"},
      {"cisco routers", "Query((cisco AND router))"},
      {"\"fresh wave\"", "Query((fresh PHRASE 2 wave))"},
      // A phrase of shingle words is read from its shingles (shingles.h); title: has none.
      {"\"remote code\"", "Query(Bremot code)"},
      {"\"remote code execution\"", "Query(Bremot code execut)"},
      {"\"allow remote code execution\"", "Query((Ballow remot code PHRASE 2 Bremot code execut))"},
      {"title:\"remote code\"", "Query((Sremot PHRASE 2 Scode))"},
      {"routers -cisco", "Query((router AND_NOT cisco))"},
      {"routers OR pledge cisco", "Query(((router OR pledg) AND cisco))"},
      {"title:wave", "Query(Swave)"},
      {"vendor:Cisco routers", "Query((0 * XVCisco AND router))"},
      {"+routers AND cisco", "Query((router AND cisco))"},
      // Names the gazetteer knows: the words, or the entity under any of its names, boosted.
      {"north korean", "Query(((north AND korean) OR 3 * XRKP))"},
      {"Fancy Bear", "Query(((fanci AND bear) OR 3 * (XAAPT28 OR apt28)))"},
      {"!!", "Query(<alldocuments>)"},  // nothing searchable: every briefing
  };
  for (const Row& row : rows) {
    INFO("q: " << row.q);
    CHECK(Index::get().build(row.q).query.get_description() == row.description);
  }
}

// In tests/data/small: "cisco" is in 2 briefings, "routers" and "pledge" in 1 (delta, epsilon),
// "registry" in 2, "the" in 4 of 6 (common), "hackers" in none.
TEST_CASE("query builder: a query that finds too little gives up its least informative words",
          "[query][relax]") {
  struct Row {
    const char* q;
    Xapian::doccount enough;           // a page
    std::vector<std::string> relaxed;  // as typed, in query order
    const char* query;                 // relaxed words rank (AND_MAYBE), the rest must match
  };
  const Row rows[] = {
      // Enough already: nothing is given up.
      {"cisco routers", 1, {}, "Query((cisco AND router))"},
      // The last typed word first; the last word left is kept even when still too few.
      {"cisco routers", 2, {"routers"}, "Query((cisco AND_MAYBE router))"},
      {"cisco routers", 3, {"routers"}, "Query((cisco AND_MAYBE router))"},
      // A word in no briefing first, wherever it stands.
      {"hackers routers", 1, {"hackers"}, "Query((router AND_MAYBE hacker))"},
      // A word in most briefings before the last typed one.
      {"the routers cisco", 2, {"the", "cisco"}, "Query((router AND_MAYBE (the OR cisco)))"},
      // Never given up: a phrase, +word, AND, NOT, a field scope, an OR group, an entity's name.
      {"\"fresh wave\" hackers", 1, {"hackers"}, "Query(((fresh PHRASE 2 wave) AND_MAYBE hacker))"},
      {"+hackers routers", 1, {}, "Query((hacker AND router))"},
      {"routers AND hackers", 1, {}, "Query((router AND hacker))"},
      {"registry -cisco hackers",
       1,
       {"hackers"},
       "Query(((registri AND_NOT cisco) AND_MAYBE hacker))"},
      {"title:wave hackers", 1, {"hackers"}, "Query((Swave AND_MAYBE hacker))"},
      {"vendor:Cisco hackers", 1, {"hackers"}, "Query((0 * XVCisco AND_MAYBE hacker))"},
      {"routers OR pledge hackers", 1, {"hackers"}, "Query(((router OR pledg) AND_MAYBE hacker))"},
      {"north korean hackers",
       1,
       {"hackers"},
       "Query((((north AND korean) OR 3 * XRKP) AND_MAYBE hacker))"},
  };
  Index& index = Index::get();
  for (const Row& row : rows) {
    INFO("q: " << row.q << ", a page of " << row.enough);
    BuiltQuery built = index.build(row.q);
    auto at_least = [&](const Xapian::Query& q) { return index.at_least(q, row.enough); };
    if (index.at_least(built.matching, row.enough) < row.enough)
      briefing::relax_query(index.db(), built, row.enough, at_least);
    CHECK(briefing::relaxed_words(built) == row.relaxed);
    CHECK(built.query.get_description() == row.query);
  }
}
