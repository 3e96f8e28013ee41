// Characters of a page copied out of a browser: ASCII classes, the separators the site uses, and
// a line made plain (odd spaces, runs of spaces).
#pragma once

#include <string>
#include <string_view>

#include "text_util.h"

namespace briefing::page_text {

constexpr std::string_view kMiddleDot = "\xC2\xB7";  // "·" in `Short term · 0.65`, `CSIS· 8 May`
constexpr std::string_view kBullet = "\xE2\x80\xA2";  // "•" in front of an outlook kind

// One line as the reader sees it: odd spaces made plain, runs of spaces collapsed, ends trimmed
// (outlook items come indented, some lines carry trailing spaces).
std::string normalise_line(std::string_view raw);

}  // namespace briefing::page_text
