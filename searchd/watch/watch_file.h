// The watches file of `searchd --watches FILE`: named saved searches, each with the /search
// parameters it runs and the webhook its new matches are POSTed to.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "search_params.h"

namespace briefing::watch {

// A webhook URL taken apart; only http:// for now (no TLS client yet).
struct Webhook {
  std::string url, host, path;
  int port = 80;
  bool operator==(const Webhook&) const = default;
};

struct Watch {
  std::string name;
  // As /search would receive them (q, actor, vendor, region, series, category, status, from,
  // to), so a relative date such as from=-30d is read again at each look.
  std::vector<std::pair<std::string, std::string>> params;
  Webhook webhook;
  bool operator==(const Watch&) const = default;

  // The search the watch runs at `now` (seconds since the epoch).
  SearchRequest request(std::int64_t now) const;
};

// What is wrong with a watches file, naming the watch and the field.
class WatchFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// `text` as a watches file ({"watches": [{"name", "q", filters..., "webhook"}, ...]}); throws
// WatchFileError on the first mistake.
std::vector<Watch> parse_watches(const std::string& text, std::int64_t now);
// The same from a file; a file that cannot be read is a WatchFileError naming it.
std::vector<Watch> read_watches_file(const std::string& path, std::int64_t now);

// "http://host[:port][/path]", or a WatchFileError saying why not.
Webhook parse_webhook(const std::string& url);

}  // namespace briefing::watch
