// API keys: file parsing, hot reload on change, and the constant-time comparison.
#include "api_keys.h"
#include "text_util.h"

#include <sys/stat.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <stdexcept>

namespace briefing::http {

namespace {

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Parses the file, or nullopt when it cannot be read. Bad lines are skipped and logged by number
// (never by content: they may be keys).
template <typename Key>
std::optional<std::vector<Key>> read_keys(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::vector<Key> keys;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::string_view key = trim(line);
    if (key.empty() || key.front() == '#') continue;
    bool has_space = false;
    for (char c : key) has_space |= is_ascii_space(c);
    if (key.size() > Key{}.bytes.size() || has_space) {
      std::fprintf(stderr, "searchd: %s line %d: not a key (over %zu bytes or holds spaces)\n",
                   path.c_str(), number, Key{}.bytes.size());
      continue;
    }
    Key k;
    for (std::size_t i = 0; i < key.size(); ++i) k.bytes[i] = static_cast<unsigned char>(key[i]);
    k.size = key.size();
    keys.push_back(k);
  }
  if (in.bad()) return std::nullopt;
  return keys;
}

}  // namespace

ApiKeys::ApiKeys(std::string path, std::string kind)
    : path_(std::move(path)), kind_(std::move(kind)) {
  struct stat st {};
  if (::stat(path_.c_str(), &st) == 0)
    stamp_ = {st.st_mtim.tv_sec * 1'000'000'000LL + st.st_mtim.tv_nsec,
              static_cast<std::int64_t>(st.st_size), static_cast<std::int64_t>(st.st_ino)};
  auto keys = read_keys<Key>(path_);
  if (!keys) throw std::runtime_error("cannot read the " + kind_ + " file " + path_);
  if (keys->empty())
    std::fprintf(stderr, "searchd: warning: %s holds no %s: every request needing one is refused\n",
                 path_.c_str(), kind_.c_str());
  keys_ = std::make_shared<const KeySet>(std::move(*keys));
  next_check_ns_ = now_ns() + 1'000'000'000LL;
}

std::size_t ApiKeys::size() const {
  return current()->size();
}

std::shared_ptr<const ApiKeys::KeySet> ApiKeys::current() const {
  std::lock_guard lock(mutex_);
  return keys_;
}

void ApiKeys::reload_if_changed() {
  std::int64_t now = now_ns();
  std::int64_t due = next_check_ns_.load();
  // One thread per second looks at the file; the others go on with the current set.
  if (now < due || !next_check_ns_.compare_exchange_strong(due, now + 1'000'000'000LL)) return;

  struct stat st {};
  FileStamp stamp;
  if (::stat(path_.c_str(), &st) == 0)
    stamp = {st.st_mtim.tv_sec * 1'000'000'000LL + st.st_mtim.tv_nsec,
             static_cast<std::int64_t>(st.st_size), static_cast<std::int64_t>(st.st_ino)};
  {
    std::lock_guard lock(mutex_);
    if (stamp == stamp_ && !unreadable_logged_) return;
  }
  auto keys = read_keys<Key>(path_);
  std::lock_guard lock(mutex_);
  if (!keys) {
    if (!unreadable_logged_)
      std::fprintf(stderr, "searchd: cannot read %s; keeping the last %zu keys\n", path_.c_str(),
                   keys_->size());
    unreadable_logged_ = true;
    return;
  }
  unreadable_logged_ = false;
  stamp_ = stamp;
  std::fprintf(stderr, "searchd: re-read %s: %zu keys\n", path_.c_str(), keys->size());
  keys_ = std::make_shared<const KeySet>(std::move(*keys));
}

void ApiKeys::reload() {
  {
    std::lock_guard lock(mutex_);
    stamp_ = {};
  }
  next_check_ns_ = 0;
  reload_if_changed();
}

// Compares against every key over the whole padded length, with no early exit, so the time
// taken says nothing about how much of a key was right or which key it was.
bool ApiKeys::matches(std::string_view presented) const {
  if (presented.size() > kMaxKeyBytes) return false;
  std::array<unsigned char, kMaxKeyBytes> padded{};
  for (std::size_t i = 0; i < presented.size(); ++i)
    padded[i] = static_cast<unsigned char>(presented[i]);
  auto keys = current();
  unsigned found = 0;
  for (const Key& key : *keys) {
    std::size_t diff = key.size ^ presented.size();
    for (std::size_t i = 0; i < kMaxKeyBytes; ++i) diff |= key.bytes[i] ^ padded[i];
    found |= static_cast<unsigned>(diff == 0);
  }
  return found != 0;
}

ApiKeys::Verdict ApiKeys::check(const std::string* authorization) {
  reload_if_changed();
  if (!authorization) return Verdict::missing;
  std::string_view value = trim(*authorization);
  constexpr std::string_view kScheme = "bearer";
  if (value.size() <= kScheme.size() || !is_ascii_space(value[kScheme.size()]) ||
      !ascii_iequals(value.substr(0, kScheme.size()), kScheme))
    return Verdict::malformed;
  std::string_view key = trim(value.substr(kScheme.size()));
  if (key.empty()) return Verdict::malformed;
  return matches(key) ? Verdict::accepted : Verdict::unknown;
}

bool ApiKeys::accepts(std::string_view key) {
  reload_if_changed();
  return !key.empty() && matches(key);
}

}  // namespace briefing::http
