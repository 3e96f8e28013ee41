// Briefings as one STIX 2.1 bundle, written as they come: a `report` per briefing whose
// object_refs name an `intrusion-set` per actor, an `identity` (organization) per vendor, a
// `location` per region (its ISO 3166-1 alpha-2 country) and a `vulnerability` per CVE id the
// briefing mentions. Every id is deterministic (stix_ids.h); an object the reports share is
// written once, before the first report that names it, so every reference points backwards.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "briefing.h"

namespace briefing {

// The CVE ids in `text` ("CVE-2024-3400", any case), upper-cased, each once, in order.
std::vector<std::string> cve_ids(std::string_view text);

class StixBundleWriter {
 public:
  // `bundle_id` is "bundle--UUID".
  explicit StixBundleWriter(std::string bundle_id) : bundle_id_(std::move(bundle_id)) {}
  // The bundle's opening and the identity of this system, which every report is created by.
  void begin(std::string& out);
  // `b`'s report and the shared objects it is the first to name; `stored` is its stored JSON,
  // where its CVE ids are looked for.
  void add(const Briefing& b, std::string_view stored, std::string& out);
  void end(std::string& out);

 private:
  // Writes `object` unless an object with its id was written already.
  void write_once(const std::string& id, const std::string& object_json, std::string& out);
  void write(const std::string& object_json, std::string& out);
  std::string bundle_id_;
  std::unordered_set<std::string> written_;  // ids of the shared objects so far
  bool first_ = true;
};

}  // namespace briefing
