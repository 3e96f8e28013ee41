// Lookup over the embedded page files: exact names only, so no path ever reaches a file system.
#include "web_assets.h"

namespace briefing {

std::string_view web_content_type(std::string_view name) {
  auto ends_with = [name](std::string_view ext) { return name.ends_with(ext); };
  if (ends_with(".html")) return "text/html; charset=utf-8";
  if (ends_with(".js") || ends_with(".mjs")) return "text/javascript; charset=utf-8";
  if (ends_with(".css")) return "text/css; charset=utf-8";
  if (ends_with(".svg")) return "image/svg+xml; charset=utf-8";
  if (ends_with(".json")) return "application/json";
  if (ends_with(".png")) return "image/png";
  return "application/octet-stream";
}

std::optional<WebAsset> find_web_asset(std::string_view name) {
  for (const EmbeddedFile& f : embedded_web_files())
    if (f.name == name) return WebAsset{f.name, web_content_type(f.name), f.bytes};
  return std::nullopt;
}

}  // namespace briefing
