// GET /watches and the watches' lines in /metrics.
#pragma once

#include "http_server.h"
#include "watch_runner.h"

namespace briefing::watch {

void register_watch_routes(http::Server& server, WatchRunner& runner);

}  // namespace briefing::watch
