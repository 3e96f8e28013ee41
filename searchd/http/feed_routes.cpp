// The /feed handler: the search's parameters as /search reads them, the validators from the
// index status, then (only when the reader's copy is stale) the search and its Atom document.
#include "feed_routes.h"

#include <charconv>
#include <ctime>

#include "busy_error.h"
#include "feed_document.h"
#include "feed_validators.h"
#include "timestamp.h"

namespace briefing {
namespace {

// Relative dates (from=-30d) are counted from the start of the hour, so that a feed of the last
// 30 days keeps one ETag for an hour instead of a new one every second.
constexpr std::int64_t kRelativeDateStep = 3600;
// Part of every ETag: a change to what the document looks like must not be answered 304.
constexpr const char* kFeedFormat = "atom-1";

struct FeedQuery {
  SearchRequest search;
  http::Params params;  // the search, as the feed's id, title and page link name it
  int limit = kDefaultFeedEntries;
  std::int64_t anchor = 0;  // what relative dates are counted from
  bool relative = false;    // from or to is relative
};

int entry_limit(const http::Request& request) {
  const std::string* v = request.first("limit");
  const char* name = "limit";
  if (!v && (v = request.first("per_page"))) name = "per_page";
  if (!v) return kDefaultFeedEntries;
  int value = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), value);
  if (ec != std::errc() || end != v->data() + v->size() || value < 1 || value > kMaxFeedEntries)
    throw http::HttpError(400, "Bad request",
                          std::string("parameter '") + name +
                              "': must be a whole number between 1 and " +
                              std::to_string(kMaxFeedEntries));
  return value;
}

// The parameters that select briefings, in a fixed order; the rest (page, sort, facet_limit,
// related) mean nothing to a feed and are passed over.
http::Params search_params(const http::Request& request) {
  http::Params params;
  if (const std::string* q = request.first("q"); q && !q->empty()) params.emplace_back("q", *q);
  for (Facet f : kAllFacets) {
    if (!selected_by_value(f)) continue;
    const std::string name(facet_name(f));
    for (const std::string& v : request.all(name))
      if (!v.empty()) params.emplace_back(name, v);
  }
  for (const char* name : {"from", "to"})
    if (const std::string* v = request.first(name); v && !v->empty()) params.emplace_back(name, *v);
  return params;
}

FeedQuery parse_feed_query(const http::Request& request, const SearchLimits& limits) {
  FeedQuery fq;
  fq.params = search_params(request);
  fq.limit = entry_limit(request);
  const auto now = static_cast<std::int64_t>(std::time(nullptr));
  fq.anchor = now - now % kRelativeDateStep;
  http::Request only_search;
  only_search.params = fq.params;
  fq.search = parse_search_request(only_search, fq.anchor, limits);
  for (const auto& [name, value] : fq.params)
    fq.relative |= (name == "from" || name == "to") && value.front() == '-';
  fq.search.per_page = fq.limit;
  fq.search.page = 1;
  fq.search.sort = SortOrder::kUpdated;
  fq.search.facets = false;
  fq.search.related_per_hit = 0;
  fq.search.relax = false;
  return fq;
}

http::Validators feed_validators(const IndexStatus& status, const FeedQuery& fq,
                                 const std::string& self) {
  auto bound = [](const std::optional<std::int64_t>& t) { return t ? std::to_string(*t) : "-"; };
  http::Validators v;
  v.etag = http::strong_etag({kFeedFormat, status.uuid, status.generation,
                              std::to_string(status.revision), self, std::to_string(fq.limit),
                              bound(fq.search.from), bound(fq.search.to)});
  v.last_modified = parse_timestamp(status.last_change);
  if (fq.relative && (!v.last_modified || *v.last_modified < fq.anchor))
    v.last_modified = fq.anchor;
  return v;
}

http::Response with_validators(http::Response r, const http::Validators& v) {
  r.headers.emplace_back("ETag", v.etag);
  if (v.last_modified) r.headers.emplace_back("Last-Modified", http::http_date(*v.last_modified));
  return r;
}

http::Response feed_response(Searcher& searcher, const SearchLimits& limits,
                             const http::Request& request) {
  const FeedQuery fq = parse_feed_query(request, limits);
  http::FeedPlace place;
  place.base = request.host.empty() ? "" : "http://" + request.host;
  // The self link is the URL as requested, a feed token included, so a reader that follows it
  // keeps its access; it is only ever sent to whoever already holds that URL.
  place.self = place.base + "/feed" + (request.raw_query.empty() ? "" : "?" + request.raw_query);
  place.search = fq.params;
  const http::Validators validators = feed_validators(searcher.status(), fq, place.self);
  http::Response r;
  if (http::not_modified(request.headers, validators)) {
    r.status = 304;
    return with_validators(std::move(r), validators);
  }
  if (validators.last_modified) place.updated = format_timestamp(*validators.last_modified);
  const SearchResult result = unless_busy([&] { return searcher.search(fq.search); });
  r.content_type = "application/atom+xml; charset=utf-8";
  r.body = http::render_atom(http::feed_document(result, place));
  return with_validators(std::move(r), validators);
}

}  // namespace

void register_feed_routes(http::Server& server, Searcher& searcher, const SearchLimits& limits) {
  server.route(
      "GET", "/feed",
      [&searcher, limits](const http::Request& request) {
        return feed_response(searcher, limits, request);
      },
      http::Access::keyed_or_feed_token);
}

}  // namespace briefing
