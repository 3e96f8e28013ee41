// Where each of a briefing's entities came from, stored beside the briefing and served by
// /briefings/{id}: given in the source (a JSON field, front matter, a table column headed
// "Vendor") or found in the text, with the words around its first mention as a subject:
//   {"vendors": {"Cisco": {"origin": "text", "field": "body", "text": "...exploited Cisco IOS
//   XE..."}},
//    "actors": {"APT28": {"origin": "source"}}}
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "briefing.h"
#include "corrections.h"
#include "entity_matcher.h"

namespace briefing {

// The text a mention was found in: its field's name and the field's text.
struct ScannedText {
  const char* field;
  const std::string* text;
};

class EntityProvenance {
 public:
  // Every value the source gave (before anything is found).
  void given(const Briefing& b);
  // The entities found, located in `texts` (indexed as Scan::add was called).
  void found(const EntityMatches& matches, const std::vector<ScannedText>& texts);
  // Keeps only the values `lists` still hold (after corrections), as one JSON object.
  nlohmann::json to_json(const EntityLists& lists) const;

 private:
  nlohmann::json by_kind_ = nlohmann::json::object();
};

// The field of `b` that `text` is (by address): "title", "summary", "body", ...
const char* field_name(const Briefing& b, const std::string* text);

}  // namespace briefing
