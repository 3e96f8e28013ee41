// The judged queries of bench/relevance that issue 13 names, over the 1,129 real advisories with
// MISP's threat-actor galaxy: what a relaxed query puts first, what it says it gave up, and that
// aliases still find their actor's advisories first. Grades come from judgments.tsv.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "index_run.h"
#include "scratch_dir.h"
#include "searcher.h"

using briefing::testing::ScratchDir;
using nlohmann::json;

namespace {

const std::string kShared = BRIEFING_SHARED_DIR;
const std::string kJudged = std::string(BRIEFING_SOURCE_DIR) + "/bench/relevance";

// Query text -> (advisory id -> grade).
std::map<std::string, std::map<std::string, int>> grades() {
  std::map<std::string, std::string> text_of;
  for (const json& q : json::parse(std::ifstream(kJudged + "/queries.json")))
    text_of[q["id"]] = q["text"];
  std::map<std::string, std::map<std::string, int>> out;
  std::ifstream in(kJudged + "/judgments.tsv");
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream row(line);
    std::string query, doc, grade;
    std::getline(row, query, '\t');
    std::getline(row, doc, '\t');
    std::getline(row, grade, '\t');
    out[text_of[query]][doc] = std::stoi(grade);
  }
  return out;
}

struct Advisories {
  ScratchDir dir{"judged"};
  std::string db = (dir / "x.db").string();
  Advisories() {
    std::filesystem::create_directories(dir / "md");
    std::ifstream in(kShared + "/data/wasoc-advisories.jsonl");
    for (std::string line; std::getline(in, line);) {
      json a = json::parse(line);
      std::ofstream(dir / "md" / (a["id"].get<std::string>() + ".md"))
          << a["text"].get<std::string>();
    }
    briefing::RunOptions options;
    options.db_path = db;
    options.sources = {(dir / "md").string()};
    options.entity_files = {kShared + "/data/misp-threat-actor.json"};
    briefing::run_indexer(options);
  }
};

}  // namespace

TEST_CASE("judged queries: relaxed queries find the advisory, aliases their actor's first",
          "[relevance]") {
  Advisories advisories;
  briefing::Searcher searcher(advisories.db);
  const auto judged = grades();
  struct Row {
    const char* query;
    int grade;           // a hit this good or better ...
    std::size_t within;  // ... among the first this many
    std::vector<std::string> relaxed;
  };
  const Row rows[] = {
      {"xz backdoor", 2, 3, {"backdoor"}},
      {"ransomware targeting hospitals", 1, 3, {"hospitals"}},
      {"MOVEit file transfer", 2, 3, {"file", "transfer"}},
      {"Fancy Bear", 2, 1, {}},
      {"Forest Blizzard", 2, 1, {}},
      {"Hafnium", 2, 1, {}},
  };
  for (const auto& row : rows) {
    INFO(row.query);
    briefing::SearchRequest request;
    request.q = row.query;
    request.related_per_hit = 0;
    briefing::SearchResult out = searcher.search(request);
    CHECK(out.relaxed == row.relaxed);
    REQUIRE_FALSE(out.hits.empty());
    bool found = false;
    for (std::size_t i = 0; i < std::min(row.within, out.hits.size()); ++i) {
      auto g = judged.at(row.query).find(out.hits[i].id);
      found = found || (g != judged.at(row.query).end() && g->second >= row.grade);
    }
    CHECK(found);
  }
}
