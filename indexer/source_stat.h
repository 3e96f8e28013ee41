// What a source file's inode said when its bytes were read, so that the next run can tell a file
// nobody touched from its inode alone instead of reading and hashing it again.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

struct stat;

namespace briefing {

struct SourceStat {
  std::uint64_t size = 0, inode = 0, device = 0;
  std::int64_t modified_ns = 0, changed_ns = 0;  // st_mtim and st_ctim
  std::int64_t read_ns = 0;                      // the real-time clock when fstat was taken

  bool same_inode_state(const SourceStat& o) const {
    return size == o.size && inode == o.inode && device == o.device &&
           modified_ns == o.modified_ns && changed_ns == o.changed_ns;
  }
};

// How long before a file was read its last change must lie for its stat to be trusted. A write
// in the same clock tick as the last one may leave mtime as it was (file times come from a
// coarse clock, and from another machine's on NFS); a file changed this close to its read is
// read again next run, and trusted from the read after that.
inline constexpr std::int64_t kSettledSeconds = 3;

SourceStat source_stat_of(const struct stat& st, std::int64_t read_ns);

// The real-time clock now, in nanoseconds since the epoch (the clock file times come from).
std::int64_t now_ns();

// The stat of `path` now (through a link when `follow_link`), or nullopt when it cannot be had.
std::optional<SourceStat> stat_source(const std::filesystem::path& path, bool follow_link);

// Whether `now` shows the file exactly as it was when `recorded` was taken, long enough after
// its last change that a later write must have moved its times.
bool unchanged_since(const SourceStat& recorded, const SourceStat& now);

// Whether a record of `recorded` can ever be trusted; if not, the next read records it again.
bool settled(const SourceStat& recorded);

// "@size,inode,device,mtime,ctime,read_ns", and back (nullopt for anything else).
std::string encode_stat(const SourceStat& s);
std::optional<SourceStat> decode_stat(std::string_view text);

}  // namespace briefing
