// Reading the bytes of one file the listing chose, without trusting that it is still what was
// listed: regular files only, never opened through a link that leads out of its SOURCE.
#pragma once

#include <ctime>
#include <filesystem>
#include <optional>
#include <string>

namespace briefing {

struct FileBytes {
  std::string bytes;
  std::time_t modified = 0;  // the file's modification time
};

struct OpenRules {
  std::filesystem::path root;  // canonical folder the opened file must lie in; empty: anywhere
  bool follow_link = false;    // open through a link in the last part of the path
  std::size_t max_bytes = 0;   // larger files are refused, not truncated
};

// The file's bytes, or nullopt with `error` saying why not (missing, no permission, a FIFO, a
// link out of `root`, over the size limit). A FIFO or device is never waited on or read.
std::optional<FileBytes> read_file_bytes(const std::filesystem::path& path, const OpenRules& rules,
                                         std::string& error);

}  // namespace briefing
