// The HTTP routes: requests to plain structs, the search library, structs to JSON.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "http_server.h"
#include "search_params.h"
#include "searcher.h"

namespace briefing {

void register_routes(http::Server& server, Searcher& searcher, const SearchLimits& limits = {});

// The search page's first results for its own query string, as JSON text ({"query", "data"}:
// the /search answer), or empty when there are none to give (wrong parameters, no valid key).
std::function<std::string(const http::Request&)> page_results(Searcher& searcher,
                                                              const SearchLimits& limits = {});

// The /search answer as design.md fixes it, as JSON text; `ascii_only` escapes everything beyond
// ASCII (for embedding in a script).
std::string render_search_result(const SearchResult& result, bool ascii_only = false);

}  // namespace briefing
