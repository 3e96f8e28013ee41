// A printable form of names that are not UTF-8 (text_util.h checks validity).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "text_util.h"  // invalid_utf8_offset

namespace briefing {

// `text` for a log line: bytes that are not valid UTF-8, control characters and backslashes are
// written as \xNN, so a file name of any bytes shows as one line that names it unambiguously.
std::string printable(std::string_view text);

}  // namespace briefing
