// /suggest's latency beside /search's in search_latency: one row per kind of typed prefix.
#pragma once

#include "keep_alive_client.h"
#include "searcher.h"

namespace briefing::bench {

// Times Searcher::suggest in process and /suggest over `http` (when given) for each prefix
// class, `runs` times each, after checking that each class answers (or, for "no match", does
// not); prints p50/p99 and the time the first call took to build the suggestion index.
void report_suggest_latency(Searcher& searcher, testing::KeepAliveClient* http, int runs);

}  // namespace briefing::bench
