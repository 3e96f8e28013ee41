#include "outlook_routes.h"

#include <algorithm>
#include <charconv>
#include <ctime>

#include "busy_error.h"
#include "json_writer.h"

namespace briefing {

namespace {

template <class T>
std::optional<T> named_param(const http::Request& r, const std::string& name,
                             std::optional<T> (*lookup)(std::string_view), const char* allowed) {
  const std::string* v = r.first(name);
  if (!v || v->empty()) return std::nullopt;
  std::optional<T> value = lookup(*v);
  if (!value) throw bad_parameter(name, *v, std::string("must be ") + allowed);
  return value;
}

std::optional<double> probability_param(const http::Request& r) {
  const std::string* v = r.first("min_probability");
  if (!v || v->empty()) return std::nullopt;
  double p = -1;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), p);
  if (ec != std::errc() || end != v->data() + v->size() || !(p >= 0 && p <= 1))
    throw bad_parameter("min_probability", *v, "must be a number from 0 to 1");
  return p;
}

OutlookOrder order_param(const http::Request& r) {
  const std::string* v = r.first("sort");
  if (!v || v->empty() || *v == "probability") return OutlookOrder::kProbability;
  if (*v == "date") return OutlookOrder::kDate;
  throw bad_parameter("sort", *v, "must be 'probability' or 'date'");
}

std::string render_outlook(const OutlookResult& result) {
  std::string out;
  JsonWriter w(out);
  w.begin_object()
      .field("total", result.total)
      .field("page", result.page)
      .field("per_page", result.per_page)
      .field("took_ms", result.took_ms);
  w.key("items").begin_array();
  for (const OutlookHit& item : result.items) {
    w.begin_object()
        .field("id", item.id)
        .field("title", item.title)
        .field("published", item.published)
        .field("kind", item.kind)
        .field("horizon", item.horizon);
    w.key("probability");
    if (item.probability)
      w.value(*item.probability);
    else
      w.null();
    w.field("text", item.text).end_object();
  }
  w.end_array().end_object();
  return out;
}

}  // namespace

OutlookRequest parse_outlook_request(const http::Request& request, std::int64_t now,
                                     const SearchLimits& limits) {
  // /search's own sort means something else; the rest it reads as for a search.
  http::Request search = request;
  std::erase_if(search.params, [](const auto& p) { return p.first == "sort"; });
  OutlookRequest out;
  out.search = parse_search_request(search, now, limits);
  out.search.relax = false;
  out.kind = named_param<OutlookKind>(request, "kind", outlook_kind_named,
                                      "'risk', 'opportunity' or 'precedent'");
  out.horizon = named_param<OutlookHorizon>(request, "horizon", outlook_horizon_named,
                                            "'short', 'medium' or 'long'");
  out.min_probability = probability_param(request);
  out.order = order_param(request);
  return out;
}

void register_outlook_routes(http::Server& server, Searcher& searcher, const SearchLimits& limits) {
  server.route("GET", "/outlook", [&searcher, limits](const http::Request& request) {
    const OutlookRequest outlook =
        parse_outlook_request(request, static_cast<std::int64_t>(std::time(nullptr)), limits);
    http::Response r;
    r.body = render_outlook(unless_busy([&] { return searcher.outlook(outlook); }));
    return r;
  });
}

}  // namespace briefing
