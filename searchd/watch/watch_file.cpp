// Watches file parsing: every mistake stops the parse with a message naming the watch and field,
// and each watch's search is checked by the same code that checks /search parameters.
#include "watch_file.h"

#include <cctype>
#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "http_types.h"

namespace briefing::watch {
namespace {

using nlohmann::json;

const std::set<std::string>& filter_names() {
  static const std::set<std::string> names = {"actor",    "vendor", "region", "series",
                                              "category", "status", "from",   "to"};
  return names;
}

bool is_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
      return false;
  return true;
}

// A field's value as parameters: a string, or (for the repeatable filters) an array of strings.
void add_params(Watch& w, const std::string& key, const json& value) {
  const std::string where = "watch '" + w.name + "' field '" + key + "'";
  const bool repeatable = key != "q" && key != "from" && key != "to";
  if (value.is_string()) {
    w.params.emplace_back(key, value.get<std::string>());
    return;
  }
  if (!repeatable || !value.is_array())
    throw WatchFileError(
        where + (repeatable ? ": must be a string or an array of strings" : ": must be a string"));
  for (const json& item : value) {
    if (!item.is_string()) throw WatchFileError(where + ": every value must be a string");
    w.params.emplace_back(key, item.get<std::string>());
  }
}

http::Request as_request(const Watch& w) {
  http::Request r;
  r.method = "GET";
  r.path = "/search";
  r.params = w.params;
  return r;
}

Watch parse_watch(const json& item, std::size_t position, std::int64_t now) {
  const std::string where = "watch " + std::to_string(position + 1);
  if (!item.is_object()) throw WatchFileError(where + ": must be an object");
  Watch w;
  if (!item.contains("name") || !item["name"].is_string() ||
      !is_name(w.name = item["name"].get<std::string>()))
    throw WatchFileError(where + ": 'name' must be 1 to 64 letters, digits, '-', '_' or '.'");
  const std::string named = "watch '" + w.name + "'";
  if (!item.contains("webhook") || !item["webhook"].is_string())
    throw WatchFileError(named + ": 'webhook' (an http:// URL) is required");
  try {
    w.webhook = parse_webhook(item["webhook"].get<std::string>());
  } catch (const WatchFileError& e) {
    throw WatchFileError(named + " field 'webhook': " + e.what());
  }
  for (const auto& [key, value] : item.items()) {
    if (key == "name" || key == "webhook") continue;
    if (key != "q" && !filter_names().count(key))
      throw WatchFileError(named + ": unknown field '" + key +
                           "' (known: name, q, webhook, actor, vendor, region, series, category, "
                           "status, from, to)");
    add_params(w, key, value);
  }
  try {
    w.request(now);
  } catch (const http::HttpError& e) {
    throw WatchFileError(named + ": " + e.detail());
  }
  return w;
}

}  // namespace

SearchRequest Watch::request(std::int64_t now) const {
  SearchRequest r = parse_search_request(as_request(*this), now);
  r.facets = false;
  r.snippets = false;
  r.related_per_hit = 0;
  return r;
}

Webhook parse_webhook(const std::string& url) {
  constexpr std::string_view kScheme = "http://";
  if (url.rfind(kScheme, 0) != 0)
    throw WatchFileError("'" + url + "' is not an http:// URL (https is not supported yet)");
  Webhook out;
  out.url = url;
  const std::string rest = url.substr(kScheme.size());
  const std::size_t slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  out.path = slash == std::string::npos ? "/" : rest.substr(slash);
  const std::size_t colon = authority.rfind(':');
  out.host = authority.substr(0, colon);
  if (colon != std::string::npos) {
    const std::string port = authority.substr(colon + 1);
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), out.port);
    if (ec != std::errc() || end != port.data() + port.size() || out.port < 1 || out.port > 65535)
      throw WatchFileError("'" + url + "' has no port number from 1 to 65535 after ':'");
  }
  if (out.host.empty() || out.host.find_first_of("@[]# ?") != std::string::npos)
    throw WatchFileError("'" + url + "' has no plain host name or IPv4 address");
  for (char c : out.path)
    if (static_cast<unsigned char>(c) <= ' ' || c == '#')
      throw WatchFileError("'" + url + "' has a space, control character or '#' in its path");
  return out;
}

std::vector<Watch> parse_watches(const std::string& text, std::int64_t now) {
  const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) throw WatchFileError("not JSON");
  if (!doc.is_object() || !doc.contains("watches") || !doc["watches"].is_array())
    throw WatchFileError("must be an object with a 'watches' array");
  std::vector<Watch> out;
  std::set<std::string> names;
  for (std::size_t i = 0; i < doc["watches"].size(); ++i) {
    Watch w = parse_watch(doc["watches"][i], i, now);
    if (!names.insert(w.name).second) throw WatchFileError("watch '" + w.name + "' is named twice");
    out.push_back(std::move(w));
  }
  return out;
}

std::vector<Watch> read_watches_file(const std::string& path, std::int64_t now) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw WatchFileError("cannot read the watches file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return parse_watches(text.str(), now);
  } catch (const WatchFileError& e) {
    throw WatchFileError(path + ": " + e.what());
  }
}

}  // namespace briefing::watch
