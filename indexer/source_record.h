// What the index remembers of a source file between runs: one metadata entry per file.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "source_stat.h"

namespace briefing {

struct SourceRecord {
  std::string hash;  // of the file's bytes when it was last read whole, or kReadAgain
  std::size_t briefings = 0;
  std::string path;
  // The inode as it was when the bytes were read; none for standard input and for records of
  // indexers before stat-first detection (those files are read once more and recorded anew).
  std::optional<SourceStat> stat;
};

// The hash recorded for a source that must be read on the next run whatever its bytes: one read
// in part, or one that lost an id to another file (it gets the id back when that one lets go).
inline constexpr std::string_view kReadAgain = "-";

// The metadata key of the source at `path`.
std::string source_key(const std::string& path);

std::string encode(const SourceRecord& r);
std::optional<SourceRecord> decode(const std::string& value);

}  // namespace briefing
