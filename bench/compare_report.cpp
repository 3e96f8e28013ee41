// The compare_fts5 report: fixed-width tables on stdout, PASS/FAIL against the targets.
#include "compare_report.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace briefing::bench {
namespace {

const char* verdict(bool pass) {
  return pass ? "PASS" : "FAIL";
}

struct ByClass {
  std::map<std::string, Timings> classes;
  Timings all;
};

ByClass group(const CompareReport& report) {
  ByClass out;
  for (const auto& [cls, timings] : report.per_query) {
    out.classes[cls].add(timings);
    out.all.add(timings);
  }
  return out;
}

void latency_row(const char* name, const Timings& c) {
  double e50 = percentile(c.engine, .5), e99 = percentile(c.engine, .99);
  double f50 = percentile(c.fts, .5), f99 = percentile(c.fts, .99);
  std::printf("%-7s %5zu %10.2f %10.2f %9.2f %9.2f %9.2f %9.2f %12llu %10lld\n", name,
              c.engine.size(), e50, e99, f50, f99, e50 / f50, e99 / f99,
              static_cast<unsigned long long>(c.engine_total), static_cast<long long>(c.fts_total));
}

void print_latency(const CompareReport& report, ByClass& by) {
  std::printf("\nbriefings: engine %zu, fts5 %zu; times in ms; %d repetitions per query\n\n",
              report.engine_briefings, report.fts5_briefings, report.reps);
  std::printf("%-7s %5s %10s %10s %9s %9s %9s %9s %12s %10s\n", "class", "n", "engine_p50",
              "engine_p99", "fts5_p50", "fts5_p99", "ratio_p50", "ratio_p99", "engine_total",
              "fts5_total");
  for (const std::string& cls : report.classes) latency_row(cls.c_str(), by.classes[cls]);
  latency_row("all", by.all);
  std::printf(
      "(engine: Searcher::search, default request: 10 hits, snippets, facet counts, related "
      "events;\n fts5: count + bm25 top 10 with snippet() + hits' entities + GROUP BY facet "
      "counts)\n");
}

std::string runs_of(const std::vector<double>& v) {
  std::string out;
  for (double x : v) out += (out.empty() ? "" : " ") + std::to_string(x).substr(0, 4);
  return out;
}

struct BuildRatios {
  double build = 0, size = 0, one_file = 0;
};

// The second line: both sides from one JSONL file, FTS5 with titles and bodies only.
double print_one_file(const OneFileFigures& f) {
  const double engine = percentile(f.engine_runs, .5), fts5 = percentile(f.fts5_runs, .5);
  std::printf("one JSONL file of %zu briefings (median of %zu interleaved rounds):\n",
              f.engine_briefings, f.engine_runs.size());
  std::printf("  engine build %.2f s  (indexer --full on the one file; runs %s)\n", engine,
              runs_of(f.engine_runs).c_str());
  std::printf("  fts5   build %.2f s  (plain: title and body rows parsed as read; runs %s)\n", fts5,
              runs_of(f.fts5_runs).c_str());
  const double xapian = percentile(f.xapian_runs, .5);
  std::printf(
      "  plain Xapian %.2f s  (title and body by TermGenerator, as many threads as shards, "
      "compacted; runs %s)\n",
      xapian, runs_of(f.xapian_runs).c_str());
  std::printf(
      "  build ratio %.2fx (target <= 6x); plain Xapian %.2fx FTS5, engine %.2fx plain "
      "Xapian\n",
      engine / fts5, xapian / fts5, engine / xapian);
  return engine / fts5;
}

BuildRatios print_build(const BuildFigures& b) {
  const double engine_build = percentile(b.engine_runs, .5);
  const double fts5_build = percentile(b.fts5_runs, .5);
  std::printf("\nbuild (median of %zu interleaved rounds):\n", b.engine_runs.size());
  std::printf(
      "  engine build %.2f s / size %.1f MB  (run_indexer --full, reading the JSONL; runs %s)\n",
      engine_build, b.engine_mb, runs_of(b.engine_runs).c_str());
  std::printf(
      "  fts5   build %.2f s / size %.1f MB  (reading the JSONL, insert, optimize; runs %s)\n",
      fts5_build, b.fts5_mb, runs_of(b.fts5_runs).c_str());
  const BuildRatios ratios{engine_build / fts5_build, b.engine_mb / b.fts5_mb};
  std::printf("  build ratio %.2fx (target <= 6x), size ratio %.2fx (target <= 1.5x)\n",
              ratios.build, ratios.size);
  std::printf("  analyser-only %.2f s (%llu tokens, same text; engine build is %.1fx of it)\n",
              b.analyser_seconds, static_cast<unsigned long long>(b.tokens),
              engine_build / b.analyser_seconds);
  return {ratios.build, ratios.size, print_one_file(b.one_file)};
}

// Whether /search over HTTP met "p50 <= 0.5x and p99 <= 0.25x FTS5's top 10 with snippets".
struct HttpVerdict {
  bool all = true;
  int classes_passing = 0;
  std::string classes_failing;
};

bool http_row(const char* name, const Timings& c) {
  double h50 = percentile(c.http, .5), h99 = percentile(c.http, .99);
  double t50 = percentile(c.fts_top, .5), t99 = percentile(c.fts_top, .99);
  bool pass = h50 <= 0.5 * t50 && h99 <= 0.25 * t99;
  std::printf("%-7s %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %11.2f %11.2f  %s\n", name, h50, h99,
              percentile(c.took, .5), percentile(c.engine, .5), percentile(c.engine, .99),
              h50 / percentile(c.engine, .5), t50, t99, verdict(pass));
  return pass;
}

HttpVerdict print_http(const CompareReport& report, ByClass& by) {
  std::printf(
      "\nhttp p50 vs in-process p50 per class (searchd50: the search's own time as searchd reports "
      "it;\n fts5 top10 = bm25 top 10 with snippet alone):\n");
  std::printf("%-7s %9s %9s %9s %9s %9s %9s %11s %11s  %s\n", "class", "http_p50", "http_p99",
              "searchd50", "proc_p50", "proc_p99", "http/proc", "fts5top_p50", "fts5top_p99",
              "p50<=0.5x,p99<=0.25x fts5top");
  HttpVerdict v;
  for (const std::string& cls : report.classes) {
    if (http_row(cls.c_str(), by.classes[cls]))
      ++v.classes_passing;
    else
      v.classes_failing += (v.classes_failing.empty() ? "" : ", ") + cls;
  }
  v.all = http_row("all", by.all);
  return v;
}

double print_throughput(const ThroughputFigures& t) {
  std::printf("\nthroughput (%d threads, %d s, the query mix in turn):\n", t.threads, t.seconds);
  const double rps_ratio = t.proc_rps > 0 ? t.http_rps / t.proc_rps : 0;
  std::printf("  http %.0f req/s (wrk -t%d -c%d)%s vs in-process %.0f req/s (ratio %.2f)\n",
              t.http_rps, t.threads, t.threads, t.wrk_note.c_str(), t.proc_rps, rps_ratio);
  return rps_ratio;
}

void print_targets(const BuildRatios& build, const HttpVerdict& http, double rps_ratio,
                   std::size_t classes) {
  std::printf("\ntargets:\n");
  std::printf("  index build time <= 6x FTS5's          %6.2fx  %s\n", build.build,
              verdict(build.build <= 6));
  std::printf("  index size <= 1.5x FTS5's              %6.2fx  %s\n", build.size,
              verdict(build.size <= 1.5));
  std::printf("  one-file build <= 6x plain FTS5's      %6.2fx  %s\n", build.one_file,
              verdict(build.one_file <= 6));
  // The target is on the p50 and p99 of the whole mix; per class is stricter and shown too.
  std::printf("  /search HTTP p50 <= 0.5x, p99 <= 0.25x FTS5 top-10+snippet, all queries   %s\n",
              verdict(http.all));
  std::printf("    the same per class: %d of %zu PASS%s%s\n", http.classes_passing, classes,
              http.classes_failing.empty() ? "" : "; not: ", http.classes_failing.c_str());
  std::printf("  HTTP throughput >= 0.6x in-process     %6.2fx  %s\n", rps_ratio,
              verdict(rps_ratio >= 0.6));
}

}  // namespace

void Timings::add(const Timings& other) {
  for (auto [to, from] : {std::pair{&engine, &other.engine}, std::pair{&fts, &other.fts},
                          std::pair{&fts_top, &other.fts_top}, std::pair{&http, &other.http},
                          std::pair{&took, &other.took}})
    to->insert(to->end(), from->begin(), from->end());
  engine_total += other.engine_total;
  fts_total += other.fts_total;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  std::size_t i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

void print_build_report(const CompareReport& report) {
  const BuildRatios build = print_build(report.build);
  std::printf("\ntargets:\n  index build time <= 6x FTS5's %.2fx %s\n", build.build,
              verdict(build.build <= 6));
  std::printf("  one-file build <= 6x plain FTS5's %.2fx %s\n", build.one_file,
              verdict(build.one_file <= 6));
}

void print_report(const CompareReport& report) {
  ByClass by = group(report);
  print_latency(report, by);
  const BuildRatios build = print_build(report.build);
  const HttpVerdict http = print_http(report, by);
  const double rps_ratio = print_throughput(report.throughput);
  print_targets(build, http, rps_ratio, report.classes.size());
}

}  // namespace briefing::bench
