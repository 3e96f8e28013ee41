// Reading the bytes of one file the listing chose, without trusting that it is still what was
// listed: regular files only, never opened through a link that leads out of its SOURCE.
#pragma once

#include <ctime>
#include <filesystem>
#include <optional>
#include <string>

#include "source_stat.h"

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

// A file opened under the rules but not yet read: its descriptor (closed with the object) and
// what fstat said of it. Streamed readers read from `fd` themselves.
class OpenedFile {
 public:
  explicit OpenedFile(int fd) : fd_(fd) {}
  OpenedFile(OpenedFile&& other) noexcept
      : fd_(other.fd_), size_(other.size_), modified_(other.modified_), stat_(other.stat_) {
    other.fd_ = -1;
  }
  OpenedFile& operator=(OpenedFile&&) = delete;
  OpenedFile(const OpenedFile&) = delete;
  ~OpenedFile();
  int fd() const { return fd_; }
  std::size_t size() const { return size_; }  // as fstat said when it was opened
  std::time_t modified() const { return modified_; }
  const SourceStat& stat() const { return stat_; }  // taken before any byte was read

 private:
  friend std::optional<OpenedFile> open_source_file(const std::filesystem::path&, const OpenRules&,
                                                    std::string&);
  int fd_;
  std::size_t size_ = 0;
  std::time_t modified_ = 0;
  SourceStat stat_;
};

// Opens a regular file under `rules` (all but max_bytes, which is for whole reads), or nullopt
// with `error` saying why not, as read_file_bytes does.
std::optional<OpenedFile> open_source_file(const std::filesystem::path& path,
                                           const OpenRules& rules, std::string& error);

// Reads the rest of an opened file whole; nullopt with `error` over `max_bytes`.
std::optional<FileBytes> read_opened(OpenedFile& file, std::size_t max_bytes, std::string& error);

// The file's bytes, or nullopt with `error` saying why not (missing, no permission, a FIFO, a
// link out of `root`, over the size limit). A FIFO or device is never waited on or read.
std::optional<FileBytes> read_file_bytes(const std::filesystem::path& path, const OpenRules& rules,
                                         std::string& error);

}  // namespace briefing
