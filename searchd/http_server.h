// The CivetWeb server: one catch-all handler that routes to registered handlers. No document root,
// no directory listing, no form handling (see design.md for the CVEs this avoids).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "http_types.h"
#include "metrics.h"

struct mg_context;
struct mg_connection;

namespace briefing::http {

using Handler = std::function<Response(const Request&)>;

struct ServerConfig {
  std::string listen = "127.0.0.1:8080";
  int threads = 64;  // keep-alive holds a thread per connection: more than a busy office opens
  int request_timeout_ms = 10000;
};

class Server {
 public:
  explicit Server(ServerConfig config);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Exact path, or a prefix when `path` ends with '/' ("/briefings/").
  void route(std::string method, std::string path, Handler handler);

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
  };
  // Sets `route` to the matched route's path (for metrics), or "unmatched".
  Response dispatch(const Request& request, std::string& route) const;
  ServerConfig config_;
  std::vector<Route> routes_;
  mg_context* context_ = nullptr;
  Metrics metrics_;
};

}  // namespace briefing::http
