// The search page's files (searchd/web/), compiled into the binary by web/embed.cmake.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace briefing {

struct WebAsset {
  std::string_view path;          // file name under searchd/web/, e.g. "app.js"
  std::string_view content_type;  // with charset for text
  std::string_view body;
};

// One embedded file as the generated source records it.
struct EmbeddedFile {
  std::string_view name;
  std::string_view bytes;
};

// Defined in the source that embed.cmake generates in the build folder.
std::span<const EmbeddedFile> embedded_web_files();

// The asset named exactly `name` ("index.html", "app.css"), or nothing.
std::optional<WebAsset> find_web_asset(std::string_view name);

// The Content-Type for a file name, by its extension.
std::string_view web_content_type(std::string_view name);

}  // namespace briefing
