// relevance: this engine, SQLite FTS5 and plain Xapian BM25 measured on the judged query set in
// bench/relevance/ (nDCG@10, P@5, MRR, zero-result queries, per class, the worst queries).
//
//   relevance [--shared ../shared] [--set bench/relevance] [--work DIR] [--pool FILE]
//             [--pool-depth 10] [--per-query]
//
// Builds all three over the 1,129 advisories of SHARED/data/wasoc-advisories.jsonl (this engine
// with the MISP threat-actor galaxy), checks that each holds all of them and that every judgment
// names a known query and advisory, runs every query on all three and prints the report. --pool
// also writes every (query, advisory) in any top 10 that has no judgment yet, for judging.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <stdexcept>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "relevance_judged.h"
#include "relevance_report.h"
#include "relevance_systems.h"

namespace relevance {

std::vector<Advisory> read_advisories(const std::string& jsonl_path) {
  std::ifstream in(jsonl_path);
  if (!in) throw std::runtime_error("cannot read " + jsonl_path);
  std::vector<Advisory> out;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const nlohmann::json a = nlohmann::json::parse(line);
    out.push_back({a.at("id").get<std::string>(), a.at("title").get<std::string>(),
                   a.at("text").get<std::string>()});
  }
  return out;
}

}  // namespace relevance

namespace {

namespace fs = std::filesystem;
using namespace relevance;

struct Options {
  std::string shared = BRIEFING_SHARED_DIR;
  std::string set = RELEVANCE_SET_DIR;
  std::string work, pool;
  bool per_query = false;
  std::size_t pool_depth = 10;
};

// Every system's top `depth` of every query; every id must be an advisory's, and appear once.
RunResults run_all(const JudgedSet& set, std::vector<std::unique_ptr<RankedSystem>>& systems,
                   const std::set<std::string>& ids, std::size_t depth) {
  RunResults run;
  run.depth = depth;
  for (auto& system : systems) {
    run.systems.push_back(system->name());
    run.ranked.emplace_back();
    for (const JudgedQuery& q : set.queries) {
      run.ranked.back().push_back(system->top(q.text, depth));
      std::set<std::string> seen;
      for (const auto& id : run.ranked.back().back()) {
        if (!ids.count(id))
          throw std::runtime_error(std::string(system->name()) + " answered an unknown id " + id);
        if (!seen.insert(id).second)
          throw std::runtime_error(std::string(system->name()) + " ranked " + id + " twice for " +
                                   q.id);
      }
    }
  }
  return run;
}

std::vector<std::unique_ptr<RankedSystem>> build_all(const std::vector<Advisory>& advisories,
                                                     const Options& o) {
  std::vector<std::unique_ptr<RankedSystem>> systems;
  systems.push_back(build_engine(advisories, o.work, {o.shared + "/data/misp-threat-actor.json"}));
  systems.push_back(build_fts5(advisories, o.work));
  systems.push_back(build_plain_xapian(advisories, o.work));
  for (auto& system : systems)
    if (system->documents() != advisories.size())
      throw std::runtime_error(std::string(system->name()) + " holds " +
                               std::to_string(system->documents()) + " advisories, not " +
                               std::to_string(advisories.size()));
  return systems;
}

int measure(const Options& o) {
  const std::vector<Advisory> advisories =
      read_advisories(o.shared + "/data/wasoc-advisories.jsonl");
  std::set<std::string> ids;
  std::map<std::string, std::string> titles;
  for (const Advisory& a : advisories) ids.insert(a.id), titles[a.id] = a.title;
  if (ids.size() != advisories.size()) throw std::runtime_error("advisory ids repeat");
  const JudgedSet set = read_judged_set(o.set + "/queries.json", o.set + "/judgments.tsv", ids);
  std::cerr << "relevance: " << advisories.size() << " advisories, " << set.queries.size()
            << " queries; building the three systems in " << o.work << "\n";
  auto systems = build_all(advisories, o);
  const RunResults run = run_all(set, systems, ids, std::max<std::size_t>(10, o.pool_depth));
  std::cout << advisories.size() << " advisories in each system\n";
  print_report(std::cout, set, run);
  if (o.per_query) print_per_query(std::cout, set, run);
  if (!o.pool.empty())
    std::cout << "\npool: " << write_pool(o.pool, set, run, titles) << " unjudged pairs written to "
              << o.pool << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"relevance: this engine, FTS5 and plain Xapian BM25 on the judged query set"};
  Options o;
  app.add_option("--shared", o.shared, "the shared data folder")->capture_default_str();
  app.add_option("--set", o.set, "folder of queries.json and judgments.tsv")->capture_default_str();
  app.add_option("--work", o.work, "scratch folder (default: a temp folder, removed after)");
  app.add_option("--pool", o.pool, "write the unjudged pairs of every top 10 to this TSV file");
  app.add_option("--pool-depth", o.pool_depth, "how deep --pool reads each system's list")
      ->capture_default_str();
  app.add_flag("--per-query", o.per_query, "also print every query's nDCG@10 on each system");
  CLI11_PARSE(app, argc, argv);
  const bool temporary = o.work.empty();
  try {
    if (temporary) {
      std::string tmpl = (fs::temp_directory_path() / "relevance.XXXXXX").string();
      if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a temp folder");
      o.work = tmpl;
    }
    fs::create_directories(o.work);
    int rc = measure(o);
    if (temporary) fs::remove_all(o.work);
    return rc;
  } catch (const std::exception& e) {
    std::cerr << "relevance: " << e.what() << "\n";
    if (temporary) fs::remove_all(o.work);
    return 1;
  }
}
