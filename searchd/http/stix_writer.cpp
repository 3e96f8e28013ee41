// The STIX 2.1 bundle (stix_writer.h).
#include "stix_writer.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "region_names.h"
#include "stix_ids.h"
#include "text_util.h"
#include "timestamp.h"

namespace briefing {
namespace {

using nlohmann::json;

// The shared objects are the same objects in every export, so their created/modified cannot be
// any one briefing's: a fixed moment, which also keeps (id, modified) one version of each.
constexpr const char* kSharedObjectTime = "2000-01-01T00:00:00.000Z";
constexpr const char* kSystemName = "Briefing search";

// STIX timestamps are UTC with a Z; created and modified to the millisecond.
std::string stix_time(std::int64_t seconds) {
  std::string t = format_timestamp(seconds);  // "2026-05-29T14:17:00Z"
  t.insert(t.size() - 1, ".000");
  return t;
}

std::string dump(const json& object) {
  return object.dump(-1, ' ', false, json::error_handler_t::replace);
}

json common(const std::string& type, const std::string& id) {
  return {{"type", type},
          {"spec_version", "2.1"},
          {"id", id},
          {"created", kSharedObjectTime},
          {"modified", kSharedObjectTime}};
}

bool is_country_code(const std::string& code) {
  return code.size() == 2 && is_ascii_upper(code[0]) && is_ascii_upper(code[1]);
}

std::string system_identity_id() {
  return stix_id("identity", "system:briefing-search");
}

bool is_digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return false;
  for (std::size_t i = at; i < at + count; ++i)
    if (!is_ascii_digit(text[i])) return false;
  return true;
}

}  // namespace

std::vector<std::string> cve_ids(std::string_view text) {
  std::vector<std::string> out;
  const std::string lower = ascii_lower(text);
  for (std::size_t at = lower.find("cve-"); at != std::string::npos;
       at = lower.find("cve-", at + 4)) {
    if (at > 0 && is_ascii_alnum(lower[at - 1])) continue;
    if (!is_digits(lower, at + 4, 4) || lower.size() <= at + 8 || lower[at + 8] != '-') continue;
    std::size_t end = at + 9;
    while (end < lower.size() && is_ascii_digit(lower[end]) && end - at < 16) ++end;
    if (end - (at + 9) < 4 || (end < lower.size() && is_ascii_alnum(lower[end]))) continue;
    std::string id = ascii_upper(lower.substr(at, end - at));
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(std::move(id));
  }
  return out;
}

void StixBundleWriter::begin(std::string& out) {
  out += dump({{"type", "bundle"}, {"id", bundle_id_}});
  out.pop_back();  // the closing brace: the objects follow
  out += ",\"objects\":[";
  json system = common("identity", system_identity_id());
  system["name"] = kSystemName;
  system["identity_class"] = "system";
  write(dump(system), out);
}

void StixBundleWriter::end(std::string& out) {
  out += "]}\n";
}

void StixBundleWriter::write(const std::string& object_json, std::string& out) {
  if (!first_) out += ',';
  first_ = false;
  out += object_json;
}

void StixBundleWriter::write_once(const std::string& id, const std::string& object_json,
                                  std::string& out) {
  if (written_.insert(id).second) write(object_json, out);
}

void StixBundleWriter::add(const Briefing& b, std::string_view stored, std::string& out) {
  json refs = json::array();
  auto shared = [&](const std::string& type, const std::string& name, json fields) {
    const std::string id = stix_id(type, name);
    json object = common(type, id);
    object.update(fields);
    write_once(id, dump(object), out);
    refs.push_back(id);
  };
  for (const std::string& actor : b.actors) shared("intrusion-set", actor, {{"name", actor}});
  for (const std::string& vendor : b.vendors)
    shared("identity", vendor, {{"name", vendor}, {"identity_class", "organization"}});
  for (const std::string& region : b.regions)
    if (is_country_code(region))
      shared("location", region, {{"name", region_name(region)}, {"country", region}});
  for (const std::string& cve : cve_ids(stored))
    shared(
        "vulnerability", cve,
        {{"name", cve},
         {"external_references", json::array({{{"source_name", "cve"}, {"external_id", cve}}})}});
  // A report must name at least one object: one that names nothing else names its author.
  if (refs.empty()) refs.push_back(system_identity_id());
  json report = common("report", stix_id("report", b.id));
  report["created"] = report["modified"] = stix_time(b.published);
  report["published"] = stix_time(b.published);
  report["name"] = b.title.empty() ? b.id : b.title;
  if (!b.summary.empty()) report["description"] = b.summary;
  report["report_types"] = json::array({"threat-report"});
  report["created_by_ref"] = system_identity_id();
  report["object_refs"] = std::move(refs);
  json reference = {{"source_name", "briefing-search"}, {"external_id", b.id}};
  if (!b.url.empty()) reference["url"] = b.url;
  report["external_references"] = json::array({reference});
  write(dump(report), out);
}

}  // namespace briefing
