// A phrase of common words is read from the pair terms the indexer wrote (common_words.h): it
// must find exactly the briefings the phrase of its words finds, whatever stands around the words
// (punctuation, a field's end, a compound, a repeat), over a real index.
#include <set>
#include <string>
#include <vector>

#include <xapian.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "analyser.h"
#include "common_words.h"
#include "query_builder.h"
#include "query_syntax.h"
#include "small_index.h"

using briefing::testing::SmallBriefing;
using briefing::testing::SmallIndex;
using nlohmann::json;

namespace {

constexpr const char* kDay = "2026-05-01T00:00:00Z";

const std::vector<SmallBriefing> kBriefings = {
    {"plain", kDay, "Patch now", "A remote code execution flaw in the gateway."},
    {"punctuated", kDay, "Patch now", "Attackers gain remote code. Execution follows."},
    {"camel", kDay, "Patch now", "The RemoteCode execution bug is exploited."},
    {"across", kDay, "Patch for remote code", "Execution was observed in the wild."},
    {"reversed", kDay, "Patch now", "Code execution, remote or local, is possible."},
    {"between", kDay, "Patch now", "A remote CVE-2026-1234 code execution flaw."},
    {"repeated", kDay, "Patch now", "The remote code code execution is a typo."},
    {"twice", kDay, "Patch now", "Remote code, then remote code execution again."},
};

std::set<std::string> ids_of(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  std::set<std::string> ids;
  Xapian::MSet mset = enquire.get_mset(0, 100);
  for (auto it = mset.begin(); it != mset.end(); ++it)
    ids.insert(json::parse(it.get_document().get_data())["id"].get<std::string>());
  return ids;
}

// What the words alone find: the exact phrase of the analysed terms.
Xapian::Query phrase_of_words(briefing::Analyser& analyser, const std::string& text) {
  const std::vector<std::string> terms = analyser.terms(text);
  return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), terms.size());
}

}  // namespace

TEST_CASE("phrase pairs: a phrase of common words finds what the phrase of its words finds",
          "[search][phrase]") {
  const SmallIndex index("phrase-pairs", kBriefings);
  const Xapian::Database& db = index.db();
  briefing::Analyser analyser;
  briefing::QueryBuilder builder(
      analyser, [](briefing::Facet, const std::string&) { return std::vector<std::string>{}; });

  struct Row {
    std::string phrase;
    std::string description;  // the query the builder makes of it
    std::set<std::string> expected;
  };
  const Row rows[] = {
      {"remote code execution",
       "Query((Bremot code PHRASE 2 Bcode execut))",
       {"plain", "punctuated", "camel", "twice"}},
      {"remote code",
       "Query(Bremot code)",
       {"plain", "punctuated", "camel", "across", "repeated", "twice"}},
      {"code execution",
       "Query(Bcode execut)",
       {"plain", "punctuated", "camel", "reversed", "between", "repeated", "twice"}},
      {"code code", "Query(Bcode code)", {"repeated"}},
      {"remote code code execution",
       "Query((Bremot code PHRASE 3 Bcode code PHRASE 3 Bcode execut))",
       {"repeated"}},
      // A word that is not common: the phrase keeps its words, the cheap ones to check.
      {"execution bug", "Query((execut PHRASE 2 bug))", {"camel"}},
  };
  for (const Row& row : rows) {
    INFO("phrase: " << row.phrase);
    const Xapian::Query built =
        builder.build(briefing::parse_query_syntax("\"" + row.phrase + "\"")).query;
    CHECK(built.get_description() == row.description);
    CHECK(ids_of(db, built) == row.expected);
    CHECK(ids_of(db, phrase_of_words(analyser, row.phrase)) == row.expected);
  }
}

TEST_CASE("phrase pairs: only words both common are paired", "[search][phrase]") {
  struct Row {
    const char* word;
    bool common;
  };
  const Row rows[] = {{"remot", true}, {"code", true},    {"execut", true},
                      {"the", true},   {"flaw", true},    {"gateway", false},
                      {"", false},     {"Bremot", false}, {"remote", false}};
  for (const Row& row : rows) {
    INFO("term: " << row.word);
    CHECK(briefing::is_common_word(row.word) == row.common);
  }
  CHECK(briefing::pair_term("remot", "code") == "Bremot code");
}
