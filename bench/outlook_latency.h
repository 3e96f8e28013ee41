// /outlook's latency beside /search's in search_latency: one row per kind of outlook request.
#pragma once

#include "keep_alive_client.h"
#include "searcher.h"

namespace briefing::bench {

// Times Searcher::outlook in process and /outlook over `http` (when given) for each case, `runs`
// times each, after checking that each finds items; prints p50/p99.
void report_outlook_latency(Searcher& searcher, testing::KeepAliveClient* http, int runs);

}  // namespace briefing::bench
