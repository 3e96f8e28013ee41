// Stat-first change detection, as git's index does it: size, inode and both times must match, and
// a file changed within kSettledSeconds of being read is never trusted (git's "racy clean").
#include "source_stat.h"

#include <sys/stat.h>

#include <charconv>
#include <ctime>

namespace briefing {
namespace {

std::int64_t nanoseconds(const struct timespec& t) {
  return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

}  // namespace

std::int64_t now_ns() {
  struct timespec t {};
  ::clock_gettime(CLOCK_REALTIME, &t);
  return nanoseconds(t);
}

SourceStat source_stat_of(const struct stat& st, std::int64_t read_ns) {
  return {static_cast<std::uint64_t>(st.st_size),
          static_cast<std::uint64_t>(st.st_ino),
          static_cast<std::uint64_t>(st.st_dev),
          nanoseconds(st.st_mtim),
          nanoseconds(st.st_ctim),
          read_ns};
}

std::optional<SourceStat> stat_source(const std::filesystem::path& path, bool follow_link) {
  struct stat st {};
  int rc = follow_link ? ::stat(path.c_str(), &st) : ::lstat(path.c_str(), &st);
  if (rc != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return source_stat_of(st, 0);
}

bool settled(const SourceStat& recorded) {
  const std::int64_t limit = recorded.read_ns - kSettledSeconds * 1'000'000'000;
  return recorded.modified_ns <= limit && recorded.changed_ns <= limit;
}

bool unchanged_since(const SourceStat& recorded, const SourceStat& now) {
  return settled(recorded) && recorded.same_inode_state(now);
}

std::string encode_stat(const SourceStat& s) {
  return "@" + std::to_string(s.size) + "," + std::to_string(s.inode) + "," +
         std::to_string(s.device) + "," + std::to_string(s.modified_ns) + "," +
         std::to_string(s.changed_ns) + "," + std::to_string(s.read_ns);
}

std::optional<SourceStat> decode_stat(std::string_view text) {
  if (text.empty() || text.front() != '@') return std::nullopt;
  std::int64_t f[6];
  const char* p = text.data() + 1;
  const char* end = text.data() + text.size();
  for (int i = 0; i < 6; ++i) {
    auto [next, ec] = std::from_chars(p, end, f[i]);
    const bool last = i == 5;
    if (ec != std::errc() || (last ? next != end : next == end || *next != ','))
      return std::nullopt;
    p = last ? next : next + 1;
  }
  if (f[0] < 0) return std::nullopt;
  return SourceStat{static_cast<std::uint64_t>(f[0]),
                    static_cast<std::uint64_t>(f[1]),
                    static_cast<std::uint64_t>(f[2]),
                    f[3],
                    f[4],
                    f[5]};
}

}  // namespace briefing
