// The API keys of `searchd --api-keys FILE`: loaded at start, re-read when the file changes, and
// compared in constant time (see design.md; the check itself is in http_server.cpp's dispatch).
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace briefing::http {

class ApiKeys {
 public:
  // Longer keys are refused in the file and at the door, so every comparison costs the same.
  static constexpr std::size_t kMaxKeyBytes = 256;

  enum class Verdict { accepted, missing, malformed, unknown };

  // Reads `path` (one key per line; blank lines and '#' comments ignored). Throws
  // std::runtime_error when it cannot be read, so that a typo stops searchd at start. `kind`
  // names the file's keys in messages (the feed tokens are a set of keys too).
  explicit ApiKeys(std::string path, std::string kind = "API keys");

  // Checks an Authorization header value (nullptr when absent): only "Bearer KEY" with a known
  // KEY is accepted. Re-reads the file first when it changed (at most once a second).
  Verdict check(const std::string* authorization);
  // Whether `key` itself (a feed token from a URL, say) is in the file, compared the same way;
  // re-reads the file first when it changed.
  bool accepts(std::string_view key);

  std::size_t size() const;

  // Re-reads the file now, changed or not (SIGHUP: `systemctl reload searchd`).
  void reload();

 private:
  struct Key {
    std::array<unsigned char, kMaxKeyBytes> bytes{};  // zero-padded
    std::size_t size = 0;
  };
  using KeySet = std::vector<Key>;
  struct FileStamp {
    std::int64_t mtime_ns = -1, size = -1, inode = -1;
    bool operator==(const FileStamp&) const = default;
  };

  bool matches(std::string_view presented) const;
  void reload_if_changed();
  std::shared_ptr<const KeySet> current() const;

  std::string path_;
  std::string kind_;
  mutable std::mutex mutex_;  // guards keys_, stamp_ and unreadable_logged_
  std::shared_ptr<const KeySet> keys_;
  FileStamp stamp_;
  bool unreadable_logged_ = false;
  std::atomic<std::int64_t> next_check_ns_{0};
};

}  // namespace briefing::http
