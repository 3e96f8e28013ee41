// The search page's routes: GET / and /b/{id} (the page), /assets/{name} (its files).
#pragma once

#include "http_server.h"

namespace briefing {

void register_web_routes(http::Server& server);

}  // namespace briefing
