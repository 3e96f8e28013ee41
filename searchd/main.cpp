// searchd: answers search requests over HTTP. A thin main: flags to a validated config, the
// libraries, and a wait for SIGINT/SIGTERM that keeps the facet table warm meanwhile.
#include <malloc.h>

#include <csignal>
#include <cstdio>
#include <ctime>
#include <string>

#include <CLI/CLI.hpp>

#include "http_server.h"
#include "routes.h"
#include "searcher.h"
#include "web_routes.h"

namespace {

bool is_loopback(const std::string& listen) {
  return listen.rfind("127.", 0) == 0 || listen.rfind("localhost:", 0) == 0 ||
         listen.rfind("[::1]", 0) == 0;
}

// An Origin as browsers send it: scheme://host[:port], no path, no trailing slash.
bool is_origin(const std::string& origin) {
  auto scheme = origin.find("://");
  if (scheme == std::string::npos || scheme == 0 || scheme + 3 == origin.size()) return false;
  for (char c : origin.substr(scheme + 3))
    if (c == '/' || c == '?' || c == '#' || c == ' ' || c == '*') return false;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  // Hundreds of worker threads would otherwise spread over up to eight malloc arenas a core, each
  // keeping what its searches freed: measured under a wildcard flood over 5,000 briefings, RSS
  // grew 146 MB with the default and 76 MB with two arenas, at the same request rate.
  mallopt(M_ARENA_MAX, 2);
  std::string db_path;
  briefing::http::ServerConfig config;
  CLI::App app{"Serves ranked briefing search over HTTP (JSON API and web page)."};
  app.add_option("--db", db_path, "Index path, as given to the indexer")->required();
  app.add_option("--listen", config.listen, "ADDR:PORT to listen on (loopback by default)");
  briefing::SearchLimits limits;
  app.add_option("--query-time-limit", limits.query_time_limit_seconds,
                 "Seconds a search may take before it answers with what it has (0: no limit)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 600.0));
  app.add_option("--threads", config.threads,
                 "Worker threads: one per open connection, so more than a load can hold open")
      ->capture_default_str()
      ->check(CLI::Range(1, 8192));
  std::string api_keys_path;
  app.add_option("--api-keys", api_keys_path,
                 "File of API keys, one a line: the data routes then need 'Authorization: Bearer "
                 "KEY' (re-read when it changes)")
      ->check(CLI::ExistingFile);
  app.add_option("--cors", config.cors_origins,
                 "Origin (scheme://host[:port]) allowed to call the API from a browser; repeatable")
      ->take_all()
      ->allow_extra_args(false);
  app.add_option("--allowed-host", config.allowed_hosts,
                 "Host name (as in the Host header, without port) answered besides localhost, "
                 "127.0.0.1, [::1] and the --listen host; repeatable (e.g. the name nginx serves)")
      ->take_all()
      ->allow_extra_args(false);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (config.listen.find(':') == std::string::npos) config.listen = "127.0.0.1:" + config.listen;
  for (const std::string& host : config.allowed_hosts) {
    if (briefing::http::authority_host(host).empty()) {
      std::fprintf(stderr, "searchd: --allowed-host %s is not a host name\n", host.c_str());
      return 2;
    }
  }
  for (const std::string& origin : config.cors_origins) {
    if (!is_origin(origin)) {
      std::fprintf(stderr, "searchd: --cors %s is not an origin like https://host[:port]\n",
                   origin.c_str());
      return 2;
    }
  }

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // worker threads inherit the mask

  try {
    if (!api_keys_path.empty())
      config.api_keys = std::make_shared<briefing::http::ApiKeys>(api_keys_path);
    briefing::Searcher searcher(db_path);
    briefing::http::Server server(config);
    briefing::register_routes(server, searcher, limits);
    briefing::register_web_routes(server, briefing::page_results(searcher, limits));
    server.start();
    if (!is_loopback(config.listen))
      std::fprintf(stderr, "searchd: warning: listening on %s, beyond loopback%s\n",
                   config.listen.c_str(),
                   config.api_keys ? ""
                                   : ", without --api-keys: anyone who can reach it can read "
                                     "every briefing");
    if (!is_loopback(config.listen) && config.allowed_hosts.empty())
      std::fprintf(stderr,
                   "searchd: note: only requests naming localhost, 127.0.0.1, [::1] or the "
                   "--listen host in Host are answered (421 otherwise); add --allowed-host NAME "
                   "for the names clients use\n");
    std::string host = config.listen.substr(0, config.listen.rfind(':'));
    // Tests start searchd on port 0 and read the port it got from this line.
    std::fprintf(stderr, "searchd: serving %s on http://%s:%d/\n", db_path.c_str(), host.c_str(),
                 server.port());
    // Between signals, once a second: the facet table follows the index as the indexer changes
    // it, so searches rarely pay for rebuilding it (about a second per million briefings).
    int received = -1;
    std::string last_problem;
    while (received < 0) {
      const timespec second{1, 0};
      received = sigtimedwait(&signals, nullptr, &second);
      if (received >= 0) break;
      try {
        searcher.warm();
        last_problem.clear();
      } catch (const std::exception& e) {
        if (e.what() != last_problem)
          std::fprintf(stderr, "searchd: cannot refresh the facet table: %s\n", e.what());
        last_problem = e.what();
      }
    }
    std::fprintf(stderr, "searchd: stopping on signal %d\n", received);
    server.stop();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "searchd: %s\n", e.what());
    return 1;
  }
  return 0;
}
