// The HTTP routes: requests to plain structs, the search library, structs to JSON.
#pragma once

#include <nlohmann/json.hpp>

#include "http_server.h"
#include "search_params.h"
#include "searcher.h"

namespace briefing {

void register_routes(http::Server& server, Searcher& searcher, const SearchLimits& limits = {});

// The /search answer as design.md fixes it, as JSON text; `ascii_only` escapes everything beyond
// ASCII (for embedding in a script).
std::string render_search_result(const SearchResult& result, bool ascii_only = false);

}  // namespace briefing
