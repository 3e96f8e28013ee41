// Which shard of an index a briefing belongs to: `indexer --shard K/N` writes the briefings whose
// id falls in shard K, so N runs over the same sources give N disjoint indexes whose union is the
// one index. The hash is FNV-1a (64 bit) of the id's UTF-8 bytes, fixed here for good: a
// different hash would move briefings between shards, so it is never std::hash (which may change
// between builds) and never changes without a new schema version.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace briefing {

struct ShardSpec {
  unsigned index = 1;  // K, from 1
  unsigned count = 1;  // N
  bool operator==(const ShardSpec&) const = default;
};

// "K/N" with 1 <= K <= N (N at most 1024); std::invalid_argument naming what is wrong otherwise.
ShardSpec parse_shard_spec(std::string_view text);
// "K/N"; the empty string for no shard spec (the whole index), as stored in the index metadata.
std::string to_string(const std::optional<ShardSpec>& spec);
// The stored form back (empty: no spec); nullopt also for text that is not a spec.
std::optional<ShardSpec> stored_shard_spec(std::string_view stored);

// FNV-1a, 64 bit, of the id's bytes.
std::uint64_t shard_hash(std::string_view id);
// The shard (1..count) a briefing with this id belongs to.
unsigned shard_of(std::string_view id, unsigned count);
// Whether a run with `spec` (none: every briefing) writes the briefing with this id.
inline bool in_shard(const std::optional<ShardSpec>& spec, std::string_view id) {
  return !spec || shard_of(id, spec->count) == spec->index;
}

}  // namespace briefing
