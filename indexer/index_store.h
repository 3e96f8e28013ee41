// The index on disk: a Xapian stub file at the --db path naming the live generation, generations
// beside it in "<db>.d/", and a lock file that admits one writer at a time.
//
// A full rebuild writes a new generation and renames a new stub into place, so readers switch
// atomically and a killed rebuild leaves the live generation untouched.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace briefing {

// Held for the whole run; released by the kernel even when the process is killed.
class WriterLock {
 public:
  WriterLock(WriterLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  WriterLock& operator=(WriterLock&&) = delete;
  ~WriterLock();

 private:
  friend class IndexStore;
  explicit WriterLock(int fd) : fd_(fd) {}
  int fd_;
};

// Throws IndexNotWritable when `error` (an errno) means the file system refused the write
// (permission, read-only), IndexError otherwise; the message gets the system's reason.
[[noreturn]] void throw_write_error(const std::string& message, int error);

class IndexStore {
 public:
  explicit IndexStore(std::filesystem::path db_path);

  // Takes the writer lock, waiting up to `wait_seconds`; throws IndexLocked when another run
  // still holds it, IndexNotWritable when the lock file may not be created, IndexError else.
  WriterLock lock(double wait_seconds) const;

  // The database the --db path opens today: a generation named by the stub, or the path itself
  // when it is a plain database folder; nullopt when there is no index yet. Throws
  // IndexUnreadable for a file that is not a stub as switch_to writes it.
  std::optional<std::filesystem::path> live() const;

  // A new, empty generation folder's path (not yet created); removes abandoned generations.
  std::filesystem::path next_generation() const { return next_generations(1).front(); }
  // `count` such paths, numbered in order; the last is the one to switch to.
  std::vector<std::filesystem::path> next_generations(std::size_t count) const;

  // Points the stub at `generation` atomically (write, fsync, rename) and removes generations
  // older than the one it replaces.
  void switch_to(const std::filesystem::path& generation) const;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path generations_dir() const;
  std::filesystem::path path_;
};

}  // namespace briefing
