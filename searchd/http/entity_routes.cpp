#include "entity_routes.h"

#include "json_writer.h"
#include "query_string.h"

namespace briefing {

namespace {

struct EntityPath {
  Facet kind;
  std::string name;
};

// "/entities/{kind}/{name}" as sent: a '/' inside a name arrives as %2F, so only the first raw
// '/' after the kind separates.
EntityPath entity_path(const http::Request& request) {
  static const std::string kPrefix = "/entities/";
  const std::string raw =
      request.raw_path.substr(std::min(request.raw_path.size(), kPrefix.size()));
  const std::size_t slash = raw.find('/');
  std::string kind, name;
  http::url_decode(raw.substr(0, slash), kind, false);
  if (slash != std::string::npos) http::url_decode(raw.substr(slash + 1), name, false);
  const std::optional<Facet> facet = facet_named(kind);
  if (!facet || (*facet != Facet::kActor && *facet != Facet::kVendor && *facet != Facet::kRegion))
    throw http::HttpError(
        404, "Not found",
        "no entity kind '" + kind + "' (actor, vendor or region) in " + request.path);
  if (name.empty()) throw http::HttpError(404, "Not found", "no entity name in " + request.path);
  return {*facet, std::move(name)};
}

void write_counts(JsonWriter& w, std::string_view key, const std::vector<EntityCount>& counts) {
  w.key(key).begin_array();
  for (const EntityCount& c : counts)
    w.begin_object()
        .field("name", c.name)
        .field("label", c.label)
        .field("count", static_cast<std::uint64_t>(c.count))
        .end_object();
  w.end_array();
}

std::string render_entity(const EntityPage& page) {
  std::string out;
  JsonWriter w(out);
  w.begin_object()
      .field("kind", facet_name(page.kind))
      .field("name", page.name)
      .field("label", page.label);
  w.key("aliases").strings(page.aliases);
  w.field("country", page.country)
      .field("country_label", page.country_label)
      .field("type", page.type)
      .field("briefings", static_cast<std::uint64_t>(page.briefings))
      .field("first_seen", page.first_seen)
      .field("last_seen", page.last_seen);
  w.key("timeline").begin_array();
  for (const EntityCount& month : page.timeline)
    w.begin_object()
        .field("month", month.name)
        .field("count", static_cast<std::uint64_t>(month.count))
        .end_object();
  w.end_array();
  w.key("co_occurring").begin_object();
  write_counts(w, "actor", page.actors);
  write_counts(w, "vendor", page.vendors);
  write_counts(w, "region", page.regions);
  w.end_object();
  w.key("latest").begin_array();
  for (const EntityBriefing& b : page.latest)
    w.begin_object()
        .field("id", b.id)
        .field("title", b.title)
        .field("published", b.published)
        .end_object();
  w.end_array().end_object();
  return out;
}

}  // namespace

void register_entity_routes(http::Server& server, Searcher& searcher) {
  server.route("GET", "/entities/", [&searcher](const http::Request& request) {
    const EntityPath path = entity_path(request);
    std::optional<EntityPage> page = searcher.entity(path.kind, path.name);
    if (!page)
      throw http::HttpError(
          404, "Not found",
          "no " + std::string(facet_name(path.kind)) + " named '" + path.name + "'");
    http::Response r;
    r.body = render_entity(*page);
    return r;
  });
}

}  // namespace briefing
