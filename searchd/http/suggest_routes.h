// GET /suggest?q=PREFIX&limit=N: the entities and words a typed prefix completes to, for the
// search box's combobox (web/suggest.js).
#pragma once

#include <string>

#include "http_server.h"
#include "searcher.h"

namespace briefing {

void register_suggest_routes(http::Server& server, Searcher& searcher);

// The /suggest answer as JSON text: {"q", "suggestions": [{"text", "kind", "canonical", "count",
// "matched"}]}.
std::string render_suggestions(const std::string& q, const std::vector<Suggestion>& suggestions);

}  // namespace briefing
