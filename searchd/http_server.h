// The CivetWeb server: one catch-all handler that routes to registered handlers. No document root,
// no directory listing, no form handling (see design.md for the CVEs this avoids).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api_keys.h"
#include "http_types.h"
#include "metrics.h"

struct mg_context;
struct mg_connection;

namespace briefing::http {

using Handler = std::function<Response(const Request&)>;

// Who may call a route when searchd runs with --api-keys (without keys every route is open).
enum class Access {
  keyed,           // needs "Authorization: Bearer KEY", else 401 (the data routes)
  keyed_or_empty,  // called either way; without a valid key Request::authorized is false and
                   // the handler answers without data (/initial.js, loaded by a <script> tag)
  open,            // the page, its assets, /healthz, /openapi.json
};

struct ServerConfig {
  std::string listen = "127.0.0.1:8080";
  int threads = 64;  // keep-alive holds a thread per connection: more than a busy office opens
  int request_timeout_ms = 10000;
  std::shared_ptr<ApiKeys> api_keys;      // null: no keys needed
  std::vector<std::string> cors_origins;  // exact Origin values answered with CORS headers
};

class Server {
 public:
  explicit Server(ServerConfig config);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Exact path, or a prefix when `path` ends with '/' ("/briefings/"). Routes are keyed unless
  // registered otherwise, so that a new data route is never open by mistake.
  void route(std::string method, std::string path, Handler handler, Access access = Access::keyed);

  // Starts listening; throws std::runtime_error when the address cannot be bound.
  void start();
  void stop();
  // The port actually bound (useful with port 0).
  int port() const;

  const Metrics& metrics() const { return metrics_; }

  // Called by the CivetWeb callbacks; public for them only.
  int handle(mg_connection* conn);
  int handle_error(mg_connection* conn, int status, const char* message);

 private:
  struct Route {
    std::string method, path;
    Handler handler;
    Access access;
  };
  // Sets `route` to the matched route's path (for metrics), or "unmatched".
  Response dispatch(Request& request, std::string& route) const;
  // The API key check for `access`: a 401 answer, or nullopt to go on (setting
  // request.authorized).
  std::optional<Response> refuse_unauthorized(Request& request, Access access) const;
  // CORS headers for an allowed Origin (nothing for any other).
  void add_cors(const Request& request, Response& response) const;
  ServerConfig config_;
  std::vector<Route> routes_;
  mg_context* context_ = nullptr;
  Metrics metrics_;
};

}  // namespace briefing::http
