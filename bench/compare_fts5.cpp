// compare_fts5: this engine next to SQLite FTS5 over the same briefings and the same query mix.
//
//   compare_fts5 --corpus FOLDER --work DIR --searchd build/bin/searchd [--reps 30]
//                [--threads 2] [--seconds 5] [--wrk wrk]
//
// (bench/compare-fts5 builds the corpus with make_corpus and runs this in a temp folder.)
// Builds both indexes from the JSONL corpus (timed, sizes on disk), checks every query's answers
// on both sides (this engine's total > 0 wherever FTS5 counts > 0; HTTP total == in-process total)
// and then times the mix interleaved per query (engine, FTS5, engine over HTTP, many repetitions,
// the order of the first two swapped every repetition) so ratios hold on a noisy machine. Also
// prints the analyser-only time over the same text, HTTP throughput (wrk against a searchd the
// program starts on a free loopback port) against in-process throughput with as many threads,
// and the issue's targets with PASS/FAIL.
//
// This file holds the query mix, this engine's side and the order of work; fts5_index.h is the
// FTS5 side and compare_report.h the printed report.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "analyser.h"
#include "briefing.h"
#include "briefing_text.h"
#include "compare_report.h"
#include "corpus_reader.h"
#include "fts5_index.h"
#include "index_run.h"
#include "keep_alive_client.h"
#include "search_params.h"
#include "search_request.h"
#include "searchd_process.h"
#include "searcher.h"
#include "subprocess.h"

namespace {

using briefing::bench::as_request;
using briefing::bench::Fts5Query;
using briefing::bench::Fts5Terms;
using briefing::bench::Timings;
using briefing::testing::KeepAliveClient;
using briefing::testing::SearchdOptions;
using briefing::testing::SearchdProcess;

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// One query of the mix, said once for each side: the /search query string (URL-encoded) and the
// FTS5 equivalent.
struct Query {
  const char* cls;
  const char* query_string;
  Fts5Terms fts5;
};

const char* const kClasses[] = {"rare", "common", "and", "phrase", "facet", "date", "browse"};

const Query kQueries[] = {
    {"rare", "q=telerik", {"telerik", "", "", "", ""}},
    {"rare", "q=moveit", {"moveit", "", "", "", ""}},
    {"rare", "q=kerberos", {"kerberos", "", "", "", ""}},
    {"rare", "q=zimbra", {"zimbra", "", "", "", ""}},
    {"common", "q=vulnerability", {"vulnerability", "", "", "", ""}},
    {"common", "q=remote", {"remote", "", "", "", ""}},
    {"common", "q=patch", {"patch", "", "", "", ""}},
    {"common", "q=exploit", {"exploit", "", "", "", ""}},
    {"and", "q=remote+code+execution", {"remote code execution", "", "", "", ""}},
    {"and", "q=authentication+bypass", {"authentication bypass", "", "", "", ""}},
    {"and", "q=ransomware+windows", {"ransomware windows", "", "", "", ""}},
    {"and", "q=privilege+escalation+windows", {"privilege escalation windows", "", "", "", ""}},
    {"phrase", "q=%22privilege+escalation%22", {"\"privilege escalation\"", "", "", "", ""}},
    {"phrase", "q=%22command+injection%22", {"\"command injection\"", "", "", "", ""}},
    {"phrase", "q=%22remote+code+execution%22", {"\"remote code execution\"", "", "", "", ""}},
    {"phrase", "q=%22supply+chain%22", {"\"supply chain\"", "", "", "", ""}},
    {"facet", "q=exploit&vendor=Microsoft", {"exploit", "vendor", "Microsoft", "", ""}},
    {"facet", "q=vulnerability&actor=APT28", {"vulnerability", "actor", "APT28", "", ""}},
    {"facet", "q=patch&vendor=Cisco", {"patch", "vendor", "Cisco", "", ""}},
    {"facet", "q=espionage&actor=Lazarus+Group", {"espionage", "actor", "Lazarus Group", "", ""}},
    {"date",
     "q=vulnerability&from=2025-01-01&to=2025-06-30",
     {"vulnerability", "", "", "2025-01-01", "2025-06-30"}},
    {"date",
     "q=ransomware&from=2024-01-01&to=2024-12-31",
     {"ransomware", "", "", "2024-01-01", "2024-12-31"}},
    {"date",
     "q=remote+code+execution&from=2023-01-01&to=2023-03-31",
     {"remote code execution", "", "", "2023-01-01", "2023-03-31"}},
    {"date",
     "q=patch&from=2026-01-01&to=2026-08-31",
     {"patch", "", "", "2026-01-01", "2026-08-31"}},
    {"browse", "q=", {"", "", "", "", ""}},
    {"browse", "q=&vendor=Microsoft", {"", "vendor", "Microsoft", "", ""}},
    {"browse", "q=&actor=APT28", {"", "actor", "APT28", "", ""}},
    {"browse", "q=&from=2025-01-01&to=2025-12-31", {"", "", "", "2025-01-01", "2025-12-31"}},
};

struct Settings {
  std::string corpus, work, searchd = "build/bin/searchd", wrk = "wrk";
  int reps = 30, threads = 2, seconds = 5, build_rounds = 3;
  bool build_only = false;
};

std::uint64_t disk_bytes(const fs::path& path) {
  std::uint64_t total = 0;
  if (fs::is_regular_file(path)) return fs::file_size(path);
  for (const auto& e : fs::recursive_directory_iterator(path))
    if (e.is_regular_file()) total += e.file_size();
  return total;
}

// The analyser alone over the fields the indexer analyses (as bench/analyser_throughput.cpp).
double analyser_seconds(const std::vector<briefing::Briefing>& briefings, std::uint64_t& tokens) {
  briefing::Analyser analyser;
  std::vector<briefing::Token> out;
  tokens = 0;
  auto started = Clock::now();
  for (const auto& b : briefings) {
    std::uint32_t position = 1;
    auto visit = [&](std::string_view text) {
      if (text.empty()) return;
      out.clear();
      position = analyser.analyse(text, out, position) + 100;
      tokens += out.size();
    };
    briefing::for_each_text(b, [&](briefing::TextField, const std::string& s) { visit(s); });
    briefing::for_each_entity_name(b, [&](const std::string& s) { visit(s); });
  }
  return ms_since(started) / 1000;
}

struct Paths {
  fs::path work;
  std::string engine_db, fts5_db;
};

// Builds, interleaved (engine, FTS5; then FTS5, engine; ...) and each side's median taken, so
// that a burst of noise on the shared machine does not decide the ratio.
briefing::RunSummary build_both(const Settings& s, const Paths& paths,
                                briefing::bench::BuildFigures& figures) {
  briefing::RunSummary summary;
  auto build_engine = [&] {
    fs::remove_all(paths.work / "engine");
    fs::create_directories(paths.work / "engine");
    briefing::RunOptions options;
    options.db_path = paths.engine_db;
    options.sources = {s.corpus};
    options.full = true;
    auto t = Clock::now();
    summary = briefing::run_indexer(options);
    figures.engine_runs.push_back(ms_since(t) / 1000);
  };
  auto build_sqlite = [&] {
    fs::remove(paths.fts5_db);
    auto t = Clock::now();
    briefing::bench::build_fts5(briefing::bench::read_corpus(s.corpus), paths.fts5_db);
    figures.fts5_runs.push_back(ms_since(t) / 1000);
  };
  for (int round = 0; round < s.build_rounds; ++round) {
    std::printf("building both, round %d of %d...\n", round + 1, s.build_rounds);
    std::fflush(stdout);
    if (round % 2 == 0)
      build_engine(), build_sqlite();
    else
      build_sqlite(), build_engine();
  }
  figures.engine_mb = static_cast<double>(disk_bytes(paths.work / "engine")) / 1e6;
  figures.fts5_mb = static_cast<double>(disk_bytes(paths.fts5_db)) / 1e6;
  return summary;
}

SearchdOptions searchd_options(const Settings& s, const Paths& paths) {
  SearchdOptions options;
  options.binary = s.searchd;
  options.db = paths.engine_db;
  return options;
}

// Both sides ready to answer the mix: in process, FTS5, and the same index through searchd.
struct Sides {
  Sides(const Settings& s, const Paths& paths, std::int64_t now)
      : searcher(paths.engine_db),
        fts(paths.fts5_db),
        searchd(searchd_options(s, paths)),
        http(searchd.port()) {
    for (const Query& q : kQueries) {
      fts_queries.push_back(std::make_unique<Fts5Query>(fts, q.fts5, now));
      requests.push_back(briefing::parse_search_request(as_request(q.query_string), now));
    }
  }
  briefing::Searcher searcher;
  briefing::bench::Sqlite fts;
  std::vector<std::unique_ptr<Fts5Query>> fts_queries;
  std::vector<briefing::SearchRequest> requests;
  SearchdProcess searchd;
  KeepAliveClient http;
};

std::string search_target(const Query& q) {
  return std::string("/search?") + q.query_string;
}

// Checks query i's answers on all three paths and keeps its totals in `t`; false on a problem.
bool check_answer(Sides& sides, std::size_t i, Timings& t) {
  const Query& q = kQueries[i];
  briefing::SearchResult r = sides.searcher.search(sides.requests[i]);
  Fts5Query::Answer a = sides.fts_queries[i]->run();
  t.engine_total = r.total;
  t.fts_total = a.total;
  auto body = nlohmann::json::parse(sides.http.get_ok(search_target(q)));
  bool ok = true;
  auto problem = [&](const std::string& what) {
    std::fprintf(stderr, "compare_fts5: %s: %s\n", q.query_string, what.c_str());
    ok = false;
  };
  if (body["total"] != r.total) problem("HTTP total differs from in-process total");
  if (a.total > 0 && r.total == 0) problem("FTS5 finds hits, this engine none");
  if (a.total == 0) problem("FTS5 finds nothing: the query mix does not fit the corpus");
  if (r.hits.size() != std::min<std::uint64_t>(r.total, 10)) problem("engine: page size");
  if (static_cast<std::int64_t>(a.hits) != std::min<std::int64_t>(a.total, 10))
    problem("FTS5: page size");
  if (r.hits.size() && *q.fts5.match && r.hits[0].snippet.empty()) problem("engine: no snippet");
  return ok;
}

// One repetition of query i: engine and FTS5 (in an order that alternates), then HTTP. Kept in
// `t` unless `rep` < 0 (the warm-up).
void time_once(Sides& sides, std::size_t i, int rep, Timings& t) {
  double e = 0, f = 0, f_top = 0;
  auto engine = [&] {
    auto s = Clock::now();
    if (sides.searcher.search(sides.requests[i]).total != t.engine_total)
      throw std::runtime_error("engine total changed");
    e = ms_since(s);
  };
  auto sqlite = [&] {
    auto s = Clock::now();
    Fts5Query::Answer a = sides.fts_queries[i]->run();
    f = ms_since(s);
    f_top = a.top_ms;
    if (a.total != t.fts_total) throw std::runtime_error("FTS5 total changed");
  };
  if ((rep + static_cast<int>(i)) % 2)
    engine(), sqlite();
  else
    sqlite(), engine();
  auto s = Clock::now();
  const std::string body = sides.http.get_ok(search_target(kQueries[i]));
  double h = ms_since(s);
  // searchd's own time for the search, as it reports it: the rest is the HTTP layer.
  const auto at = body.find("\"took_ms\":");
  const double took = at == std::string::npos ? 0 : std::atof(body.c_str() + at + 10);
  if (rep < 0) return;
  t.engine.push_back(e);
  t.fts.push_back(f);
  t.fts_top.push_back(f_top);
  t.http.push_back(h);
  t.took.push_back(took);
}

// wrk -tT -cT -dSs over the whole query mix in turn; requests per second (0 when wrk failed).
double wrk_throughput(const Settings& s, int port, std::string& note) {
  fs::path script = fs::path(s.work) / "mix.lua";
  {
    std::ofstream lua(script);
    lua << "local paths = {\n";
    for (const Query& q : kQueries) lua << "  \"/search?" << q.query_string << "\",\n";
    lua << "}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n"
           "  return wrk.format(\"GET\", paths[i])\nend\n";
  }
  const std::string connections = std::to_string(s.threads);
  std::string output;
  try {
    briefing::testing::Subprocess wrk(
        {s.wrk, "-t" + connections, "-c" + connections, "-d" + std::to_string(s.seconds) + "s",
         "-s", script.string(), "http://127.0.0.1:" + std::to_string(port) + "/"});
    // wrk stops itself after `seconds`; a minute more than that is a hang.
    briefing::testing::RunResult ran = wrk.wait(std::chrono::seconds(s.seconds + 60));
    output = ran.out + ran.err;
  } catch (const std::runtime_error& e) {
    output = e.what();
  }
  std::smatch m;
  if (std::regex_search(output, m, std::regex(R"(Non-2xx or 3xx responses: (\d+))")))
    note = " (" + m[1].str() + " non-2xx answers!)";
  if (std::regex_search(output, m, std::regex(R"(Requests/sec:\s+([0-9.]+))")))
    return std::stod(m[1]);
  std::fprintf(stderr, "compare_fts5: wrk said:\n%s\n", output.c_str());
  return 0;
}

// As many threads as wrk had, searching in process through the mix for `seconds`.
double in_process_throughput(Sides& sides, int threads, int seconds) {
  const std::size_t n = sides.requests.size();
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> done{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < threads; ++w)
    workers.emplace_back([&, w] {
      std::uint64_t mine = 0;
      for (std::size_t i = static_cast<std::size_t>(w) * 7; !stop; ++i, ++mine)
        sides.searcher.search(sides.requests[i % n]);
      done += mine;
    });
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  stop = true;
  for (auto& w : workers) w.join();
  return static_cast<double>(done) / seconds;
}

// Checks every answer, then times the mix: the per-query half of the report.
void measure_queries(const Settings& s, Sides& sides, briefing::bench::CompareReport& report) {
  const std::size_t n = std::size(kQueries);
  std::vector<Timings> timings(n);
  bool answers_ok = true;
  for (std::size_t i = 0; i < n; ++i) answers_ok = check_answer(sides, i, timings[i]) && answers_ok;
  if (!answers_ok) throw std::runtime_error("answers failed their checks; nothing timed");
  std::printf("timing %zu queries x %d repetitions, interleaved...\n", n, s.reps);
  std::fflush(stdout);
  for (int rep = -1; rep < s.reps; ++rep)  // rep -1 warms caches, untimed
    for (std::size_t i = 0; i < n; ++i) time_once(sides, i, rep, timings[i]);
  for (std::size_t i = 0; i < n; ++i) report.per_query.emplace_back(kQueries[i].cls, timings[i]);
}

int run(const Settings& s) {
  const auto now = static_cast<std::int64_t>(std::time(nullptr));
  fs::create_directories(s.work);
  const Paths paths{s.work, (fs::path(s.work) / "engine" / "index").string(),
                    (fs::path(s.work) / "fts5.db").string()};
  briefing::bench::CompareReport report;
  report.reps = s.reps;
  report.classes.assign(std::begin(kClasses), std::end(kClasses));
  const briefing::RunSummary summary = build_both(s, paths, report.build);
  {
    std::vector<briefing::Briefing> briefings = briefing::bench::read_corpus(s.corpus);
    std::uint64_t& tokens = report.build.tokens;
    report.build.analyser_seconds =
        std::min(analyser_seconds(briefings, tokens), analyser_seconds(briefings, tokens));
    report.fts5_briefings = briefings.size();
  }
  if (summary.total == 0) throw std::runtime_error("the engine indexed no briefings");
  report.engine_briefings = summary.total;
  report.build.one_file =
      briefing::bench::build_one_file(s.corpus, fs::path(s.work) / "one-file", s.build_rounds);
  if (s.build_only) return briefing::bench::print_build_report(report), 0;

  Sides sides(s, paths, now);
  measure_queries(s, sides, report);
  auto& throughput = report.throughput;
  throughput.threads = s.threads;
  throughput.seconds = s.seconds;
  throughput.http_rps = wrk_throughput(s, sides.searchd.port(), throughput.wrk_note);
  throughput.proc_rps = in_process_throughput(sides, s.threads, s.seconds);
  briefing::bench::print_report(report);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Settings s;
  CLI::App app{"This engine next to SQLite FTS5: build, latency per query class, throughput"};
  app.add_option("--corpus", s.corpus, "Folder of briefings (make_corpus output)")->required();
  app.add_option("--work", s.work, "Scratch folder for both indexes")->required();
  app.add_option("--searchd", s.searchd, "searchd binary")->capture_default_str();
  app.add_option("--wrk", s.wrk, "wrk binary")->capture_default_str();
  app.add_option("--reps", s.reps, "Timed repetitions per query")
      ->capture_default_str()
      ->check(CLI::Range(3, 10000));
  app.add_option("--threads", s.threads, "Threads for throughput")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  app.add_option("--seconds", s.seconds, "Seconds per throughput run")
      ->capture_default_str()
      ->check(CLI::Range(1, 600));
  app.add_flag("--build-only", s.build_only, "Compare the builds alone (no query timing)");
  app.add_option("--build-rounds", s.build_rounds, "Interleaved builds of each side (median taken)")
      ->capture_default_str()
      ->check(CLI::Range(1, 20));
  CLI11_PARSE(app, argc, argv);
  try {
    return run(s);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "compare_fts5: %s\n", e.what());
    return 1;
  }
}
