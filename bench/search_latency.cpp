// search_latency: p50/p99 of ten representative queries, in process (the search library) and over
// HTTP (a running searchd, keep-alive), with the time spent in facets, snippets and related
// events. Each query's hit total must agree between the two paths before any time is reported.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "keep_alive_client.h"
#include "search_params.h"
#include "search_request.h"
#include "searcher.h"

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

}  // namespace

int main(int argc, char** argv) {
  std::string db;
  std::string only;
  int port = 0, runs = 50;
  CLI::App app{"p50/p99 of /search for ten queries, in process and over HTTP"};
  app.add_option("--db", db, "Index path")->required();
  app.add_option("--port", port, "Port of a searchd serving the same index (HTTP column)");
  app.add_option("--runs", runs, "Runs per query")->check(CLI::Range(5, 100000));
  app.add_option("--query", only, "Time this /search query string alone (for profiling)");
  CLI11_PARSE(app, argc, argv);

  try {
    briefing::Searcher searcher(db);
    std::unique_ptr<KeepAliveClient> http;
    if (port) http = std::make_unique<KeepAliveClient>(port);
    const auto now = static_cast<std::int64_t>(std::time(nullptr));

    std::printf("%-13s %7s | %9s %9s | %9s %9s | %9s %9s | %8s %8s %8s\n", "query", "total",
                "proc p50", "proc p99", "http p50", "http p99", "-facets", "-snippets", "facets",
                "snippets", "related");
    std::vector<double> all_proc, all_http;
    std::vector<QueryCase> cases(std::begin(kQueries), std::end(kQueries));
    if (!only.empty()) cases = {{"--query", only.c_str()}};
    for (const QueryCase& q : cases) {
      briefing::SearchRequest request =
          briefing::parse_search_request(as_request(q.query_string), now);
      std::vector<double> proc, web;
      double snippets = 0, related = 0;
      std::uint64_t total = 0;
      for (int i = 0; i < runs; ++i) {
        auto t = Clock::now();
        briefing::SearchResult r = searcher.search(request);
        proc.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t).count());
        snippets += r.snippets_ms;
        related += r.related_ms;
        total = r.total;
      }
      if (total == 0)
        throw std::runtime_error(std::string("no hits for ") + q.label + ": wrong index?");
      // The same query without facet counting, and without snippets: the differences in p50
      // are what each costs (counting in the main pass cannot be timed apart otherwise).
      auto p50_without = [&](bool facets_on, bool snippets_on) {
        briefing::SearchRequest r = request;
        r.facets = facets_on;
        r.snippets = snippets_on;
        std::vector<double> t;
        for (int i = 0; i < runs; ++i) {
          auto start = Clock::now();
          if (searcher.search(r).total != total) throw std::runtime_error("totals differ");
          t.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        }
        return percentile(t, 0.5);
      };
      const double p50 = percentile(proc, 0.5);
      const double no_facets = p50_without(false, true), no_snippets = p50_without(true, false);
      if (http) {
        for (int i = 0; i < runs; ++i) {
          auto t = Clock::now();
          std::string body = http->get_ok(std::string("/search?") + q.query_string);
          web.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t).count());
          if (i == 0 && nlohmann::json::parse(body)["total"] != total)
            throw std::runtime_error(std::string("HTTP and in-process totals differ for ") +
                                     q.label);
        }
      }
      all_proc.insert(all_proc.end(), proc.begin(), proc.end());
      all_http.insert(all_http.end(), web.begin(), web.end());
      std::printf("%-13s %7llu | %9.2f %9.2f | %9.2f %9.2f | %9.2f %9.2f | %8.2f %8.2f %8.2f\n",
                  q.label, static_cast<unsigned long long>(total), p50, percentile(proc, 0.99),
                  web.empty() ? 0.0 : percentile(web, 0.5),
                  web.empty() ? 0.0 : percentile(web, 0.99), no_facets, no_snippets,
                  std::max(0.0, p50 - no_facets), snippets / runs, related / runs);
    }
    std::printf("%-13s %7s | %9.2f %9.2f | %9.2f %9.2f |\n", "all", "", percentile(all_proc, 0.5),
                percentile(all_proc, 0.99), all_http.empty() ? 0.0 : percentile(all_http, 0.5),
                all_http.empty() ? 0.0 : percentile(all_http, 0.99));
    std::printf(
        "(ms. -facets, -snippets: p50 without them; facets = p50 - p50 without facets;\n"
        " snippets, related: mean ms per query spent building them for the page of hits)\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "search_latency: %s\n", e.what());
    return 1;
  }
  return 0;
}
