// A real index of a few briefings that a test spells out field by field (or of canonical briefing
// records), written by the real indexer into a scratch folder (entity extraction off, so that each
// briefing has exactly the actors and vendors its row names), and each briefing's docid found by
// its id.
#pragma once

#include <fstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "index_layout.h"
#include "index_run.h"
#include "scratch_dir.h"

namespace briefing::testing {

struct SmallBriefing {
  std::string id, published, title, body;
  std::vector<std::string> actors = {}, vendors = {}, regions = {};
  std::string category = {}, status = {};
  std::vector<std::string> related = {};  // ids this briefing links to
};

// Canonical briefing objects (briefing_json.h's to_json), one JSON Lines record each: briefings
// made whole elsewhere (the microbenchmarks' generated ones). Filled by add(), never built from a
// braced list, so that a braced list of SmallBriefing rows cannot be read as one.
class BriefingRecords {
 public:
  void add(nlohmann::json object) { objects_.push_back(std::move(object)); }
  const std::vector<nlohmann::json>& objects() const { return objects_; }

 private:
  std::vector<nlohmann::json> objects_;
};

class SmallIndex {
 public:
  SmallIndex(const std::string& tag, const std::vector<SmallBriefing>& briefings)
      : SmallIndex(tag, as_records(briefings)) {}
  SmallIndex(const std::string& tag, const BriefingRecords& records) : dir_(tag) {
    {
      std::ofstream out(dir_ / "briefings.jsonl");
      for (const nlohmann::json& record : records.objects()) out << record.dump() << "\n";
    }
    RunOptions options;
    options.db_path = path_ = (dir_ / "index").string();
    options.sources = {(dir_ / "briefings.jsonl").string()};
    options.extract_entities = false;
    if (run_indexer(options).total != records.objects().size())
      throw std::runtime_error("the indexer did not take every briefing of " + tag);
    db_ = Xapian::Database(options.db_path);
  }
  const Xapian::Database& db() const { return db_; }
  const std::string& path() const { return path_; }
  Xapian::docid docid(const std::string& id) const {
    const std::string term = std::string(layout::kId) + id;
    auto it = db_.postlist_begin(term);
    if (it == db_.postlist_end(term)) throw std::runtime_error("no briefing " + id);
    return *it;
  }

 private:
  static BriefingRecords as_records(const std::vector<SmallBriefing>& briefings) {
    BriefingRecords records;
    for (const SmallBriefing& b : briefings) records.add(as_json(b));
    return records;
  }
  static nlohmann::json as_json(const SmallBriefing& b) {
    nlohmann::json j = {{"id", b.id},           {"published", b.published}, {"title", b.title},
                        {"body", b.body},       {"actors", b.actors},       {"vendors", b.vendors},
                        {"regions", b.regions}, {"related", b.related}};
    if (!b.category.empty()) j["category"] = b.category;
    if (!b.status.empty()) j["status"] = b.status;
    return j;
  }
  ScratchDir dir_;
  std::string path_;
  Xapian::Database db_;
};

}  // namespace briefing::testing
