// Serves the embedded search page. Never touches Xapian or the file system: every byte comes
// from web_assets, looked up by exact name.
#include "web_routes.h"

#include <stdexcept>
#include <string>
#include <string_view>

#include "html_escape.h"
#include "web_assets.h"

namespace briefing {

namespace {

constexpr std::string_view kAssetsPrefix = "/assets/";

http::Response asset_response(const WebAsset& asset) {
  http::Response r;
  r.content_type = std::string(asset.content_type);
  r.body = std::string(asset.body);
  return r;
}

// The search page with its first results loaded by a classic script before the app starts, so
// the first view is rendered before the page's load event (and so in `chromium --dump-dom`).
http::Response page(const http::Request& request) {
  auto index = find_web_asset("index.html");
  if (!index) throw std::runtime_error("the page index.html is not embedded");
  http::Response r = asset_response(*index);
  if (request.path != "/") return r;
  std::string tag =
      "<script src=\"/initial.js?" + html_escape(request.raw_query) + "\"></script>\n";
  std::size_t at = r.body.find("<script");
  if (at != std::string::npos) r.body.insert(at, tag);
  return r;
}

}  // namespace

void register_web_routes(http::Server& server) {
  // The page and its assets hold no data: they stay open with --api-keys (the page asks for a key).
  server.route("GET", "/", page, http::Access::open);
  server.route("GET", "/b/", page, http::Access::open);  // a briefing's view: id from the URL
  server.route(
      "GET", std::string(kAssetsPrefix),
      [](const http::Request& request) {
        std::string_view name = std::string_view(request.path).substr(kAssetsPrefix.size());
        auto asset = find_web_asset(name);
        if (!asset) throw http::HttpError(404, "Not found", "no asset at " + request.path);
        return asset_response(*asset);
      },
      http::Access::open);
}

}  // namespace briefing
