// searchd: answers search requests over HTTP. A thin main: flags to a validated config, the
// libraries, and a wait for SIGINT/SIGTERM that keeps the facet table warm meanwhile.
#include <malloc.h>

#include <csignal>
#include <cstdio>
#include <ctime>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "export_routes.h"
#include "http_server.h"
#include "routes.h"
#include "searcher.h"
#include "version_info.h"
#include "watch_routes.h"
#include "watch_runner.h"
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

struct Options {
  std::string db_path;
  briefing::http::ServerConfig config;
  briefing::SearchLimits limits;
  std::string api_keys_path;
  std::string feed_tokens_path;
  briefing::SearcherOptions searcher;
  briefing::ExportLimits exports;
  std::string watches_path, watch_state_path;
};

// How hits are shown (add_options holds the rest).
void add_hit_options(CLI::App& app, Options& o) {
  app.add_option("--fold-near-duplicates", o.searcher.fold_near_duplicates,
                 "Fold each group of near-duplicate briefings into one hit that lists the others "
                 "(never over remote shards, whose groups are each shard's own)")
      ->capture_default_str();
}

void add_options(CLI::App& app, Options& o) {
  app.add_option("--db", o.db_path, "Index path, as given to the indexer")->required();
  app.add_option("--listen", o.config.listen, "ADDR:PORT to listen on (loopback by default)");
  app.add_option("--spelling", o.searcher.spelling_db,
                 "Local index whose spelling table gives did-you-mean (for a --db of remote "
                 "shards, whose spelling tables Xapian cannot read)")
      ->check(CLI::ExistingPath);
  app.add_option("--query-time-limit", o.limits.query_time_limit_seconds,
                 "Seconds a search may take before it answers with what it has (0: no limit)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 600.0));
  app.add_option("--export-limit", o.exports.max_briefings,
                 "Briefings one /export gives at most (the rest are left out, and the answer says "
                 "so in X-Export-Truncated)")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000000}));
  app.add_option("--exports-at-once", o.exports.max_running,
                 "Exports streamed at once (each holds an index handle until its client has read "
                 "it); more get 503")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  app.add_option("--threads", o.config.threads,
                 "Worker threads: one per open connection, so more than a load can hold open")
      ->capture_default_str()
      ->check(CLI::Range(1, 8192));
  app.add_option("--api-keys", o.api_keys_path,
                 "File of API keys, one a line: the data routes then need 'Authorization: Bearer "
                 "KEY' (re-read when it changes)")
      ->check(CLI::ExistingFile);
  app.add_option("--feed-tokens", o.feed_tokens_path,
                 "File of feed tokens, one a line: /feed?token=T is then answered without an API "
                 "key (read-only, /feed alone; re-read when it changes)")
      ->check(CLI::ExistingFile);
  app.add_option("--cors", o.config.cors_origins,
                 "Origin (scheme://host[:port]) allowed to call the API from a browser; repeatable")
      ->take_all()
      ->allow_extra_args(false);
  app.add_option("--allowed-host", o.config.allowed_hosts,
                 "Host name (as in the Host header, without port) answered besides localhost, "
                 "127.0.0.1, [::1] and the --listen host; repeatable (e.g. the name nginx serves)")
      ->take_all()
      ->allow_extra_args(false);
  const std::map<std::string, briefing::http::LogLevel> levels = {
      {"info", briefing::http::LogLevel::info},
      {"warning", briefing::http::LogLevel::warning},
      {"error", briefing::http::LogLevel::error},
      {"off", briefing::http::LogLevel::off}};
  app.add_option("--log-level", o.config.log_level,
                 "Requests the access log on standard error names: info (every one, the "
                 "default), warning (answered 4xx or 5xx), error (5xx), off")
      ->transform(CLI::CheckedTransformer(levels));
  app.add_option("--watches", o.watches_path,
                 "JSON file of saved searches whose new matches are POSTed to their webhooks "
                 "(re-read when it changes); needs --watch-state")
      ->check(CLI::ExistingFile);
  app.add_option(
      "--watch-state", o.watch_state_path,
      "File recording the watches' deliveries, written crash-safely (created if absent)");
}

// What is wrong with the flags CLI11 cannot check, or "" when nothing is.
std::string config_problem(briefing::http::ServerConfig& config) {
  if (config.listen.find(':') == std::string::npos) config.listen = "127.0.0.1:" + config.listen;
  for (const std::string& host : config.allowed_hosts)
    if (briefing::http::authority_host(host).empty())
      return "--allowed-host " + host + " is not a host name";
  for (const std::string& origin : config.cors_origins)
    if (!is_origin(origin))
      return "--cors " + origin + " is not an origin like https://host[:port]";
  return "";
}

void warn_about_exposure(const briefing::http::ServerConfig& config) {
  if (is_loopback(config.listen)) return;
  std::fprintf(stderr, "searchd: warning: listening on %s, beyond loopback%s\n",
               config.listen.c_str(),
               config.api_keys ? ""
                               : ", without --api-keys: anyone who can reach it can read "
                                 "every briefing");
  if (config.allowed_hosts.empty())
    std::fprintf(stderr,
                 "searchd: note: only requests naming localhost, 127.0.0.1, [::1] or the "
                 "--listen host in Host are answered (421 otherwise); add --allowed-host NAME "
                 "for the names clients use\n");
}

// Between signals, once a second: the facet table follows the index as the indexer changes it,
// so searches rarely pay for rebuilding it (about a second per million briefings). SIGHUP calls
// `on_hangup` and goes on; returns the signal that ended the wait.
int serve_until_signal(const sigset_t& signals, briefing::Searcher& searcher,
                       const std::function<void()>& on_hangup) {
  std::string last_problem;
  while (true) {
    const timespec second{1, 0};
    const int received = sigtimedwait(&signals, nullptr, &second);
    if (received == SIGHUP) {
      on_hangup();
      continue;
    }
    if (received >= 0) return received;
    try {
      searcher.warm();
      last_problem.clear();
    } catch (const std::exception& e) {
      if (e.what() != last_problem)
        std::fprintf(stderr, "searchd: cannot refresh the facet table: %s\n", e.what());
      last_problem = e.what();
    }
  }
}

// SIGHUP: the keys and feed tokens files are read again at once.
void reload_secrets(const briefing::http::ServerConfig& config) {
  std::fprintf(stderr, "searchd: SIGHUP: reading the keys files again\n");
  if (config.api_keys) config.api_keys->reload();
  if (config.feed_tokens) config.feed_tokens->reload();
}

int serve(Options& o, const sigset_t& signals) {
  if (!o.api_keys_path.empty())
    o.config.api_keys = std::make_shared<briefing::http::ApiKeys>(o.api_keys_path);
  if (!o.feed_tokens_path.empty())
    o.config.feed_tokens =
        std::make_shared<briefing::http::ApiKeys>(o.feed_tokens_path, "feed tokens");
  briefing::Searcher searcher(o.db_path, o.searcher);
  briefing::http::Server server(o.config);
  briefing::register_routes(server, searcher, o.limits);
  briefing::register_export_routes(server, searcher, o.limits, o.exports);
  briefing::register_web_routes(server, briefing::page_results(searcher, o.limits));
  std::unique_ptr<briefing::watch::WatchRunner> watches;
  if (!o.watches_path.empty()) {
    watches = std::make_unique<briefing::watch::WatchRunner>(searcher, o.watches_path,
                                                             o.watch_state_path);
    briefing::watch::register_watch_routes(server, *watches);
  }
  server.start();
  if (watches) watches->start();
  warn_about_exposure(o.config);
  std::string host = o.config.listen.substr(0, o.config.listen.rfind(':'));
  // Tests start searchd on port 0 and read the port it got from this line.
  std::fprintf(stderr, "searchd: serving %s on http://%s:%d/\n", o.db_path.c_str(), host.c_str(),
               server.port());
  const int received = serve_until_signal(signals, searcher, [&o] { reload_secrets(o.config); });
  std::fprintf(stderr, "searchd: stopping on signal %d\n", received);
  if (watches) watches->stop();
  server.stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Hundreds of worker threads would otherwise spread over up to eight malloc arenas a core, each
  // keeping what its searches freed: measured under a wildcard flood over 5,000 briefings, RSS
  // grew 146 MB with the default and 76 MB with two arenas, at the same request rate.
  mallopt(M_ARENA_MAX, 2);
  Options options;
  CLI::App app{"Serves ranked briefing search over HTTP (JSON API and web page)."};
  add_options(app, options);
  add_hit_options(app, options);
  app.set_version_flag(
      "--version",
      briefing::version_text("searchd", "CivetWeb " + briefing::http::civetweb_version()),
      "Print the version and those of Xapian, ICU and CivetWeb, and exit");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (options.watches_path.empty() != options.watch_state_path.empty()) {
    std::fprintf(stderr, "searchd: --watches and --watch-state go together\n");
    return 2;
  }
  if (std::string problem = config_problem(options.config); !problem.empty()) {
    std::fprintf(stderr, "searchd: %s\n", problem.c_str());
    return 2;
  }
  if (!options.feed_tokens_path.empty() && options.api_keys_path.empty()) {
    std::fprintf(stderr, "searchd: --feed-tokens needs --api-keys (without keys /feed is open)\n");
    return 2;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // worker threads inherit the mask
  try {
    return serve(options, signals);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "searchd: %s\n", e.what());
    return 1;
  }
}
