// Route handlers. They never touch Xapian: the Searcher answers with plain structs.
#include "routes.h"

#include <ctime>

#include "openapi.h"
#include "search_params.h"

namespace briefing {

using nlohmann::json;

namespace {

constexpr std::size_t kRelatedLimit = 10;

http::Response json_response(const json& body) {
  http::Response r;
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

json render_related(const std::vector<RelatedItem>& items) {
  json out = json::array();
  for (const auto& r : items)
    out.push_back(
        {{"id", r.id}, {"title", r.title}, {"published", r.published}, {"reason", r.reason}});
  return out;
}

json render_hit(const Hit& h) {
  return {{"id", h.id},           {"title", h.title},     {"published", h.published},
          {"url", h.url},         {"score", h.score},     {"snippet", h.snippet},
          {"series", h.series},   {"status", h.status},   {"actors", h.actors},
          {"vendors", h.vendors}, {"regions", h.regions}, {"related", render_related(h.related)}};
}

// "/briefings/{id}" and "/briefings/{id}/related": the id may hold any character but '/' ends it
// only before "related".
struct BriefingPath {
  std::string id;
  bool related = false;
};

BriefingPath briefing_path(const std::string& path) {
  static const std::string kPrefix = "/briefings/", kRelated = "/related";
  BriefingPath out;
  out.id = path.substr(kPrefix.size());
  if (out.id.size() > kRelated.size() &&
      out.id.compare(out.id.size() - kRelated.size(), kRelated.size(), kRelated) == 0) {
    out.id.resize(out.id.size() - kRelated.size());
    out.related = true;
  }
  if (out.id.empty()) throw http::HttpError(404, "Not found", "no briefing id in " + path);
  return out;
}

}  // namespace

json render_search_result(const SearchResult& result) {
  json hits = json::array();
  for (const Hit& h : result.hits) hits.push_back(render_hit(h));
  json facets = json::object();
  for (const FacetCounts& f : result.facets) {
    json values = json::array();
    for (const auto& v : f.values)
      values.push_back({{"value", v.value}, {"label", v.label}, {"count", v.count}});
    facets[facet_name(f.facet)] = std::move(values);
  }
  return {{"total", result.total},
          {"total_exact", result.total_exact},
          {"facets_exact", result.facets_exact},
          {"timed_out", result.timed_out},
          {"page", result.page},
          {"per_page", result.per_page},
          {"took_ms", result.took_ms},
          {"suggestion", result.suggestion ? json(*result.suggestion) : json(nullptr)},
          {"hits", std::move(hits)},
          {"facets", std::move(facets)}};
}

void register_routes(http::Server& server, Searcher& searcher, const SearchLimits& limits) {
  server.route(
      "GET", "/healthz",
      [&searcher](const http::Request&) {
        IndexStatus s = searcher.status();
        return json_response(
            {{"status", "ok"},
             {"documents", s.documents},
             {"revision", s.revision},
             {"schema_version", s.schema_version},
             {"last_change", s.last_change.empty() ? json(nullptr) : json(s.last_change)}});
      },
      http::Access::open);

  server.route("GET", "/search", [&searcher, limits](const http::Request& request) {
    SearchRequest search =
        parse_search_request(request, static_cast<std::int64_t>(std::time(nullptr)), limits);
    return json_response(render_search_result(searcher.search(search)));
  });

  // The search page's first results, as a script (see web_routes.cpp): the same answer as
  // /search, or null when the parameters are wrong (the page then asks /search and shows why).
  // A <script> tag sends no Authorization header: without a valid key this is null too (never a
  // 401, which would be a script error), and the page asks /search, which asks for the key.
  server.route(
      "GET", "/initial.js",
      [&searcher, limits](const http::Request& request) {
        http::Response r;
        r.content_type = "text/javascript; charset=utf-8";
        json initial = nullptr;
        if (request.authorized) {
          try {
            SearchRequest search = parse_search_request(
                request, static_cast<std::int64_t>(std::time(nullptr)), limits);
            initial = {{"query", request.raw_query},
                       {"data", render_search_result(searcher.search(search))}};
          } catch (const http::HttpError&) {
          }
        }
        // ASCII-only JSON is a valid JavaScript expression (no raw U+2028/U+2029).
        r.body = "window.briefingInitial = " +
                 initial.dump(-1, ' ', true, json::error_handler_t::replace) + ";\n";
        return r;
      },
      http::Access::keyed_or_empty);

  server.route("GET", "/briefings/", [&searcher](const http::Request& request) {
    BriefingPath p = briefing_path(request.path);
    if (p.related) {
      auto items = searcher.related(p.id, kRelatedLimit);
      if (!items) throw http::HttpError(404, "Not found", "no briefing with id '" + p.id + "'");
      return json_response({{"id", p.id}, {"related", render_related(*items)}});
    }
    auto stored = searcher.briefing_json(p.id);
    if (!stored) throw http::HttpError(404, "Not found", "no briefing with id '" + p.id + "'");
    http::Response r;
    r.body = std::move(*stored);  // already canonical JSON
    return r;
  });

  server.route("GET", "/metrics", [&searcher, &server](const http::Request&) {
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
