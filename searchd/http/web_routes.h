// The search page's routes: GET / and /b/{id} (the page), /assets/{name} (its files).
#pragma once

#include <functional>
#include <string>

#include "http_server.h"

namespace briefing {

// The first results for the page's query (JSON text, or empty for none): see page_results.
using PageResults = std::function<std::string(const http::Request&)>;

void register_web_routes(http::Server& server, PageResults results = {});

}  // namespace briefing
