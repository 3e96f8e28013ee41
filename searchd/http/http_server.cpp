// CivetWeb glue: request conversion, routing, security headers, and the one place where handler
// exceptions become problem documents.
#include "http_server.h"

#include "connection_output.h"
#include "query_string.h"
#include "request_id.h"
#include "text_util.h"

#include <civetweb.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
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

// Header lines as sent, duplicates kept. CivetWeb parses the head in place, turning the spaces
// between a name and its colon into NUL bytes as it drops them: more than one NUL between the
// end of the name and its value (the colon's own) means there were some.
std::vector<HeaderLine> header_lines(const mg_request_info& info) {
  std::vector<HeaderLine> lines;
  for (int i = 0; i < info.num_headers; ++i) {
    const mg_header& h = info.http_headers[i];
    HeaderLine line{h.name, h.value};
    const char* end = h.name + line.name.size();
    int nuls = 0;
    for (const char* at = end; at < h.value && nuls < 2; ++at) nuls += *at == '\0';
    line.space_before_colon = h.value > end && nuls > 1;
    lines.push_back(std::move(line));
  }
  return lines;
}

// The request as the handlers see it; throws HttpError(400) for a malformed target or Host.
Request read_request(const mg_request_info& info, bool query_split,
                     const std::vector<HeaderLine>& lines) {
  Request request;
  request.method = info.request_method ? info.request_method : "";
  std::string target = info.request_uri ? info.request_uri : "";
  if (query_split && info.query_string) target += std::string("?") + info.query_string;
  std::optional<Target> parts = split_target(target);
  if (!parts)
    throw HttpError(400, "Bad request",
                    "the request target is neither a path nor an absolute http URL");
  request.raw_path = parts->raw_path;
  request.raw_query = parts->raw_query;
  if (!url_decode(request.raw_path, request.path, false))
    throw HttpError(400, "Bad request", "malformed percent-encoding in the path");
  for (const HeaderLine& line : lines) {
    request.headers[ascii_lower(line.name)] = line.value;
  }
  auto host = request.headers.find("host");
  const bool http_1_0 = info.http_version && std::strcmp(info.http_version, "1.0") == 0;
  if (host == request.headers.end() && !http_1_0)
    throw HttpError(400, "Bad request", "an HTTP/1.1 request needs a Host header");
  // RFC 9112 3.2.2: the authority of an absolute-form target stands for Host.
  request.host = !parts->authority.empty()       ? parts->authority
                 : host != request.headers.end() ? host->second
                                                 : "";
  request.params = parse_query_string(request.raw_query);
  return request;
}

// The X-Request-Id the client (a proxy in front) sent, if any.
const std::string* sent_request_id(const std::vector<HeaderLine>& lines) {
  for (const HeaderLine& line : lines)
    if (ascii_lower(line.name) == "x-request-id") return &line.value;
  return nullptr;
}

// The log's view of a request as it arrives, from what CivetWeb read: a request that could not
// be read (a framing fault) is logged as sent.
AccessEntry arrived(const mg_request_info& info, bool query_split, const std::string& request_id) {
  AccessEntry entry;
  entry.at = std::chrono::system_clock::now();
  entry.client = info.remote_addr;
  entry.method = info.request_method ? info.request_method : "-";
  std::string target = info.request_uri ? info.request_uri : "-";
  if (query_split && info.query_string) target += std::string("?") + info.query_string;
  // Unsplit targets carry their query too: cut at the first '?' so its secrets are removed.
  const std::size_t question = target.find('?');
  entry.raw_path = target.substr(0, question);
  if (question != std::string::npos) entry.raw_query = target.substr(question + 1);
  entry.request_id = request_id;
  return entry;
}

int request_handler(mg_connection* conn, void* server) {
  return static_cast<Server*>(server)->handle(conn);
}

int http_error(mg_connection* conn, int status, const char* message) {
  auto* server = static_cast<Server*>(mg_get_user_data(mg_get_context(conn)));
  return server->handle_error(conn, status, message);
}

// What we keep about one connection, in CivetWeb's per-connection slot (freed as it closes).
struct ConnectionState {
  int requests = 0;                  // answered on it so far
  bool refused_by_civetweb = false;  // through http_error; CivetWeb then always closes
};

// Requests answered on one connection before it is closed: a client that pipelines requests and
// reads the answers a byte at a time holds its thread for at most this many answers, which fit
// in the kernel's socket buffers (nginx's keepalive_requests does the same).
constexpr int kRequestsPerConnection = 100;

ConnectionState& connection_state(mg_connection* conn) {
  auto* state = static_cast<ConnectionState*>(mg_get_user_connection_data(conn));
  if (!state) {
    state = new ConnectionState;
    mg_set_user_connection_data(conn, state);
  }
  return *state;
}

// CivetWeb passes a const connection to say "do not write"; but the socket is still open here
// (it is closed right after), and this is the one place left to answer an unrouted request.
void connection_close(const mg_connection* conn) {
  auto* server = static_cast<Server*>(mg_get_user_data(mg_get_context(conn)));
  server->handle_unrouted(const_cast<mg_connection*>(conn));
  delete static_cast<ConnectionState*>(mg_get_user_connection_data(conn));
  mg_set_user_connection_data(conn, nullptr);
}

}  // namespace

Server::Server(ServerConfig config)
    : config_(std::move(config)),
      hosts_(config_.listen, config_.allowed_hosts),
      // systemd sets JOURNAL_STREAM when standard error is the journal.
      access_log_(config_.log_level, stderr, std::getenv("JOURNAL_STREAM") != nullptr) {}

Server::~Server() {
  stop();
}

void Server::route(std::string method, std::string path, Handler handler, Access access) {
  routes_.push_back({std::move(method), std::move(path), std::move(handler), access});
}

bool Server::matches(const Route& r, const std::string& path) {
  return r.path.back() == '/' && r.path.size() > 1 ? path.compare(0, r.path.size(), r.path) == 0
                                                   : path == r.path;
}

Response Server::dispatch(Request& request, std::string& route) const {
  bool path_known = false;
  route = "unmatched";
  for (const Route& r : routes_) {
    if (!matches(r, request.path)) continue;
    path_known = true;
    route = r.path;
    // A CORS preflight: browsers send it without credentials, so it needs no key.
    const bool preflight =
        request.method == "OPTIONS" && !config_.cors_origins.empty() && r.access != Access::open;
    if (!preflight && request.method != r.method &&
        !(r.method == "GET" && request.method == "HEAD"))
      continue;
    // Nothing of ours for a name we do not serve: a page on another site whose name was made to
    // resolve to this address (DNS rebinding) reads nothing, not even /healthz.
    // (An HTTP/1.0 request may come without Host; a browser always sends one.)
    if (!request.host.empty() && !hosts_.allows(request.host))
      throw HttpError(421, "Misdirected request",
                      "Host '" + request.host +
                          "' is not a name of this server (start searchd with --allowed-host " +
                          "NAME to serve it)");
    if (preflight) {
      Response answer;  // add_cors adds the Access-Control headers for an allowed origin
      answer.status = 204;
      return answer;
    }
    if (auto refusal = refuse_unauthorized(request, r.access)) return *refusal;
    return r.handler(request);
  }
  if (path_known) return method_not_allowed(request);
  throw HttpError(404, "Not found", "no resource at " + request.path);
}

Response Server::method_not_allowed(const Request& request) const {
  std::string allow = "GET, HEAD";
  for (const Route& r : routes_)
    if (matches(r, request.path) && r.access != Access::open && !config_.cors_origins.empty())
      allow = "GET, HEAD, OPTIONS";
  Response r = problem(405, "Method not allowed",
                       request.method + " is not allowed on " + request.path + "; use " + allow);
  r.headers.emplace_back("Allow", allow);
  return r;
}

int Server::handle(mg_connection* conn) {
  return serve(conn, true);
}

void Server::handle_unrouted(mg_connection* conn) {
  const mg_request_info* info = mg_get_request_info(conn);
  if (!info->request_method || !info->request_uri || info->local_uri_raw ||
      connection_state(conn).refused_by_civetweb)
    return;
  serve(conn, false);
}

int Server::serve(mg_connection* conn, bool query_split) {
  const auto started = std::chrono::steady_clock::now();
  const mg_request_info* info = mg_get_request_info(conn);
  Response response;
  Request request;
  std::string route = "unmatched";
  const std::vector<HeaderLine> lines = header_lines(*info);
  const std::string request_id = request_id_for(sent_request_id(lines));
  AccessEntry logged = arrived(*info, query_split, request_id);
  const std::optional<HttpError> fault = framing_error(lines);
  try {
    if (fault) throw *fault;
    request = read_request(*info, query_split, lines);
    response = dispatch(request, route);
  } catch (const HttpError& e) {
    response = problem(e.status(), e.title(), e.detail());
    if (e.status() == 503) response.headers.emplace_back("Retry-After", "1");  // a busy moment
  } catch (const std::exception& e) {
    std::fprintf(stderr, "searchd: request %s failed: %s\n", request_id.c_str(), e.what());
    response =
        problem(500, "Internal server error", "the server failed to answer; the fault is logged");
  }
  // After a framing fault the rest of the stream cannot be trusted to be the next request; a
  // body we never read is not waited for; a request CivetWeb did not route is its last; and a
  // connection serves kRequestsPerConnection requests at most.
  if (fault || has_body(lines) || !query_split ||
      ++connection_state(conn).requests >= kRequestsPerConnection)
    response.close = true;
  if (request.method == "HEAD") {
    response.body.clear();
    response.stream = nullptr;  // a streamed answer's head alone then says Content-Length: 0
  }
  add_cors(request, response);
  stamp_request_id(response, request_id);
  response.headers.emplace_back("X-Request-Id", request_id);
  logged.bytes = send(conn, response);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.record(route, response.status, seconds);
  logged.status = response.status;
  logged.milliseconds = seconds * 1000;
  access_log_.write(logged);
  return response.status;  // non-zero: the request is handled
}

int Server::handle_error(mg_connection* conn, int status, const char* message) {
  connection_state(conn).refused_by_civetweb = true;
  Response response = problem(status, status_text(status), message ? message : "request refused");
  const std::string request_id = request_id_for(nullptr);
  stamp_request_id(response, request_id);
  response.headers.emplace_back("X-Request-Id", request_id);
  metrics_.record("refused", status, 0);
  response.close = true;
  // What CivetWeb could read of the request, if anything (a head too large is not parsed).
  AccessEntry logged = arrived(*mg_get_request_info(conn), true, request_id);
  logged.bytes = send(conn, response);
  logged.status = status;
  access_log_.write(logged);
  return 0;  // handled: CivetWeb sends nothing of its own
}

void Server::start() {
  std::string threads = std::to_string(config_.threads);
  std::string timeout = std::to_string(config_.request_timeout_ms);
  std::string keep_alive = std::to_string(config_.keep_alive_timeout_ms);
  // Plain HTTP only: Debian's libcivetweb 1.15 crashes on the first HTTPS connection under
  // OpenSSL 3, so TLS is nginx's job (deploy/nginx/searchd.conf; README, "TLS, through nginx").
  // CivetWeb answers CORS preflights itself, allowing "*", unless the access_control options are
  // empty: CORS is ours (config_.cors_origins, add_cors). The path reaches us still encoded
  // (decode_url): "/briefings/a%2Frelated" is the briefing "a/related", and a %00 is kept. An
  // absolute-form target on our port is routed whatever its host (the Host check is ours).
  // linger_timeout_ms stays unset: no SO_LINGER, so closing never blocks a worker.
  // clang-format off
  const char* options[] = {
      "listening_ports", config_.listen.c_str(),
      "num_threads", threads.c_str(),
      "request_timeout_ms", timeout.c_str(),
      "enable_directory_listing", "no",
      "enable_keep_alive", "yes",
      "keep_alive_timeout_ms", keep_alive.c_str(),
      "listen_backlog", "1024",
      "decode_url", "no",
      "enable_auth_domain_check", "no",
      "access_control_allow_origin", "",
      "access_control_allow_methods", "",
      "access_control_allow_headers", "",
      nullptr};
  // clang-format on
  mg_callbacks callbacks{};
  callbacks.http_error = http_error;
  callbacks.connection_close = connection_close;
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

std::string civetweb_version() {
  return mg_version();
}

}  // namespace briefing::http
