// Who may call a route (API keys, feed tokens) and which origins may read the answer (CORS):
// the Server's access checks, made before a handler runs and after it answered.
#include "http_server.h"

namespace briefing::http {

namespace {

enum class Credential { api_key, feed_token };

// Says what was wrong, never which key or token was sent.
Response unauthorized(ApiKeys::Verdict verdict, Credential credential) {
  const char* detail = credential == Credential::feed_token ? "unknown feed token"
                       : verdict == ApiKeys::Verdict::missing
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

}  // namespace

std::optional<Response> Server::refuse_unauthorized(Request& request, Access access) const {
  request.authorized = true;
  if (!config_.api_keys || access == Access::open) return std::nullopt;
  auto header = request.headers.find("authorization");
  ApiKeys::Verdict verdict =
      config_.api_keys->check(header == request.headers.end() ? nullptr : &header->second);
  if (verdict == ApiKeys::Verdict::accepted) return std::nullopt;
  request.authorized = false;
  if (access == Access::keyed_or_empty) return std::nullopt;
  // A token is looked at only when no header came, and only against the feed tokens: an API key
  // in a URL would end up in logs and bookmarks.
  const std::string* token = request.first("token");
  if (access == Access::keyed_or_feed_token && token && verdict == ApiKeys::Verdict::missing) {
    if (config_.feed_tokens && config_.feed_tokens->accepts(*token)) {
      request.authorized = true;
      return std::nullopt;
    }
    return unauthorized(ApiKeys::Verdict::unknown, Credential::feed_token);
  }
  return unauthorized(verdict, Credential::api_key);
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
    } else {
      // A script on the allowed origin may read these: the id to quote in an error report, and
      // whether an export was cut at the cap.
      response.headers.emplace_back(
          "Access-Control-Expose-Headers",
          "X-Request-Id, X-Export-Total, X-Export-Count, X-Export-Limit, X-Export-Truncated");
    }
    return;
  }
}

}  // namespace briefing::http
