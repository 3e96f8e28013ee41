// What compare_fts5 measured, and the report it prints: latency per query class for both sides,
// build time and size, /search over HTTP next to in-process, throughput, and the targets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "one_file_build.h"

namespace briefing::bench {

// What one query (or a class of them, or the whole mix) measured: ms per timed repetition.
struct Timings {
  std::vector<double> engine, fts, fts_top, http, took;  // took: searchd's own figure
  std::uint64_t engine_total = 0;
  std::int64_t fts_total = 0;
  void add(const Timings& other);  // appends the times, sums the totals
};

struct BuildFigures {
  std::vector<double> engine_runs, fts5_runs;  // seconds, one per interleaved round
  double engine_mb = 0, fts5_mb = 0;
  double analyser_seconds = 0;  // the analyser alone over the same text
  std::uint64_t tokens = 0;
  OneFileFigures one_file;  // the second line: one JSONL file, plain FTS5
};

struct ThroughputFigures {
  int threads = 0, seconds = 0;
  double http_rps = 0, proc_rps = 0;
  std::string wrk_note;  // what wrk said was wrong, if anything
};

struct CompareReport {
  std::size_t engine_briefings = 0, fts5_briefings = 0;
  int reps = 0;
  std::vector<std::string> classes;                        // in the order printed
  std::vector<std::pair<std::string, Timings>> per_query;  // class, timings
  BuildFigures build;
  ThroughputFigures throughput;
};

// The element at fraction `p` of the sorted values (0 for none).
double percentile(std::vector<double> v, double p);

void print_report(const CompareReport& report);
// The build figures and their targets alone (compare_fts5 --build-only).
void print_build_report(const CompareReport& report);

}  // namespace briefing::bench
