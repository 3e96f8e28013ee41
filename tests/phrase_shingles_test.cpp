// A phrase is read from the shingle terms the indexer wrote (shingles.h): it must find exactly
// the briefings the phrase of its words finds, whatever stands around the words (punctuation, a
// field's end, a compound, a repeat, a function word), over a real index.
#include <set>
#include <string>
#include <vector>

#include <xapian.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "analyser.h"
#include "query_builder.h"
#include "query_syntax.h"
#include "shingles.h"
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
    {"runs", kDay, "Patch now", "Remote code in the gateway allows code execution."},
    {"compound", kDay, "Patch now", "A remote NetWork flaw."},
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

TEST_CASE(
    "phrase shingles: a phrase read from its shingles finds what the phrase of its words finds",
    "[search][phrase]") {
  const SmallIndex index("phrase-shingles", kBriefings);
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
       "Query(Bremot code execut)",
       {"plain", "punctuated", "camel", "twice"}},
      {"remote code",
       "Query(Bremot code)",
       {"plain", "punctuated", "camel", "across", "repeated", "twice", "runs"}},
      {"code execution",
       "Query(Bcode execut)",
       {"plain", "punctuated", "camel", "reversed", "between", "repeated", "twice", "runs"}},
      {"code code", "Query(Bcode code)", {"repeated"}},
      {"remote code code execution",
       "Query((Bremot code code PHRASE 2 Bcode code execut))",
       {"repeated"}},
      // A word that is no shingle word: the phrase keeps its words, filtered by its shingles.
      {"execution bug", "Query((execut PHRASE 2 bug))", {"camel"}},
      {"a remote code execution",
       "Query(((a PHRASE 4 remot PHRASE 4 code PHRASE 4 execut) FILTER Bremot code execut))",
       {"plain"}},
      {"remote code execution again",
       "Query(((remot PHRASE 4 code PHRASE 4 execut PHRASE 4 again) FILTER Bremot code execut))",
       {"twice"}},
      // A CamelCase word is its whole and its first part at one position: either is a word.
      {"remote network", "Query(Bremot network)", {"compound"}},
      // ... and the word after it follows its last part ("net work flaw"), not the whole.
      {"remote network flaw", "Query(Bremot network flaw)", {}},
      {"remote net work", "Query((remot PHRASE 3 net PHRASE 3 work))", {"compound"}},
      // Two runs of shingle words: each one's shingles filter the phrase.
      {"remote code in the gateway allows code execution",
       "Query(((remot PHRASE 8 code PHRASE 8 in PHRASE 8 the PHRASE 8 gateway PHRASE 8 allow "
       "PHRASE 8 code PHRASE 8 execut) FILTER (Bremot code AND Ballow code execut)))",
       {"runs"}},
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

TEST_CASE("phrase shingles: common words make shingles, function words do not",
          "[search][phrase]") {
  struct Row {
    const char* word;
    bool shingle;
  };
  const Row rows[] = {{"remot", true},   {"code", true},   {"execut", true},   {"the", false},
                      {"of", false},     {"flaw", true},   {"gateway", false}, {"", false},
                      {"Bremot", false}, {"remote", false}};
  for (const Row& row : rows) {
    INFO("term: " << row.word);
    CHECK(briefing::is_shingle_word(row.word) == row.shingle);
  }
  CHECK(briefing::shingle_term("remot", "code") == "Bremot code");
  CHECK(briefing::shingle_term("remot", "code", "execut") == "Bremot code execut");
  CHECK(briefing::words_of_shingle("Bremot code execut") ==
        std::vector<std::string>{"remot", "code", "execut"});
  CHECK(briefing::words_of_shingle("Bremot code") == std::vector<std::string>{"remot", "code"});
  CHECK(briefing::words_of_shingle("remot").empty());
}
