// Serves the embedded search page. Never touches Xapian or the file system: every byte comes
// from web_assets, looked up by exact name.
#include "web_routes.h"

#include <stdexcept>
#include <string>
#include <string_view>

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

// JSON text made safe inside <script type="application/json">: the element ends at "</script",
// so no '<' may appear in it ('>' and '&' too, for good measure). They can only be inside JSON
// strings, where the \u escapes mean the same characters.
std::string script_safe(std::string_view json) {
  std::string out;
  out.reserve(json.size() + 64);
  for (char c : json) {
    if (c == '<')
      out += "\\u003c";
    else if (c == '>')
      out += "\\u003e";
    else if (c == '&')
      out += "\\u0026";
    else
      out += c;
  }
  return out;
}

// The search page with its first results inside it, as a JSON data island the app reads before
// its first render (so the first view is there before the page's load event, and in
// `chromium --dump-dom`). A data block never runs, and another origin can read neither a page
// nor its elements, while a script (the former /initial.js) it can include and run.
http::Response page(const http::Request& request, const PageResults& results) {
  auto index = find_web_asset("index.html");
  if (!index) throw std::runtime_error("the page index.html is not embedded");
  http::Response r = asset_response(*index);
  if (request.path != "/" || !results) return r;
  std::string data = results(request);
  if (data.empty()) return r;
  std::string island =
      "<script type=\"application/json\" id=\"first-results\">" + script_safe(data) + "</script>\n";
  std::size_t at = r.body.find("<script");
  if (at != std::string::npos) r.body.insert(at, island);
  return r;
}

}  // namespace

void register_web_routes(http::Server& server, PageResults results) {
  // The page and its assets stay open with --api-keys (the page asks for a key); the first
  // results come with the page only for a valid key, which a browser's navigation never sends.
  server.route(
      "GET", "/", [results](const http::Request& request) { return page(request, results); },
      http::Access::keyed_or_empty);
  server.route(  // a briefing's view: id from the URL
      "GET", "/b/", [](const http::Request& request) { return page(request, {}); },
      http::Access::open);
  server.route(  // an entity's page: kind and name from the URL
      "GET", "/e/", [](const http::Request& request) { return page(request, {}); },
      http::Access::open);
  server.route(  // the outlook view: its filters from the URL
      "GET", "/o", [](const http::Request& request) { return page(request, {}); },
      http::Access::open);
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
