// /outlook latency (outlook_latency.h). The cases are what the Outlook view asks: every item most
// likely first (every briefing's records read), a kind and horizon (narrowed by terms first), a
// probability floor, words (positions read per matching briefing), an entity filter, and a later
// page by date.
#include "outlook_latency.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "latency_stats.h"
#include "outlook_routes.h"

namespace briefing::bench {
namespace {

struct OutlookCase {
  const char* label;
  const char* query;  // the /outlook query string
};

const OutlookCase kCases[] = {
    {"everything", ""},
    {"risk, short", "kind=risk&horizon=short"},
    {">= 70%", "min_probability=0.7"},
    {"word", "q=ransomware"},
    {"word + risk", "q=exploitation&kind=risk"},
    {"vendor", "vendor=Microsoft"},
    {"date, page 5", "sort=date&page=5"},
};

// The request /outlook would run for `query`, parsed by searchd's own parser.
OutlookRequest as_request(const std::string& query) {
  http::Request r;
  std::size_t at = 0;
  while (at < query.size()) {
    std::size_t end = query.find('&', at);
    if (end == std::string::npos) end = query.size();
    const std::string pair = query.substr(at, end - at);
    const std::size_t eq = pair.find('=');
    if (eq != std::string::npos) r.params.emplace_back(pair.substr(0, eq), pair.substr(eq + 1));
    at = end + 1;
  }
  return parse_outlook_request(r, 0, SearchLimits{});
}

}  // namespace

void report_outlook_latency(Searcher& searcher, testing::KeepAliveClient* http, int runs) {
  std::printf("\n%-13s %7s | %9s %9s | %9s %9s |\n", "outlook", "items", "proc p50", "proc p99",
              "http p50", "http p99");
  std::vector<double> all_proc, all_http;
  for (const OutlookCase& c : kCases) {
    const OutlookRequest request = as_request(c.query);
    std::vector<double> proc, web;
    std::uint64_t total = 0;
    for (int i = 0; i < runs; ++i) {
      const auto start = Clock::now();
      total = searcher.outlook(request).total;
      proc.push_back(ms_since(start));
    }
    if (total == 0)
      throw std::runtime_error(std::string("/outlook?") + c.query + " found no item: wrong index?");
    for (int i = 0; http && i < runs; ++i) {
      const auto start = Clock::now();
      const std::string body = http->get_ok(std::string("/outlook?") + c.query);
      web.push_back(ms_since(start));
      if (i == 0 && nlohmann::json::parse(body)["total"] != total)
        throw std::runtime_error(std::string("/outlook?") + c.query + " over HTTP differs");
    }
    all_proc.insert(all_proc.end(), proc.begin(), proc.end());
    all_http.insert(all_http.end(), web.begin(), web.end());
    std::printf("%-13s %7llu | %9.3f %9.3f | %9.3f %9.3f |\n", c.label,
                static_cast<unsigned long long>(total), percentile(proc, 0.5),
                percentile(proc, 0.99), percentile(web, 0.5), percentile(web, 0.99));
  }
  std::printf("%-13s %7s | %9.3f %9.3f | %9.3f %9.3f |\n(ms)\n", "all", "",
              percentile(all_proc, 0.5), percentile(all_proc, 0.99), percentile(all_http, 0.5),
              percentile(all_http, 0.99));
}

}  // namespace briefing::bench
