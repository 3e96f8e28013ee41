// Characters of a page copied out of a browser: ASCII classes, the separators the site uses, and
// a line made plain (odd spaces, runs of spaces).
#pragma once

#include <string>
#include <string_view>

#include "text_util.h"

namespace briefing::page_text {

// The shared text helpers (text_util.h), by this namespace's name too.
using briefing::all_ascii_digits;
using briefing::ascii_lower;
using briefing::is_ascii_alnum;
using briefing::is_ascii_alpha;
using briefing::is_ascii_digit;
using briefing::is_ascii_lower;
using briefing::is_ascii_space;
using briefing::is_ascii_upper;
using briefing::trim;
using briefing::trim_left;

constexpr std::string_view kMiddleDot = "\xC2\xB7";  // "·" in `Short term · 0.65`, `CSIS· 8 May`
constexpr std::string_view kBullet = "\xE2\x80\xA2";  // "•" in front of an outlook kind

int to_int(std::string_view digits);

// One line as the reader sees it: odd spaces made plain, runs of spaces collapsed, ends trimmed
// (outlook items come indented, some lines carry trailing spaces).
std::string normalise_line(std::string_view raw);

}  // namespace briefing::page_text
