// Route handlers. They never touch Xapian: the Searcher answers with plain structs.
#include "routes.h"

#include <ctime>

#include "busy_error.h"
#include "entity_routes.h"
#include "feed_routes.h"
#include "json_writer.h"
#include "openapi.h"
#include "outlook_routes.h"
#include "query_string.h"
#include "search_params.h"
#include "suggest_routes.h"

namespace briefing {

using nlohmann::json;

namespace {

constexpr std::size_t kRelatedLimit = 10;

SearchResult search_or_busy(Searcher& searcher, const SearchRequest& request) {
  return unless_busy([&] { return searcher.search(request); });
}

http::Response json_response(const json& body) {
  http::Response r;
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

void write_related(JsonWriter& w, const std::vector<RelatedItem>& items) {
  w.begin_array();
  for (const auto& r : items)
    w.begin_object()
        .field("id", r.id)
        .field("title", r.title)
        .field("published", r.published)
        .field("reason", r.reason)
        .end_object();
  w.end_array();
}

void write_hit(JsonWriter& w, const Hit& h) {
  w.begin_object()
      .field("id", h.id)
      .field("title", h.title)
      .field("published", h.published)
      .field("url", h.url)
      .field("score", h.score)
      .field("snippet", h.snippet)
      .field("series", h.series)
      .field("status", h.status);
  w.key("actors").strings(h.actors);
  w.key("vendors").strings(h.vendors);
  w.key("regions").strings(h.regions);
  w.key("related");
  write_related(w, h.related);
  w.field("similar_count", h.similar_count);
  w.key("similar").begin_array();
  for (const SimilarItem& s : h.similar)
    w.begin_object()
        .field("id", s.id)
        .field("title", s.title)
        .field("published", s.published)
        .end_object();
  w.end_array();
  w.end_object();
}

// "/briefings/{id}", "/briefings/{id}/related" and "/briefings/{id}/thread", read off the path
// as sent: a '/' in an id arrives as %2F, so "/briefings/a%2Frelated" is the briefing
// "a/related" and "/briefings/a/related" is a's related list.
enum class BriefingPart { kBriefing, kRelated, kThread };

struct BriefingPath {
  std::string id;
  BriefingPart part = BriefingPart::kBriefing;
};

BriefingPath briefing_path(const http::Request& request) {
  // After the first segment, which decodes to "briefings" ("/briefing%73/x" is the same path).
  std::size_t slash = request.raw_path.find('/', 1);
  if (slash == std::string::npos)
    throw http::HttpError(404, "Not found", "no briefing id in " + request.path);
  std::string raw = request.raw_path.substr(slash + 1);
  BriefingPath out;
  for (const auto& [suffix, part] :
       {std::pair<std::string_view, BriefingPart>{"/related", BriefingPart::kRelated},
        {"/thread", BriefingPart::kThread}}) {
    if (raw.size() > suffix.size() &&
        raw.compare(raw.size() - suffix.size(), suffix.size(), suffix) == 0) {
      raw.resize(raw.size() - suffix.size());
      out.part = part;
      break;
    }
  }
  http::url_decode(raw, out.id, false);  // the whole path decoded already, so this cannot fail
  if (out.id.empty()) throw http::HttpError(404, "Not found", "no briefing id in " + request.path);
  return out;
}

void write_thread(JsonWriter& w, const std::vector<ThreadItem>& items) {
  w.begin_array();
  for (const ThreadItem& t : items)
    w.begin_object()
        .field("id", t.id)
        .field("title", t.title)
        .field("published", t.published)
        .field("update", t.update)
        .end_object();
  w.end_array();
}

}  // namespace

std::string render_search_result(const SearchResult& result, bool ascii_only) {
  std::string out;
  out.reserve(16384);
  JsonWriter w(out, ascii_only);
  w.begin_object()
      .field("total", result.total)
      .field("total_exact", result.total_exact)
      .field("facets_exact", result.facets_exact)
      .field("timed_out", result.timed_out)
      .field("page", result.page)
      .field("per_page", result.per_page)
      .field("took_ms", result.took_ms);
  w.key("suggestion");
  if (result.suggestion)
    w.value(*result.suggestion);
  else
    w.null();
  w.key("relaxed").begin_array();
  for (const std::string& word : result.relaxed) w.value(word);
  w.end_array();
  w.key("hits").begin_array();
  for (const Hit& h : result.hits) write_hit(w, h);
  w.end_array();
  w.key("facets").begin_object();
  for (const FacetCounts& f : result.facets) {
    w.key(facet_name(f.facet)).begin_array();
    for (const auto& v : f.values)
      w.begin_object()
          .field("value", v.value)
          .field("label", v.label)
          .field("count", v.count)
          .end_object();
    w.end_array();
  }
  w.end_object().end_object();
  return out;
}

std::function<std::string(const http::Request&)> page_results(Searcher& searcher,
                                                              const SearchLimits& limits) {
  return [&searcher, limits](const http::Request& request) -> std::string {
    if (!request.authorized) return "";
    try {
      SearchRequest search =
          parse_search_request(request, static_cast<std::int64_t>(std::time(nullptr)), limits);
      std::string out;
      JsonWriter(out, true).begin_object().field("query", request.raw_query).key("data");
      out += render_search_result(search_or_busy(searcher, search), true);
      out += '}';
      return out;
    } catch (const http::HttpError&) {
      return "";  // the page asks /search itself, which says what is wrong
    }
  };
}

namespace {

http::Response health_response(Searcher& searcher) {
  IndexStatus s = searcher.status();
  return json_response(
      {{"status", "ok"},
       {"documents", s.documents},
       {"revision", s.revision},
       {"schema_version", s.schema_version},
       {"generation", s.generation.empty() ? json(nullptr) : json(s.generation)},
       {"uuid", s.uuid},
       {"last_change", s.last_change.empty() ? json(nullptr) : json(s.last_change)},
       {"facet_table_revision",
        s.facet_table_revision ? json(*s.facet_table_revision) : json(nullptr)}});
}

http::HttpError no_briefing(const std::string& id) {
  return http::HttpError(404, "Not found", "no briefing with id '" + id + "'");
}

// /briefings/{id}: the stored canonical JSON; /briefings/{id}/related: its related events;
// /briefings/{id}/thread: the story it is part of.
http::Response briefing_response(Searcher& searcher, const http::Request& request) {
  BriefingPath p = briefing_path(request);
  http::Response r;
  if (p.part == BriefingPart::kRelated) {
    auto items = searcher.related(p.id, kRelatedLimit);
    if (!items) throw no_briefing(p.id);
    JsonWriter w(r.body);
    w.begin_object().field("id", p.id).key("related");
    write_related(w, *items);
    w.end_object();
    return r;
  }
  if (p.part == BriefingPart::kThread) {
    auto items = searcher.thread(p.id);
    if (!items) throw no_briefing(p.id);
    JsonWriter w(r.body);
    w.begin_object().field("id", p.id).key("thread");
    write_thread(w, *items);
    w.end_object();
    return r;
  }
  auto stored = searcher.briefing_json(p.id);
  if (!stored) throw no_briefing(p.id);
  r.body = std::move(*stored);  // already canonical JSON
  return r;
}

http::Response metrics_response(Searcher& searcher, http::Server& server) {
  IndexStatus s = searcher.status();
  std::string gauges =
      "# HELP searchd_index_documents Briefings in the index.\n"
      "# TYPE searchd_index_documents gauge\n"
      "searchd_index_documents " +
      std::to_string(s.documents) +
      "\n"
      "# HELP searchd_index_revision Revision of the index being served.\n"
      "# TYPE searchd_index_revision gauge\n"
      "searchd_index_revision " +
      std::to_string(s.revision) + "\n";
  http::Response r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = server.metrics().render(gauges);
  return r;
}

}  // namespace

void register_routes(http::Server& server, Searcher& searcher, const SearchLimits& limits) {
  server.route(
      "GET", "/healthz", [&searcher](const http::Request&) { return health_response(searcher); },
      http::Access::open);
  server.route("GET", "/search", [&searcher, limits](const http::Request& request) {
    SearchRequest search =
        parse_search_request(request, static_cast<std::int64_t>(std::time(nullptr)), limits);
    http::Response r;
    r.body = render_search_result(search_or_busy(searcher, search));
    return r;
  });
  server.route("GET", "/briefings/", [&searcher](const http::Request& request) {
    return briefing_response(searcher, request);
  });
  register_feed_routes(server, searcher, limits);
  register_outlook_routes(server, searcher, limits);
  register_entity_routes(server, searcher);
  register_suggest_routes(server, searcher);
  server.route("GET", "/metrics", [&searcher, &server](const http::Request&) {
    return metrics_response(searcher, server);
  });
  server.route(
      "GET", "/openapi.json",
      [](const http::Request&) {
        http::Response r;
        r.body = openapi_document();
        return r;
      },
      http::Access::open);
}

}  // namespace briefing
