// The Briefing model: one analytical news item, as every reader produces it and the index stores
// it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "body_blocks.h"

namespace briefing {

struct OutlookItem {
  std::string kind;  // "opportunity", "risk" or "precedent"
  std::string text;
  std::string horizon;                // "short", "medium" or "long"; empty when not given
  std::optional<double> probability;  // 0..1
};

struct FirstReported {
  std::string title;
  std::string source;
  std::string date;  // YYYY-MM-DD, empty when not given
  std::string url;
  bool empty() const { return title.empty() && source.empty() && date.empty() && url.empty(); }
};

struct Perspective {
  std::string party;
  std::string text;
};

struct Analysis {
  std::string plain_english;
  std::string root_causes;
  bool empty() const { return plain_english.empty() && root_causes.empty(); }
};

struct Briefing {
  std::string id;
  std::string title;
  std::string series;
  std::int64_t published = 0;  // seconds since the Unix epoch, UTC
  // False when the source gave a date alone: `published` is then its midnight UTC, and no time of
  // day is shown or written.
  bool published_has_time = true;
  std::string category;
  std::string status;
  std::optional<int> read_minutes;
  std::string summary;
  std::string key_takeaway;
  std::string body;                    // paragraphs separated by blank lines; what is indexed
  std::vector<BodyBlock> body_blocks;  // the body's structure, for display; empty when not known
  Analysis analysis;
  std::vector<OutlookItem> outlook;
  FirstReported first_reported;
  std::string causes_effects;
  std::vector<Perspective> perspectives;
  std::vector<std::string> actors;   // canonical display names
  std::vector<std::string> vendors;  // canonical display names
  std::vector<std::string> regions;  // ISO 3166-1 alpha-2 codes
  std::vector<std::string> related;  // ids of other briefings
  std::string url;
};

}  // namespace briefing
