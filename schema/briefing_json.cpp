// Canonical JSON <-> Briefing: reading names the field and the reason of what is wrong; the
// checks on the values are in briefing_validate.cpp.
#include "briefing_json.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>

#include "body_blocks_json.h"
#include "errors.h"
#include "timestamp.h"

namespace briefing {
namespace {

using nlohmann::json;

// Deepest bracket nesting of a JSON text, counted outside strings, stopping once past `limit`.
std::size_t nesting_depth(std::string_view text, std::size_t limit) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest > limit) return deepest;
    } else if ((c == ']' || c == '}') && depth > 0)
      --depth;
  }
  return deepest;
}

std::string optional_string(const json& object, const char* key, const std::string& path = {}) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  if (!it->is_string()) throw InvalidBriefing(path + key, "must be a string");
  return it->get<std::string>();
}

std::vector<std::string> string_list(const json& object, const char* key) {
  std::vector<std::string> out;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return out;
  if (it->is_string()) {  // a single value is accepted for a list of one
    out.push_back(it->get<std::string>());
    return out;
  }
  if (!it->is_array()) throw InvalidBriefing(key, "must be an array of strings");
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& v = (*it)[i];
    if (!v.is_string())
      throw InvalidBriefing(std::string(key) + "[" + std::to_string(i) + "]", "must be a string");
    out.push_back(v.get<std::string>());
  }
  return out;
}

const json* optional_object(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  if (!it->is_object()) throw InvalidBriefing(key, "must be an object");
  return &*it;
}

const json* optional_array(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  if (!it->is_array()) throw InvalidBriefing(key, "must be an array");
  return &*it;
}

OutlookItem outlook_item(const json& item, const std::string& path) {
  if (!item.is_object()) throw InvalidBriefing(path, "must be an object");
  OutlookItem o;
  o.kind = optional_string(item, "kind", path + ".");
  o.text = optional_string(item, "text", path + ".");
  o.horizon = optional_string(item, "horizon", path + ".");
  auto p = item.find("probability");
  if (p != item.end() && !p->is_null()) {
    if (!p->is_number()) throw InvalidBriefing(path + ".probability", "must be a number");
    o.probability = p->get<double>();
  }
  return o;
}

// The moment, and whether the text gave a time of day ("2024-01-09" does not).
std::int64_t published_of(const json& object, bool& has_time) {
  auto published = object.find("published");
  if (published == object.end() || published->is_null())
    throw InvalidBriefing("published", "is required");
  if (!published->is_string()) throw InvalidBriefing("published", "must be a string");
  auto when = parse_timestamp(published->get<std::string>());
  if (!when)
    throw InvalidBriefing("published", "'" + published->get<std::string>() +
                                           "' is not an RFC 3339 timestamp or YYYY-MM-DD date");
  has_time = published->get_ref<const std::string&>().size() > 10;
  return *when;
}

std::optional<int> read_minutes_of(const json& object) {
  auto minutes = object.find("read_minutes");
  if (minutes == object.end() || minutes->is_null()) return std::nullopt;
  if (!minutes->is_number_integer()) throw InvalidBriefing("read_minutes", "must be an integer");
  return minutes->get<int>();
}

std::vector<Perspective> perspectives_of(const json& items) {
  std::vector<Perspective> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string path = "perspectives[" + std::to_string(i) + "]";
    const json& p = items[i];
    if (!p.is_object()) throw InvalidBriefing(path, "must be an object");
    out.push_back(
        {optional_string(p, "party", path + "."), optional_string(p, "text", path + ".")});
  }
  return out;
}

// The sections that are objects or arrays of objects: analysis, outlook, first report,
// perspectives.
void read_sections(const json& object, Briefing& b) {
  if (const json* a = optional_object(object, "analysis")) {
    b.analysis.plain_english = optional_string(*a, "plain_english", "analysis.");
    b.analysis.root_causes = optional_string(*a, "root_causes", "analysis.");
  }
  if (const json* items = optional_array(object, "outlook")) {
    for (std::size_t i = 0; i < items->size(); ++i)
      b.outlook.push_back(outlook_item((*items)[i], "outlook[" + std::to_string(i) + "]"));
  }
  if (const json* f = optional_object(object, "first_reported")) {
    b.first_reported.title = optional_string(*f, "title", "first_reported.");
    b.first_reported.source = optional_string(*f, "source", "first_reported.");
    b.first_reported.date = optional_string(*f, "date", "first_reported.");
    b.first_reported.url = optional_string(*f, "url", "first_reported.");
  }
  if (const json* items = optional_array(object, "perspectives"))
    b.perspectives = perspectives_of(*items);
}

}  // namespace

json parse_json_text(std::string_view text, const JsonLimits& limits) {
  if (nesting_depth(text, limits.max_depth) > limits.max_depth)
    throw InvalidBriefing("",
                          "JSON nests deeper than " + std::to_string(limits.max_depth) + " levels");
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::exception& e) {
    std::string what = e.what();
    auto at = what.find("parse error");
    throw InvalidBriefing("",
                          "not valid JSON: " + (at == std::string::npos ? what : what.substr(at)));
  }
}

Briefing briefing_fields_from_json(const json& object, const std::string& fallback_id) {
  if (!object.is_object()) throw InvalidBriefing("", "a briefing must be a JSON object");
  Briefing b;
  try {
    b.id = optional_string(object, "id");
    if (b.id.empty()) b.id = fallback_id;
    b.title = optional_string(object, "title");
    b.series = optional_string(object, "series");
    b.category = optional_string(object, "category");
    b.status = optional_string(object, "status");
    b.summary = optional_string(object, "summary");
    b.key_takeaway = optional_string(object, "key_takeaway");
    b.body = optional_string(object, "body");
    b.causes_effects = optional_string(object, "causes_effects");
    b.url = optional_string(object, "url");
    b.published = published_of(object, b.published_has_time);
    b.read_minutes = read_minutes_of(object);
    read_sections(object, b);
    if (auto blocks = object.find("body_blocks"); blocks != object.end() && !blocks->is_null())
      b.body_blocks = body_blocks_from_json(*blocks);
    b.actors = string_list(object, "actors");
    b.vendors = string_list(object, "vendors");
    b.regions = string_list(object, "regions");
    b.related = string_list(object, "related");
  } catch (const json::exception& e) {  // e.g. read_minutes out of int range
    throw InvalidBriefing("", e.what());
  }
  return b;
}

Briefing briefing_from_json(const json& object, const std::string& fallback_id) {
  Briefing b = briefing_fields_from_json(object, fallback_id);
  validate(b);
  return b;
}

json to_json(const Briefing& b) {
  json j = json::object();
  auto put = [&j](const char* key, const std::string& value) {
    if (!value.empty()) j[key] = value;
  };
  j["id"] = b.id;
  j["title"] = b.title;
  put("series", b.series);
  j["published"] = b.published_has_time ? format_timestamp(b.published) : format_date(b.published);
  put("category", b.category);
  put("status", b.status);
  if (b.read_minutes) j["read_minutes"] = *b.read_minutes;
  put("summary", b.summary);
  put("key_takeaway", b.key_takeaway);
  put("body", b.body);
  if (!b.body_blocks.empty()) j["body_blocks"] = body_blocks_to_json(b.body_blocks);
  if (!b.analysis.empty()) {
    json a = json::object();
    if (!b.analysis.plain_english.empty()) a["plain_english"] = b.analysis.plain_english;
    if (!b.analysis.root_causes.empty()) a["root_causes"] = b.analysis.root_causes;
    j["analysis"] = std::move(a);
  }
  if (!b.outlook.empty()) {
    json items = json::array();
    for (const auto& o : b.outlook) {
      json item = {{"kind", o.kind}, {"text", o.text}};
      if (!o.horizon.empty()) item["horizon"] = o.horizon;
      if (o.probability) item["probability"] = *o.probability;
      items.push_back(std::move(item));
    }
    j["outlook"] = std::move(items);
  }
  if (!b.first_reported.empty()) {
    json f = json::object();
    const FirstReported& r = b.first_reported;
    if (!r.title.empty()) f["title"] = r.title;
    if (!r.source.empty()) f["source"] = r.source;
    if (!r.date.empty()) f["date"] = r.date;
    if (!r.url.empty()) f["url"] = r.url;
    j["first_reported"] = std::move(f);
  }
  put("causes_effects", b.causes_effects);
  if (!b.perspectives.empty()) {
    json items = json::array();
    for (const auto& p : b.perspectives) items.push_back({{"party", p.party}, {"text", p.text}});
    j["perspectives"] = std::move(items);
  }
  j["actors"] = b.actors;
  j["vendors"] = b.vendors;
  j["regions"] = b.regions;
  j["related"] = b.related;
  put("url", b.url);
  return j;
}

}  // namespace briefing
