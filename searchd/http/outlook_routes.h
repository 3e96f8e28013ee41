// GET /outlook: the outlook items of the briefings a search finds, each on its own.
#pragma once

#include <cstdint>

#include "http_server.h"
#include "search_params.h"
#include "searcher.h"

namespace briefing {

// /search's parameters (text, facets, dates, page, per_page) and kind, horizon,
// min_probability and sort (probability or date); every mistake a 400 naming the parameter.
OutlookRequest parse_outlook_request(const http::Request& request, std::int64_t now,
                                     const SearchLimits& limits);

void register_outlook_routes(http::Server& server, Searcher& searcher, const SearchLimits& limits);

}  // namespace briefing
