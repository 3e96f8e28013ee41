// GET /export: every briefing of a search (not a page), up to the operator's cap, streamed as
// CSV, NDJSON or a STIX 2.1 bundle (export_format.h) while it is read from the index.
#pragma once

#include <cstddef>

#include "http_server.h"
#include "search_params.h"
#include "searcher.h"

namespace briefing {

struct ExportLimits {
  std::size_t max_briefings = 100000;  // searchd --export-limit
  std::size_t batch = 500;             // briefings read from the index at a time
  // Exports at once: each keeps an index handle (its open files) until its client has read it
  // all, so slow clients by the hundred must not hold hundreds; past it, 503 and Retry-After.
  int max_running = 16;
};

// The route, keyed like the other data routes.
void register_export_routes(http::Server& server, Searcher& searcher, const SearchLimits& limits,
                            const ExportLimits& exports);

}  // namespace briefing
