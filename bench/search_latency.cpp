// search_latency: p50/p99 of ten representative queries, in process (the search library) and over
// HTTP (a running searchd, keep-alive), with the time spent in facets, snippets and related
// events. Each query's hit total must agree between the two paths before any time is reported.
// Then /suggest's, for the kinds of prefix the search box sends (suggest_latency.h), and
// /outlook's, for what the Outlook view asks (outlook_latency.h).

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "keep_alive_client.h"
#include "outlook_latency.h"
#include "search_params.h"
#include "search_request.h"
#include "searcher.h"
#include "suggest_latency.h"

namespace {

using briefing::bench::as_request;
using briefing::testing::KeepAliveClient;

using Clock = std::chrono::steady_clock;

struct QueryCase {
  const char* label;
  const char* query_string;  // as sent to /search
};

// Single words rare and common, AND, phrase, OR, NOT, prefix, facet filter, date range, browse.
const QueryCase kQueries[] = {
    {"common word", "q=vulnerability"},
    {"rare word", "q=telerik"},
    {"two words", "q=remote+code+execution"},
    {"phrase", "q=%22privilege+escalation%22"},
    {"OR", "q=fortinet+OR+citrix"},
    {"NOT", "q=ransomware+-windows"},
    {"prefix", "q=exploi*"},
    {"facet filter", "q=exploit&vendor=Microsoft&region=US"},
    {"date range", "q=patch&from=2025-01-01&to=2025-06-30"},
    {"browse", "q="},
};

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  std::size_t i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// One query's figures: times per run in process and over HTTP, and what its parts cost.
struct QueryTimes {
  std::vector<double> proc, web;
  double snippets = 0, related = 0;  // summed over the runs
  double no_facets = 0, no_snippets = 0;
  std::uint64_t total = 0;
};

void time_in_process(briefing::Searcher& searcher, const briefing::SearchRequest& request, int runs,
                     QueryTimes& t) {
  for (int i = 0; i < runs; ++i) {
    auto start = Clock::now();
    briefing::SearchResult r = searcher.search(request);
    t.proc.push_back(ms_since(start));
    t.snippets += r.snippets_ms;
    t.related += r.related_ms;
    t.total = r.total;
  }
}

// The p50 of `request` (a variant of the timed one), which must find `total` as well.
double p50_of(briefing::Searcher& searcher, const briefing::SearchRequest& request, int runs,
              std::uint64_t total) {
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    auto start = Clock::now();
    if (searcher.search(request).total != total) throw std::runtime_error("totals differ");
    t.push_back(ms_since(start));
  }
  return percentile(t, 0.5);
}

// The same query without facet counting, and without snippets: the differences in p50 are what
// each costs (counting in the main pass cannot be timed apart otherwise).
void time_without_parts(briefing::Searcher& searcher, const briefing::SearchRequest& request,
                        int runs, QueryTimes& t) {
  briefing::SearchRequest variant = request;
  variant.facets = false;
  t.no_facets = p50_of(searcher, variant, runs, t.total);
  variant = request;
  variant.snippets = false;
  t.no_snippets = p50_of(searcher, variant, runs, t.total);
}

void time_http(KeepAliveClient& http, const QueryCase& q, int runs, QueryTimes& t) {
  for (int i = 0; i < runs; ++i) {
    auto start = Clock::now();
    std::string body = http.get_ok(std::string("/search?") + q.query_string);
    t.web.push_back(ms_since(start));
    if (i == 0 && nlohmann::json::parse(body)["total"] != t.total)
      throw std::runtime_error(std::string("HTTP and in-process totals differ for ") + q.label);
  }
}

double percentile_or_zero(const std::vector<double>& v, double p) {
  return v.empty() ? 0.0 : percentile(v, p);
}

void print_row(const char* label, const QueryTimes& t, int runs) {
  const double p50 = percentile(t.proc, 0.5);
  std::printf("%-13s %7llu | %9.2f %9.2f | %9.2f %9.2f | %9.2f %9.2f | %8.2f %8.2f %8.2f\n", label,
              static_cast<unsigned long long>(t.total), p50, percentile(t.proc, 0.99),
              percentile_or_zero(t.web, 0.5), percentile_or_zero(t.web, 0.99), t.no_facets,
              t.no_snippets, std::max(0.0, p50 - t.no_facets), t.snippets / runs, t.related / runs);
}

struct Settings {
  std::string db, only;
  int port = 0, runs = 50;
};

void run(const Settings& s) {
  briefing::Searcher searcher(s.db);
  std::unique_ptr<KeepAliveClient> http;
  if (s.port) http = std::make_unique<KeepAliveClient>(s.port);
  const auto now = static_cast<std::int64_t>(std::time(nullptr));
  std::printf("%-13s %7s | %9s %9s | %9s %9s | %9s %9s | %8s %8s %8s\n", "query", "total",
              "proc p50", "proc p99", "http p50", "http p99", "-facets", "-snippets", "facets",
              "snippets", "related");
  std::vector<double> all_proc, all_http;
  std::vector<QueryCase> cases(std::begin(kQueries), std::end(kQueries));
  if (!s.only.empty()) cases = {{"--query", s.only.c_str()}};
  for (const QueryCase& q : cases) {
    const briefing::SearchRequest request =
        briefing::parse_search_request(as_request(q.query_string), now);
    QueryTimes t;
    time_in_process(searcher, request, s.runs, t);
    if (t.total == 0)
      throw std::runtime_error(std::string("no hits for ") + q.label + ": wrong index?");
    time_without_parts(searcher, request, s.runs, t);
    if (http) time_http(*http, q, s.runs, t);
    all_proc.insert(all_proc.end(), t.proc.begin(), t.proc.end());
    all_http.insert(all_http.end(), t.web.begin(), t.web.end());
    print_row(q.label, t, s.runs);
  }
  std::printf("%-13s %7s | %9.2f %9.2f | %9.2f %9.2f |\n", "all", "", percentile(all_proc, 0.5),
              percentile(all_proc, 0.99), percentile_or_zero(all_http, 0.5),
              percentile_or_zero(all_http, 0.99));
  std::printf(
      "(ms. -facets, -snippets: p50 without them; facets = p50 - p50 without facets;\n"
      " snippets, related: mean ms per query spent building them for the page of hits)\n");
  if (!s.only.empty()) return;
  briefing::bench::report_suggest_latency(searcher, http.get(), s.runs);
  briefing::bench::report_outlook_latency(searcher, http.get(), s.runs);
}

}  // namespace

int main(int argc, char** argv) {
  Settings s;
  CLI::App app{"p50/p99 of /search for ten queries, in process and over HTTP"};
  app.add_option("--db", s.db, "Index path")->required();
  app.add_option("--port", s.port, "Port of a searchd serving the same index (HTTP column)");
  app.add_option("--runs", s.runs, "Runs per query")->check(CLI::Range(5, 100000));
  app.add_option("--query", s.only, "Time this /search query string alone (for profiling)");
  CLI11_PARSE(app, argc, argv);
  try {
    run(s);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "search_latency: %s\n", e.what());
    return 1;
  }
  return 0;
}
