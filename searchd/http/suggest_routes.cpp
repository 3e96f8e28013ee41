// The /suggest handler: q and limit checked (a caller mistake is a 400 naming the parameter), the
// Searcher asked, the answer written.
#include "suggest_routes.h"

#include <charconv>

#include "json_writer.h"
#include "text_util.h"

namespace briefing {
namespace {

http::HttpError bad(const std::string& name, const std::string& why) {
  return http::HttpError(400, "Bad request", "parameter '" + name + "': " + why);
}

std::size_t suggestion_limit(const http::Request& request) {
  const std::string* v = request.first("limit");
  if (!v) return kDefaultSuggestions;
  std::size_t value = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), value);
  if (ec != std::errc() || end != v->data() + v->size() || value < 1 || value > kMaxSuggestions)
    throw bad("limit", "must be a whole number between 1 and " + std::to_string(kMaxSuggestions));
  return value;
}

const std::string& typed_prefix(const http::Request& request) {
  const std::string* q = request.first("q");
  if (!q) throw bad("q", "is required (the typed prefix)");
  if (q->size() > kMaxSuggestPrefixBytes)
    throw bad("q", "is longer than " + std::to_string(kMaxSuggestPrefixBytes) + " bytes");
  if (invalid_utf8_offset(*q) != std::string_view::npos) throw bad("q", "is not valid UTF-8");
  return *q;
}

}  // namespace

std::string render_suggestions(const std::string& q, const std::vector<Suggestion>& suggestions) {
  std::string out;
  JsonWriter w(out);
  w.begin_object().field("q", q).key("suggestions").begin_array();
  for (const Suggestion& s : suggestions)
    w.begin_object()
        .field("text", s.text)
        .field("kind", suggestion_kind_name(s.kind))
        .field("canonical", s.canonical)
        .field("count", s.count)
        .field("matched", s.matched)
        .end_object();
  w.end_array().end_object();
  return out;
}

void register_suggest_routes(http::Server& server, Searcher& searcher) {
  server.route("GET", "/suggest", [&searcher](const http::Request& request) {
    const std::string& q = typed_prefix(request);
    const std::size_t limit = suggestion_limit(request);
    http::Response r;
    r.body = render_suggestions(q, searcher.suggest(q, limit));
    return r;
  });
}

}  // namespace briefing
