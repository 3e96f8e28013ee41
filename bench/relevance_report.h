// relevance: what the benchmark prints (the measures side by side, per class, zero-result
// queries, where this engine is worst, unjudged documents) and the pool file it writes.
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "relevance_judged.h"

namespace relevance {

// Every system's ranked list for every judged query: ranked[system][query index]; the measures
// look at the first 10, the pool at the first `depth`.
struct RunResults {
  std::vector<std::string> systems;  // the first is this engine
  std::vector<std::vector<std::vector<std::string>>> ranked;
  std::size_t depth = 10;
};

void print_report(std::ostream& out, const JudgedSet& set, const RunResults& run);
// One line a query: its id, class, text, advisories judged relevant and each system's nDCG@10.
void print_per_query(std::ostream& out, const JudgedSet& set, const RunResults& run);

// Writes every (query, advisory) pair in any system's top `run.depth` that has no judgment yet, one
// a line: query id, advisory id, title, query text, where each system ranked it. Returns how many.
std::size_t write_pool(const std::string& path, const JudgedSet& set, const RunResults& run,
                       const std::map<std::string, std::string>& titles);

}  // namespace relevance
