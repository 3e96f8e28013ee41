// UTF-8 checks for text and file names, and a printable form of names that are not UTF-8.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace briefing {

// Index of the first byte that is not part of valid UTF-8, or npos.
std::size_t invalid_utf8_offset(std::string_view text);

// `text` for a log line: bytes that are not valid UTF-8, control characters and backslashes are
// written as \xNN, so a file name of any bytes shows as one line that names it unambiguously.
std::string printable(std::string_view text);

}  // namespace briefing
