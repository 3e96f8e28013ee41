// CivetWeb glue: request conversion, routing, security headers, and the one place where handler
// exceptions become problem documents.
#include "http_server.h"

#include "query_string.h"

#include <civetweb.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace briefing::http {

std::vector<std::string> Request::all(const std::string& name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : params)
    if (k == name) out.push_back(v);
  return out;
}

const std::string* Request::first(const std::string& name) const {
  for (const auto& [k, v] : params)
    if (k == name) return &v;
  return nullptr;
}

Response problem(int status, const std::string& title, const std::string& detail) {
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = nlohmann::json{
      {"type", "about:blank"},
      {"status", status},
      {"title", title},
      {"detail",
       detail}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

namespace {

const char* status_text(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return status < 500 ? "Bad Request" : "Internal Server Error";
  }
}

void send(mg_connection* conn, const Response& response) {
  std::string head =
      "HTTP/1.1 " + std::to_string(response.status) + " " + status_text(response.status);
  if (response.status != 204)  // a 204 has neither body nor Content-Length (RFC 9110 8.6)
    head += "\r\nContent-Type: " + response.content_type +
            "\r\nContent-Length: " + std::to_string(response.body.size());
  head +=
      "\r\nX-Content-Type-Options: nosniff"
      "\r\nContent-Security-Policy: default-src 'self'; script-src 'self'; "
      "style-src 'self'; img-src 'self' data:; object-src 'none'; "
      "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
      "\r\nReferrer-Policy: no-referrer"
      "\r\nCache-Control: no-store";
  for (const auto& [name, value] : response.headers) head += "\r\n" + name + ": " + value;
  head += "\r\n\r\n";
  // One write: a separate small body write waits on Nagle and delayed ACK (40 ms on loopback).
  head += response.body;
  mg_write(conn, head.data(), head.size());
}

int request_handler(mg_connection* conn, void* server) {
  return static_cast<Server*>(server)->handle(conn);
}

int http_error(mg_connection* conn, int status, const char* message) {
  auto* server = static_cast<Server*>(mg_get_user_data(mg_get_context(conn)));
  return server->handle_error(conn, status, message);
}

}  // namespace

Server::Server(ServerConfig config) : config_(std::move(config)) {}

Server::~Server() {
  stop();
}

void Server::route(std::string method, std::string path, Handler handler, Access access) {
  routes_.push_back({std::move(method), std::move(path), std::move(handler), access});
}

std::optional<Response> Server::refuse_unauthorized(Request& request, Access access) const {
  request.authorized = true;
  if (!config_.api_keys || access == Access::open) return std::nullopt;
  auto header = request.headers.find("authorization");
  ApiKeys::Verdict verdict =
      config_.api_keys->check(header == request.headers.end() ? nullptr : &header->second);
  if (verdict == ApiKeys::Verdict::accepted) return std::nullopt;
  request.authorized = false;
  if (access == Access::keyed_or_empty) return std::nullopt;
  // Says what was wrong, never which key was sent.
  const char* detail = verdict == ApiKeys::Verdict::missing
                           ? "no Authorization header: send 'Authorization: Bearer KEY'"
                       : verdict == ApiKeys::Verdict::malformed
                           ? "the Authorization header is not 'Bearer KEY'"
                           : "unknown API key";
  Response r = problem(401, "Unauthorized", detail);
  r.headers.emplace_back("WWW-Authenticate",
                         verdict == ApiKeys::Verdict::unknown
                             ? "Bearer realm=\"searchd\", error=\"invalid_token\""
                             : "Bearer realm=\"searchd\"");
  return r;
}

void Server::add_cors(const Request& request, Response& response) const {
  auto origin = request.headers.find("origin");
  if (origin == request.headers.end()) return;
  for (const std::string& allowed : config_.cors_origins) {
    if (origin->second != allowed) continue;
    response.headers.emplace_back("Access-Control-Allow-Origin", allowed);
    response.headers.emplace_back("Vary", "Origin");
    if (request.method == "OPTIONS" && response.status == 204) {
      response.headers.emplace_back("Access-Control-Allow-Methods", "GET");
      response.headers.emplace_back("Access-Control-Allow-Headers", "Authorization");
      response.headers.emplace_back("Access-Control-Max-Age", "600");
    }
    return;
  }
}

Response Server::dispatch(Request& request, std::string& route) const {
  bool path_known = false;
  route = "unmatched";
  for (const Route& r : routes_) {
    bool match = r.path.back() == '/' && r.path.size() > 1
                     ? request.path.compare(0, r.path.size(), r.path) == 0
                     : request.path == r.path;
    if (!match) continue;
    path_known = true;
    route = r.path;
    // A CORS preflight: browsers send it without credentials, so it needs no key.
    if (request.method == "OPTIONS" && !config_.cors_origins.empty() && r.access != Access::open) {
      Response preflight;  // add_cors adds the Access-Control headers for an allowed origin
      preflight.status = 204;
      return preflight;
    }
    if (r.method == request.method || (r.method == "GET" && request.method == "HEAD")) {
      if (auto refusal = refuse_unauthorized(request, r.access)) return *refusal;
      return r.handler(request);
    }
  }
  if (path_known)
    throw HttpError(405, "Method not allowed",
                    request.method + " is not allowed on " + request.path);
  throw HttpError(404, "Not found", "no resource at " + request.path);
}

int Server::handle(mg_connection* conn) {
  const auto started = std::chrono::steady_clock::now();
  const mg_request_info* info = mg_get_request_info(conn);
  Response response;
  Request request;
  std::string route = "unmatched";
  try {
    request.method = info->request_method ? info->request_method : "";
    request.path = info->local_uri_raw ? info->local_uri_raw : "";
    for (int i = 0; i < info->num_headers; ++i) {
      std::string name = info->http_headers[i].name;
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request.headers[name] = info->http_headers[i].value;
    }
    request.raw_query = info->query_string ? info->query_string : "";
    request.params = parse_query_string(request.raw_query);
    response = dispatch(request, route);
  } catch (const HttpError& e) {
    response = problem(e.status(), e.title(), e.what());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "searchd: %s %s failed: %s\n", request.method.c_str(),
                 request.path.c_str(), e.what());
    response =
        problem(500, "Internal server error", "the server failed to answer; the fault is logged");
  }
  if (request.method == "HEAD") response.body.clear();
  add_cors(request, response);
  send(conn, response);
  metrics_.record(
      route, response.status,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return response.status;  // non-zero: the request is handled
}

int Server::handle_error(mg_connection* conn, int status, const char* message) {
  Response response = problem(status, status_text(status), message ? message : "request refused");
  metrics_.record("refused", status, 0);
  response.headers.emplace_back("Connection", "close");
  send(conn, response);
  return 0;  // handled: CivetWeb sends nothing of its own
}

void Server::start() {
  std::string threads = std::to_string(config_.threads);
  std::string timeout = std::to_string(config_.request_timeout_ms);
  // Plain HTTP only: Debian's libcivetweb 1.15 crashes on the first HTTPS connection under
  // OpenSSL 3, so TLS is nginx's job (deploy/nginx/searchd.conf; README, "TLS, through nginx").
  // CivetWeb answers CORS preflights itself, allowing "*", unless the access_control options are
  // empty: CORS is ours (config_.cors_origins, add_cors).
  // clang-format off
  const char* options[] = {
      "listening_ports", config_.listen.c_str(),
      "num_threads", threads.c_str(),
      "request_timeout_ms", timeout.c_str(),
      "enable_directory_listing", "no",
      "enable_keep_alive", "yes",
      "keep_alive_timeout_ms", "5000",
      "access_control_allow_origin", "",
      "access_control_allow_methods", "",
      "access_control_allow_headers", "",
      nullptr};
  // clang-format on
  mg_callbacks callbacks{};
  callbacks.http_error = http_error;
  mg_init_library(0);
  context_ = mg_start(&callbacks, this, options);
  if (!context_) throw std::runtime_error("cannot listen on " + config_.listen);
  // One registered handler for every path; routing is ours, so CivetWeb never serves files.
  mg_set_request_handler(context_, "/", request_handler, this);
}

void Server::stop() {
  if (context_) {
    mg_stop(context_);
    context_ = nullptr;
  }
}

int Server::port() const {
  if (!context_) return 0;
  mg_server_port ports[4];
  int n = mg_get_server_ports(context_, 4, ports);
  return n > 0 ? ports[0].port : 0;
}

}  // namespace briefing::http
