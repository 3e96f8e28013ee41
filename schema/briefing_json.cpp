// Canonical JSON <-> Briefing, with validation that names the field and the reason.
#include "briefing_json.h"

#include <algorithm>
#include <cctype>
#include <unordered_set>
#include <utility>

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

std::string trim(std::string s) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Linear in the number of values: a list is only counted against its limit after this, and a
// 16 MiB file can hold two million distinct names (a quadratic search here would take hours).
void dedupe_keep_order(std::vector<std::string>& values) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (auto& v : values) {
    v = trim(v);
    if (!v.empty() && seen.insert(v).second) out.push_back(std::move(v));
  }
  values = std::move(out);
}

void check_length(const std::string& field, const std::string& value, std::size_t limit) {
  if (value.size() > limit)
    throw InvalidBriefing(field, "is " + std::to_string(value.size()) +
                                     " bytes, over the limit of " + std::to_string(limit));
}

void check_count(const char* field, const std::vector<std::string>& values, std::size_t limit) {
  if (values.size() > limit)
    throw InvalidBriefing(field, "has " + std::to_string(values.size()) +
                                     " values, over the limit of " + std::to_string(limit));
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

Briefing briefing_from_json(const json& object, const std::string& fallback_id) {
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

    auto published = object.find("published");
    if (published == object.end() || published->is_null())
      throw InvalidBriefing("published", "is required");
    if (!published->is_string()) throw InvalidBriefing("published", "must be a string");
    auto when = parse_timestamp(published->get<std::string>());
    if (!when)
      throw InvalidBriefing("published", "'" + published->get<std::string>() +
                                             "' is not an RFC 3339 timestamp or YYYY-MM-DD date");
    b.published = *when;

    auto minutes = object.find("read_minutes");
    if (minutes != object.end() && !minutes->is_null()) {
      if (!minutes->is_number_integer())
        throw InvalidBriefing("read_minutes", "must be an integer");
      b.read_minutes = minutes->get<int>();
    }
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
    if (const json* items = optional_array(object, "perspectives")) {
      for (std::size_t i = 0; i < items->size(); ++i) {
        std::string path = "perspectives[" + std::to_string(i) + "]";
        const json& p = (*items)[i];
        if (!p.is_object()) throw InvalidBriefing(path, "must be an object");
        b.perspectives.push_back(
            {optional_string(p, "party", path + "."), optional_string(p, "text", path + ".")});
      }
    }
    b.actors = string_list(object, "actors");
    b.vendors = string_list(object, "vendors");
    b.regions = string_list(object, "regions");
    b.related = string_list(object, "related");
  } catch (const json::exception& e) {  // e.g. read_minutes out of int range
    throw InvalidBriefing("", e.what());
  }
  validate(b);
  return b;
}

void validate(Briefing& b) {
  // Ids may hold any characters, spaces at the ends included (file names do): only an id of
  // nothing but white space is missing.
  if (trim(b.id).empty()) throw InvalidBriefing("id", "is required");
  // The id becomes a Xapian term (at most 245 bytes with its prefix).
  if (b.id.size() > 200) throw InvalidBriefing("id", "is longer than 200 bytes");
  if (b.id.find('\0') != std::string::npos) throw InvalidBriefing("id", "contains a NUL byte");
  b.title = trim(b.title);
  if (b.title.empty()) throw InvalidBriefing("title", "is required");
  if (trim(b.summary).empty() && trim(b.body).empty())
    throw InvalidBriefing("summary", "a briefing needs a summary or a body");
  if (b.read_minutes && (*b.read_minutes < 0 || *b.read_minutes > 1000))
    throw InvalidBriefing("read_minutes", "must be between 0 and 1000");

  for (std::size_t i = 0; i < b.outlook.size(); ++i) {
    OutlookItem& o = b.outlook[i];
    std::string path = "outlook[" + std::to_string(i) + "]";
    o.kind = lower(trim(o.kind));
    o.horizon = lower(trim(o.horizon));
    if (o.kind != "opportunity" && o.kind != "risk" && o.kind != "precedent")
      throw InvalidBriefing(path + ".kind",
                            "'" + o.kind + "' is not opportunity, risk or precedent");
    if (!o.horizon.empty() && o.horizon != "short" && o.horizon != "medium" && o.horizon != "long")
      throw InvalidBriefing(path + ".horizon", "'" + o.horizon + "' is not short, medium or long");
    if (o.probability && !(*o.probability >= 0.0 && *o.probability <= 1.0))
      throw InvalidBriefing(path + ".probability", "must be between 0 and 1");
  }
  if (!b.first_reported.date.empty()) {
    auto when = parse_timestamp(b.first_reported.date);
    if (!when)
      throw InvalidBriefing("first_reported.date", "'" + b.first_reported.date + "' is not a date");
    b.first_reported.date = format_date(*when);
  }
  dedupe_keep_order(b.actors);
  dedupe_keep_order(b.vendors);
  for (auto& r : b.regions) {
    r = trim(r);
    for (char& c : r) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  dedupe_keep_order(b.regions);
  for (std::size_t i = 0; i < b.regions.size(); ++i) {
    const std::string& r = b.regions[i];
    if (r.size() != 2 || !std::isalpha(static_cast<unsigned char>(r[0])) ||
        !std::isalpha(static_cast<unsigned char>(r[1])))
      throw InvalidBriefing("regions[" + std::to_string(i) + "]",
                            "'" + r + "' is not an ISO 3166-1 alpha-2 code");
  }
  for (const auto* list : {&b.actors, &b.vendors})
    for (const auto& v : *list)
      if (v.size() > 120)
        throw InvalidBriefing(list == &b.actors ? "actors" : "vendors",
                              "'" + v.substr(0, 40) + "...' is longer than 120 bytes");
  // Facet values become filter terms, which the document builder leaves out past 240 bytes:
  // refuse what could not be filtered on rather than index it half.
  for (auto [field, value] :
       {std::pair{"series", &b.series}, {"category", &b.category}, {"status", &b.status}})
    if (value->size() > 120)
      throw InvalidBriefing(field, "'" + value->substr(0, 40) + "...' is longer than 120 bytes");
  dedupe_keep_order(b.related);
  b.related.erase(std::remove(b.related.begin(), b.related.end(), b.id), b.related.end());
  for (std::size_t i = 0; i < b.related.size(); ++i)  // ids, under the same rule as `id`
    if (b.related[i].size() > 200)
      throw InvalidBriefing("related[" + std::to_string(i) + "]", "is longer than 200 bytes");
}

void check_limits(const Briefing& b, const BriefingLimits& limits) {
  check_length("title", b.title, limits.max_title_bytes);
  const std::size_t most = limits.max_field_bytes;
  for (auto [field, value] : {std::pair{"series", &b.series},
                              {"category", &b.category},
                              {"status", &b.status},
                              {"summary", &b.summary},
                              {"key_takeaway", &b.key_takeaway},
                              {"body", &b.body},
                              {"analysis.plain_english", &b.analysis.plain_english},
                              {"analysis.root_causes", &b.analysis.root_causes},
                              {"first_reported.title", &b.first_reported.title},
                              {"first_reported.source", &b.first_reported.source},
                              {"first_reported.url", &b.first_reported.url},
                              {"causes_effects", &b.causes_effects},
                              {"url", &b.url}})
    check_length(field, *value, most);
  for (std::size_t i = 0; i < b.outlook.size(); ++i)
    check_length("outlook[" + std::to_string(i) + "].text", b.outlook[i].text, most);
  for (std::size_t i = 0; i < b.perspectives.size(); ++i) {
    std::string path = "perspectives[" + std::to_string(i) + "].";
    check_length(path + "party", b.perspectives[i].party, most);
    check_length(path + "text", b.perspectives[i].text, most);
  }
  check_count("actors", b.actors, limits.max_entities);
  check_count("vendors", b.vendors, limits.max_entities);
  check_count("regions", b.regions, limits.max_entities);
  check_count("related", b.related, limits.max_entities);
}

json to_json(const Briefing& b) {
  json j = json::object();
  auto put = [&j](const char* key, const std::string& value) {
    if (!value.empty()) j[key] = value;
  };
  j["id"] = b.id;
  j["title"] = b.title;
  put("series", b.series);
  j["published"] = format_timestamp(b.published);
  put("category", b.category);
  put("status", b.status);
  if (b.read_minutes) j["read_minutes"] = *b.read_minutes;
  put("summary", b.summary);
  put("key_takeaway", b.key_takeaway);
  put("body", b.body);
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
