// /suggest latency (suggest_latency.h). The prefixes are the kinds the search box sends: one
// letter (the longest range of keys, ranked at build time), two and three letters (the first of
// the prefixes ranked per request; "con" starts more words than most), an alias, a later word of
// a multi-word name, a region's name, and a prefix that completes to nothing.
#include "suggest_latency.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "latency_stats.h"

namespace briefing::bench {
namespace {

struct PrefixCase {
  const char* label;
  const char* prefix;  // URL-safe as written
  bool answers;        // whether it must complete to something
};

const PrefixCase kPrefixes[] = {
    {"1 letter", "m", true},  {"2 letters", "ex", true},    {"3 letters", "ran", true},
    {"3, wide", "con", true}, {"alias", "fancy", true},     {"later word", "networ", true},
    {"region", "sou", true},  {"no match", "zqxjv", false},
};

void check_answer(const PrefixCase& c, std::size_t found) {
  if ((found > 0) != c.answers)
    throw std::runtime_error(std::string("/suggest for '") + c.prefix + "' found " +
                             std::to_string(found) + ": wrong index?");
}

}  // namespace

void report_suggest_latency(Searcher& searcher, testing::KeepAliveClient* http, int runs) {
  const auto build_started = Clock::now();
  searcher.suggest("a", kDefaultSuggestions);  // builds this revision's suggestion index
  const double build_ms = ms_since(build_started);
  std::printf("\n%-13s %7s | %9s %9s | %9s %9s |\n", "suggest", "found", "proc p50", "proc p99",
              "http p50", "http p99");
  std::vector<double> all_proc, all_http;
  for (const PrefixCase& c : kPrefixes) {
    std::vector<double> proc, web;
    std::size_t found = 0;
    for (int i = 0; i < runs; ++i) {
      const auto start = Clock::now();
      found = searcher.suggest(c.prefix, kDefaultSuggestions).size();
      proc.push_back(ms_since(start));
    }
    check_answer(c, found);
    for (int i = 0; http && i < runs; ++i) {
      const auto start = Clock::now();
      const std::string body = http->get_ok(std::string("/suggest?q=") + c.prefix);
      web.push_back(ms_since(start));
      if (i == 0) check_answer(c, nlohmann::json::parse(body)["suggestions"].size());
    }
    all_proc.insert(all_proc.end(), proc.begin(), proc.end());
    all_http.insert(all_http.end(), web.begin(), web.end());
    std::printf("%-13s %7zu | %9.3f %9.3f | %9.3f %9.3f |\n", c.label, found, percentile(proc, 0.5),
                percentile(proc, 0.99), percentile(web, 0.5), percentile(web, 0.99));
  }
  std::printf("%-13s %7s | %9.3f %9.3f | %9.3f %9.3f |\n", "all", "", percentile(all_proc, 0.5),
              percentile(all_proc, 0.99), percentile(all_http, 0.5), percentile(all_http, 0.99));
  std::printf("(ms; the first /suggest of a revision builds its suggestion index: %.1f ms)\n",
              build_ms);
}

}  // namespace briefing::bench
