// Every way an analyst may type a word finds the briefings that write it another way: the
// analyser at index time (the indexer) and at query time (the query builder), over a real index.
#include <fstream>
#include <set>
#include <string>

#include <xapian.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "analyser.h"
#include "index_run.h"
#include "query_builder.h"
#include "query_syntax.h"
#include "scratch_dir.h"

using briefing::testing::ScratchDir;
using nlohmann::json;

namespace {

const json kBriefings = json::array({
    {{"id", "camel"},
     {"published", "2026-05-01T00:00:00Z"},
     {"title", "CitrixBleed returns"},
     {"body", "Attackers exploit CitrixBleed in NetScaler with PowerShell-based loaders."}},
    {{"id", "apart"},
     {"published", "2026-05-01T00:00:00Z"},
     {"title", "Session theft"},
     {"body", "The Citrix Bleed flaw, also written Citrix-Bleed, leaks session tokens."}},
    {{"id", "dotted"},
     {"published", "2026-05-01T00:00:00Z"},
     {"title", "Botnet"},
     {"body", "The Dark.IoT botnet grew; see fortinet.com."}},
    {{"id", "british"},
     {"published", "2026-05-01T00:00:00Z"},
     {"title", "Advice"},
     {"body",
      "Every organisation should patch: the behaviour was analysed by the centre's "
      "defence team, and deserialisation is authorised nowhere."}},
    {{"id", "russian"},
     {"published", "2026-05-01T00:00:00Z"},
     {"title", "Хакеры"},
     {"body", "Хакеры атаковали серверы."}},
});

std::set<std::string> matches(Xapian::Database& db, briefing::Analyser& analyser,
                              const std::string& q) {
  briefing::QueryBuilder builder(
      analyser, [](briefing::Facet, const std::string&) { return std::vector<std::string>{}; });
  Xapian::Enquire enquire(db);
  enquire.set_query(builder.build(briefing::parse_query_syntax(q)).query);
  std::set<std::string> ids;
  Xapian::MSet mset = enquire.get_mset(0, 100);
  for (auto it = mset.begin(); it != mset.end(); ++it)
    ids.insert(json::parse(it.get_document().get_data())["id"].get<std::string>());
  return ids;
}

}  // namespace

TEST_CASE("analyser: every typed form of a word finds the briefings that write it",
          "[analyser][search]") {
  ScratchDir dir("query-forms");
  std::ofstream(dir / "briefings.json") << kBriefings.dump();
  briefing::RunOptions options;
  options.db_path = (dir / "x.db").string();
  options.sources = {(dir / "briefings.json").string()};
  REQUIRE(briefing::run_indexer(options).total == kBriefings.size());
  Xapian::Database db(options.db_path);
  briefing::Analyser analyser;

  struct Row {
    std::string q;
    std::set<std::string> expected;
  };
  const Row rows[] = {
      // a CamelCase word: whole, in lower case, as its parts, or one part
      {"CitrixBleed", {"camel", "apart"}},  // the whole, or its parts written apart
      {"citrixbleed", {"camel"}},           // glued in lower case: no dictionary to split it with
      {"Citrix Bleed", {"camel", "apart"}},
      {"\"Citrix Bleed\"", {"camel", "apart"}},
      {"citrix", {"camel", "apart"}},
      {"bleed", {"camel", "apart"}},
      {"netscaler", {"camel"}},
      {"scaler", {"camel"}},
      {"PowerShell-based", {"camel"}},  // a compound inside a phrase: its parts keep positions
      {"\"PowerShell-based loaders\"", {"camel"}},
      {"powershell", {"camel"}},
      {"shell", {"camel"}},
      {"Power*", {"camel"}},
      // dotted words
      {"Dark.IoT", {"dotted"}},
      {"IoT", {"dotted"}},
      {"dark", {"dotted"}},
      {"\"Dark.IoT botnet\"", {"dotted"}},
      {"fortinet", {"dotted"}},
      {"fortinet.com", {"dotted"}},
      // American spellings find British ones
      {"organization", {"british"}},
      {"behavior analyzed", {"british"}},
      {"center defense", {"british"}},
      {"deserialization authorized", {"british"}},
      {"\"organisation should\"", {"british"}},
      // another script's stemmer
      {"хакер", {"russian"}},
      {"сервер", {"russian"}},
  };
  for (const Row& row : rows) {
    INFO("q=" << row.q);
    CHECK(matches(db, analyser, row.q) == row.expected);
  }
}
