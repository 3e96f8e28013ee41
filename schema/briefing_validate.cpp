// Validation of a briefing: what the schema requires, normalised (trimmed, lower-case kinds,
// upper-case regions, lists without repeats) and refused with the field and the reason.
#include "briefing_json.h"
#include "text_util.h"

#include <algorithm>
#include <cctype>
#include <unordered_set>
#include <utility>

#include "body_blocks_json.h"
#include "errors.h"
#include "timestamp.h"

namespace briefing {
namespace {

// Linear in the number of values: a list is only counted against its limit after this, and a
// 16 MiB file can hold two million distinct names (a quadratic search here would take hours).
void dedupe_keep_order(std::vector<std::string>& values) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (auto& v : values) {
    v = std::string(trim(v));
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

// Ids, title, summary or body, reading time.
void validate_required(Briefing& b) {
  // Ids may hold any characters, spaces at the ends included (file names do): only an id of
  // nothing but white space is missing.
  if (trim(b.id).empty()) throw InvalidBriefing("id", "is required");
  // The id becomes a Xapian term (at most 245 bytes with its prefix).
  if (b.id.size() > 200) throw InvalidBriefing("id", "is longer than 200 bytes");
  if (b.id.find('\0') != std::string::npos) throw InvalidBriefing("id", "contains a NUL byte");
  b.title = std::string(trim(b.title));
  if (b.title.empty()) throw InvalidBriefing("title", "is required");
  if (trim(b.summary).empty() && trim(b.body).empty())
    throw InvalidBriefing("summary", "a briefing needs a summary or a body");
  if (b.read_minutes && (*b.read_minutes < 0 || *b.read_minutes > 1000))
    throw InvalidBriefing("read_minutes", "must be between 0 and 1000");
}

void validate_outlook(std::vector<OutlookItem>& outlook) {
  for (std::size_t i = 0; i < outlook.size(); ++i) {
    OutlookItem& o = outlook[i];
    std::string path = "outlook[" + std::to_string(i) + "]";
    o.kind = ascii_lower(trim(o.kind));
    o.horizon = ascii_lower(trim(o.horizon));
    if (o.kind != "opportunity" && o.kind != "risk" && o.kind != "precedent")
      throw InvalidBriefing(path + ".kind",
                            "'" + o.kind + "' is not opportunity, risk or precedent");
    if (!o.horizon.empty() && o.horizon != "short" && o.horizon != "medium" && o.horizon != "long")
      throw InvalidBriefing(path + ".horizon", "'" + o.horizon + "' is not short, medium or long");
    if (o.probability && !(*o.probability >= 0.0 && *o.probability <= 1.0))
      throw InvalidBriefing(path + ".probability", "must be between 0 and 1");
  }
}

// Actors, vendors, regions, series, category, status and related ids: deduplicated, and no longer
// than a filter term may be.
void validate_facets(Briefing& b) {
  dedupe_keep_order(b.actors);
  dedupe_keep_order(b.vendors);
  for (auto& r : b.regions) {
    r = std::string(trim(r));
    r = ascii_upper(r);
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

}  // namespace

void validate(Briefing& b) {
  validate_required(b);
  validate_outlook(b.outlook);
  if (!b.first_reported.date.empty()) {
    auto when = parse_timestamp(b.first_reported.date);
    if (!when)
      throw InvalidBriefing("first_reported.date", "'" + b.first_reported.date + "' is not a date");
    b.first_reported.date = format_date(*when);
  }
  validate_facets(b);
  validate_body_blocks(b.body_blocks);
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
  check_body_block_limits(b.body_blocks, limits);
}

}  // namespace briefing
