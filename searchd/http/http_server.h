// The CivetWeb server: one catch-all handler that routes to registered handlers. No document root,
// no directory listing, no form handling (see design.md for the CVEs this avoids).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "access_log.h"
#include "api_keys.h"
#include "http_types.h"
#include "metrics.h"
#include "request_checks.h"

struct mg_context;
struct mg_connection;

namespace briefing::http {

using Handler = std::function<Response(const Request&)>;

// Who may call a route when searchd runs with --api-keys (without keys every route is open).
enum class Access {
  keyed,           // needs "Authorization: Bearer KEY", else 401 (the data routes)
  keyed_or_empty,  // called either way; without a valid key Request::authorized is false and
                   // the handler answers without data (the page, with its first results)
  open,            // the page, its assets, /healthz, /openapi.json
  // As keyed, or with ?token=T naming a feed token (ServerConfig::feed_tokens): feed readers
  // cannot send headers. A feed token opens these routes alone (/feed), never a keyed one.
  keyed_or_feed_token,
};

// CivetWeb 1.15 gives each open connection a worker thread for as long as it stays open, and
// holds further connections in its queue (20) and the listen backlog until one is free: the
// limits below bound how long one connection can keep its thread (README, "Hardening").
struct ServerConfig {
  std::string listen = "127.0.0.1:8080";
  // Threads are cheap (about 20 kB resident each: 12 MB at 64, 21 MB at 512): enough that
  // idle and slow clients by the hundred still leave most of them free.
  int threads = 512;
  // The whole request head must arrive within this (a total, not per read); an answer that the
  // client does not read for this long is abandoned and the connection closed.
  int request_timeout_ms = 5000;
  int keep_alive_timeout_ms = 2000;        // idle time allowed between requests on one connection
  std::shared_ptr<ApiKeys> api_keys;       // null: no keys needed
  std::shared_ptr<ApiKeys> feed_tokens;    // --feed-tokens; null: feeds need an API key too
  std::vector<std::string> cors_origins;   // exact Origin values answered with CORS headers
  std::vector<std::string> allowed_hosts;  // Host names beyond loopback and the --listen host
  LogLevel log_level = LogLevel::info;     // --log-level: which requests the access log names
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
  Metrics& metrics() { return metrics_; }

  // Called by the CivetWeb callbacks; public for them only.
  int handle(mg_connection* conn);
  int handle_error(mg_connection* conn, int status, const char* message);
  // A request CivetWeb read but did not route (an absolute-form target naming another port, "*"):
  // answered here, as the connection closes, instead of being dropped without a word.
  void handle_unrouted(mg_connection* conn);

 private:
  struct Route {
    std::string method, path;
    Handler handler;
    Access access;
  };
  // Exact path, or a prefix for a route path ending in '/' (but not "/" itself).
  static bool matches(const Route& r, const std::string& path);
  // Reads, checks and answers the current request; `query_split`: CivetWeb has cut the query
  // string off the target (it has for every routed request).
  int serve(mg_connection* conn, bool query_split);
  // Sets `route` to the matched route's path (for metrics), or "unmatched".
  Response dispatch(Request& request, std::string& route) const;
  // 405 with the Allow header for a known path.
  Response method_not_allowed(const Request& request) const;
  // The API key check for `access`: a 401 answer, or nullopt to go on (setting
  // request.authorized).
  std::optional<Response> refuse_unauthorized(Request& request, Access access) const;
  // CORS headers for an allowed Origin (nothing for any other).
  void add_cors(const Request& request, Response& response) const;
  ServerConfig config_;
  HostAllowList hosts_;
  std::vector<Route> routes_;
  mg_context* context_ = nullptr;
  Metrics metrics_;
  AccessLog access_log_;
};

// The CivetWeb library's version as loaded ("1.15"), for --version.
std::string civetweb_version();

}  // namespace briefing::http
