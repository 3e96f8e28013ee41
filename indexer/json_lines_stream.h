// JSON Lines read as a stream from a descriptor: one record in memory at a time, every byte hashed
// as it goes by, so that a file (or standard input) of any size is read in bounded memory.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "briefing.h"
#include "source_files.h"
#include "source_reader.h"

namespace briefing {

struct StreamSink {
  std::function<void(Briefing&&)> briefing;    // each good record, in order
  std::function<void(SourceProblem)> problem;  // each record skipped, named "where:LINE"
};

struct StreamCounts {
  std::size_t briefings = 0, problems = 0;
  bool blank = true;  // no line held anything but white space
  std::string hash;   // content_hash() of every byte read
};

// Reads `fd` to its end. A line over limits.max_record_bytes is skipped unread (never held
// whole); a read error ends the stream as a problem of `where`, keeping what was passed on.
StreamCounts stream_json_lines(int fd, const std::string& where, const ReaderLimits& limits,
                               const StreamSink& sink);

// content_hash() of the rest of `fd`, read in pieces; nullopt with `error` on a read error.
std::optional<std::string> hash_descriptor(int fd, std::string& error);

// Whether the first line of `fd` that is not blank is one JSON object by itself (so a .json file
// too big to read whole is JSON Lines). Reads at most limits.max_record_bytes; rewinds `fd`.
bool starts_with_json_line(int fd, const ReaderLimits& limits);

}  // namespace briefing
