// The value (slot layout::kOrderKey) that orders briefings the same way in every index: newest
// first, then by id ascending (byte order). Sorting by it with Xapian's stock descending value
// sort (set_sort_by_value / set_sort_by_relevance_then_value, reverse) breaks ties by id, so the
// order never depends on docids, which differ between one index and its shards. A KeyMaker
// would do the same but cannot run on a remote shard.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace briefing {

struct OrderKeyParts {
  std::int64_t published;  // seconds since the epoch
  std::string id;
  bool operator==(const OrderKeyParts&) const = default;
};

// Eight bytes of the time (big-endian, offset so that negative times sort first), then each id
// byte complemented (so a descending sort puts the smaller id first), then 0xFF (so an id sorts
// before the ids it is a prefix of). Ids holding a NUL byte order among themselves arbitrarily.
std::string order_key(std::int64_t published, std::string_view id);
// The value of layout::kUpdatedKey: when the briefing was last written (eight bytes, as above),
// then its order key, so that a stock descending value sort gives the last written first, ties
// by date then id, on remote shards too (where a MultiValueKeyMaker cannot run).
std::string updated_key(std::int64_t written, std::string_view order_key_value);
// The parts back; nullopt for a value that is not an order key.
std::optional<OrderKeyParts> parse_order_key(std::string_view key);

}  // namespace briefing
