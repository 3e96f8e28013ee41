// The query language's syntax as a table: query text -> clauses.
#include <catch2/catch.hpp>

#include "query_syntax.h"

using briefing::parse_query_syntax;
using briefing::QueryClause;

namespace {

QueryClause word(std::string text) {
  return {"", std::move(text), false, false, false, false};
}
QueryClause phrase(std::string text) {
  return {"", std::move(text), true, false, false, false};
}
QueryClause prefix(std::string text) {
  return {"", std::move(text), false, true, false, false};
}
QueryClause negated(QueryClause c) {
  c.negated = true;
  return c;
}
QueryClause ored(QueryClause c) {
  c.or_with_previous = true;
  return c;
}
QueryClause required(QueryClause c) {
  c.required = true;
  return c;
}
QueryClause scoped(std::string field, QueryClause c) {
  c.field = std::move(field);
  return c;
}

}  // namespace

TEST_CASE("query syntax: text -> clauses", "[query]") {
  struct Row {
    const char* query;
    std::vector<QueryClause> clauses;
  };
  const Row rows[] = {
      {"", {}},
      {"   ", {}},
      {"UNC1069", {word("UNC1069")}},
      {"north korea", {word("north"), word("korea")}},
      {"\"joint response\"", {phrase("joint response")}},
      {"axios OR npm", {word("axios"), ored(word("npm"))}},
      {"a OR b OR c d", {word("a"), ored(word("b")), ored(word("c")), word("d")}},
      {"axios -npm", {word("axios"), negated(word("npm"))}},
      {"axios NOT npm", {word("axios"), negated(word("npm"))}},
      {"explo*", {prefix("explo")}},
      {"title:axios", {scoped("title", word("axios"))}},
      {"title:\"cyber alliance\"", {scoped("title", phrase("cyber alliance"))}},
      {"actor:\"Lazarus Group\" -vendor:Cisco",
       {scoped("actor", phrase("Lazarus Group")), negated(scoped("vendor", word("Cisco")))}},
      {"region:KP", {scoped("region", word("KP"))}},
      // lower-case operators are words; a leading OR has nothing to join
      {"this or that", {word("this"), word("or"), word("that")}},
      {"OR axios", {word("OR"), word("axios")}},
      // unknown fields and odd punctuation stay words
      {"http://x.example", {word("http://x.example")}},
      {"foo:bar", {word("foo:bar")}},
      // an unclosed quote runs to the end; parentheses group nothing and are dropped
      {"\"unclosed phrase", {phrase("unclosed phrase")}},
      {"(axios OR npm) github", {word("axios"), ored(word("npm")), word("github")}},
      {"-", {word("-")}},
      {"*", {word("*")}},
      // +word and words joined by AND are required: a query that finds too little keeps them
      {"+backdoor xz", {required(word("backdoor")), word("xz")}},
      {"xz +\"supply chain\"", {word("xz"), required(phrase("supply chain"))}},
      {"+title:xz", {required(scoped("title", word("xz")))}},
      {"xz AND backdoor linux", {required(word("xz")), required(word("backdoor")), word("linux")}},
      {"a AND b AND c", {required(word("a")), required(word("b")), required(word("c"))}},
      {"AND", {}},
      {"AND xz", {word("xz")}},
      {"xz AND", {required(word("xz"))}},
      {"+", {word("+")}},
      {"C++", {word("C++")}},
      {"CVE-2026-20182", {word("CVE-2026-20182")}},
      {"a OR -b", {word("a"), negated(word("b"))}},
  };
  for (const auto& row : rows) {
    INFO("query: " << row.query);
    CHECK(parse_query_syntax(row.query) == row.clauses);
  }
}

TEST_CASE("query syntax: repeated clauses are dropped only where they change nothing", "[query]") {
  struct Row {
    const char* query;
    std::vector<QueryClause> kept;
    std::size_t wildcards;  // distinct word* clauses
  };
  const Row rows[] = {
      {"a* a* a*", {prefix("a")}, 1},
      {"-a* -a* -a*", {negated(prefix("a"))}, 1},
      {"exploit exploit", {word("exploit")}, 0},
      // a repeat inside an OR group is kept: (a OR b) AND a is not (a OR b)
      {"a OR b a", {word("a"), ored(word("b")), word("a")}, 0},
      {"a a OR b", {word("a"), word("a"), ored(word("b"))}, 0},
      // the same word negated and not is two different clauses
      {"a -a a", {word("a"), negated(word("a"))}, 0},
      // the same prefix in another field, or as a word, is another clause
      {"a* title:a* a", {prefix("a"), scoped("title", prefix("a")), word("a")}, 2},
      {"a* b* a* c*", {prefix("a"), prefix("b"), prefix("c")}, 3},
  };
  for (const auto& row : rows) {
    INFO("query: " << row.query);
    auto parsed = parse_query_syntax(row.query);
    CHECK(briefing::count_wildcards(parsed) == row.wildcards);
    CHECK(briefing::drop_repeated_clauses(parsed) == row.kept);
  }
}
