// Hashes for change detection and for keys that must fit Xapian's term size (XXH3, 128 bits).
#pragma once

#include <string>
#include <string_view>

namespace briefing {

// 32 lower-case hex digits.
std::string content_hash(std::string_view bytes);

}  // namespace briefing
