// The watches' routes: keyed like every data route (a watch's query and webhook are the
// operator's, not the public's).
#include "watch_routes.h"

namespace briefing::watch {

void register_watch_routes(http::Server& server, WatchRunner& runner) {
  server.route("GET", "/watches", [&runner](const http::Request&) {
    http::Response r;
    r.body = runner.report_json();
    return r;
  });
  server.metrics().add_source([&runner] { return runner.metrics_text(); });
}

}  // namespace briefing::watch
