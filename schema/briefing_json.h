// The canonical JSON form of a briefing: parsing with limits, validation, and writing.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "briefing.h"

namespace briefing {

struct JsonLimits {
  // nlohmann parses very deep nesting but recurses when destroying or dumping it; refuse first.
  std::size_t max_depth = 64;
};

// How large one briefing may be. A briefing over a limit is refused whole, never cut down: a
// truncated body or a dropped actor would lose data without a word, a refusal names the field.
struct BriefingLimits {
  // Titles are shown in every hit, weighted up and indexed a second time under their own prefix.
  // The longest real one seen (CISA KEV, WA SOC advisories, corpus/) is under 200 bytes, and 1 KiB
  // still holds 340 CJK characters: a longer "title" is almost surely body text read as one.
  std::size_t max_title_bytes = 1024;
  // Every other text field. Real bodies reach about 20 KB; 1 MiB leaves 50 times that, yet keeps
  // one briefing's analysis, stored data and snippet work small next to the 16 MiB file limit.
  std::size_t max_field_bytes = 1024 * 1024;
  // Actors, vendors, regions and related ids given in the source, each kind counted on its own
  // after duplicates are merged. Real briefings name a handful (corpus/ at most 10 regions); each
  // value becomes a filter term and part of a facet slot, so hundreds means a dump, not a
  // briefing. Entities the indexer finds in the text are not counted: the gazetteer bounds them.
  std::size_t max_entities = 256;
  // Blocks, lines, list items and spans of body_blocks together. The most structured of the
  // 1,129 real advisories has 712; each part is a JSON value in every stored briefing.
  std::size_t max_body_parts = 65536;
};

// Throws InvalidBriefing naming the field ("outlook[2].text", "actors") and its size when `b`
// is over one of `limits`.
void check_limits(const Briefing& b, const BriefingLimits& limits);

// Parses one JSON text; throws InvalidBriefing (no field) naming the reason when the text is not
// JSON or nests deeper than the limit.
nlohmann::json parse_json_text(std::string_view text, const JsonLimits& limits = {});

// Validates one canonical object and converts it; `fallback_id` is used when it has no "id".
// Throws InvalidBriefing naming the field ("outlook[1].probability") and the reason.
Briefing briefing_from_json(const nlohmann::json& object, const std::string& fallback_id = {});
// The same conversion without validate(): for JSON this project wrote from a valid briefing (the
// document data), which is read for every hit. Throws InvalidBriefing on a field of the wrong type.
Briefing briefing_fields_from_json(const nlohmann::json& object,
                                   const std::string& fallback_id = {});

// Checks the rules every briefing obeys whatever it was read from (required fields, enumerations,
// ranges); normalises what has one spelling (region codes upper case, outlook kind lower case).
void validate(Briefing& b);

// The canonical object: empty optional fields are left out.
nlohmann::json to_json(const Briefing& b);

}  // namespace briefing
