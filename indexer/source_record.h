// What the index remembers of a source file between runs: one metadata entry per file.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "content_hash.h"
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

// A source's identity in the index: the hash of its path. Its metadata key is kSourceKeyPrefix
// and the hash in hex; a run keeps the numbers, since it looks one up per source file.
using SourceKey = Hash128;
SourceKey source_key(std::string_view path);
std::string metadata_key(const SourceKey& key);
// The key a metadata key names; nullopt for one that is not a source record's.
std::optional<SourceKey> source_key_of(std::string_view metadata_key);

// A record's fields as they lie in its value: what a run compares for each file it does not
// open, without copying the hash and the path out of the value.
struct SourceRecordView {
  std::string_view hash;
  std::size_t briefings = 0;
  std::string_view path;
  std::optional<SourceStat> stat;
};

std::string encode(const SourceRecord& r);
std::optional<SourceRecordView> decode_view(std::string_view value);
std::optional<SourceRecord> decode(const std::string& value);  // decode_view, copied

}  // namespace briefing
