// GET /entities/{kind}/{name}: an actor's, vendor's or region's page as JSON.
#pragma once

#include "http_server.h"
#include "searcher.h"

namespace briefing {

void register_entity_routes(http::Server& server, Searcher& searcher);

}  // namespace briefing
