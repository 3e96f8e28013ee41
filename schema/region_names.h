// Region codes (ISO 3166-1 alpha-2) and their English names, from ICU's locale data.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace briefing {

// "KP" -> "North Korea"; the code itself when ICU does not know it.
std::string region_name(std::string_view code);

// "north korea", "North Korea", "kp" -> "KP"; nullopt when nothing matches.
std::optional<std::string> region_code(std::string_view name_or_code);

}  // namespace briefing
