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

// Parses one JSON text; throws InvalidBriefing (no field) naming the reason when the text is not
// JSON or nests deeper than the limit.
nlohmann::json parse_json_text(std::string_view text, const JsonLimits& limits = {});

// Validates one canonical object and converts it; `fallback_id` is used when it has no "id".
// Throws InvalidBriefing naming the field ("outlook[1].probability") and the reason.
Briefing briefing_from_json(const nlohmann::json& object, const std::string& fallback_id = {});

// Checks the rules every briefing obeys whatever it was read from (required fields, enumerations,
// ranges); normalises what has one spelling (region codes upper case, outlook kind lower case).
void validate(Briefing& b);

// The canonical object: empty optional fields are left out.
nlohmann::json to_json(const Briefing& b);

}  // namespace briefing
