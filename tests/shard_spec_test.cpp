// The shard spec, the stable id hash and the date-then-id order key (schema/): parsed, refused,
// round-tripped, and ordered as Xapian's descending value sort will order them.
#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "order_key.h"
#include "shard_spec.h"

using briefing::order_key;
using briefing::parse_shard_spec;

TEST_CASE("shard specs: K/N with 1 <= K <= N, anything else refused by name", "[schema]") {
  struct Row {
    const char* text;
    unsigned index, count;  // 0: refused
  };
  const Row rows[] = {{"1/1", 1, 1},  {"2/3", 2, 3}, {"3/3", 3, 3},  {"0/3", 0, 0},
                      {"4/3", 0, 0},  {"1/0", 0, 0}, {"3", 0, 0},    {"a/3", 0, 0},
                      {"1/3x", 0, 0}, {"", 0, 0},    {"-1/3", 0, 0}, {"1/2000", 0, 0}};
  for (const Row& row : rows) {
    INFO(row.text);
    if (row.count == 0) {
      CHECK_THROWS_AS(parse_shard_spec(row.text), std::invalid_argument);
      continue;
    }
    const briefing::ShardSpec spec = parse_shard_spec(row.text);
    CHECK(spec.index == row.index);
    CHECK(spec.count == row.count);
    CHECK(briefing::to_string(spec) == row.text);
    CHECK(briefing::stored_shard_spec(row.text) == spec);
  }
  CHECK(briefing::to_string(std::nullopt).empty());
  CHECK_FALSE(briefing::stored_shard_spec(""));
}

TEST_CASE("shard hash: FNV-1a 64 (its published test values), so shards never move", "[schema]") {
  CHECK(briefing::shard_hash("") == 0xcbf29ce484222325ULL);
  CHECK(briefing::shard_hash("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(briefing::shard_hash("foobar") == 0x85944171f73967e8ULL);
  // Every shard gets briefings, and each id exactly one shard.
  std::vector<int> per_shard(4, 0);
  for (int i = 0; i < 300; ++i) {
    const std::string id = "2026-05-" + std::to_string(i) + "-briefing";
    const unsigned k = briefing::shard_of(id, 3);
    REQUIRE(k >= 1);
    REQUIRE(k <= 3);
    ++per_shard[k];
    CHECK(briefing::in_shard(briefing::ShardSpec{k, 3}, id));
    CHECK_FALSE(briefing::in_shard(briefing::ShardSpec{k % 3 + 1, 3}, id));
  }
  for (int k = 1; k <= 3; ++k) CHECK(per_shard[k] > 60);
}

TEST_CASE("order key: newest first, then id ascending, under a descending byte sort", "[schema]") {
  struct Row {
    std::int64_t published;
    std::string id;
  };
  // In the order a search lists them.
  const std::vector<Row> rows = {
      {1780000000, "a"},    {1780000000, "ab"},   {1780000000, "b"}, {1780000000, "b\xc3\xa9"},
      {1770000000, "\x7f"}, {1770000000, "\xff"}, {0, "epoch"},      {-86400, "1969"},
  };
  std::vector<std::string> keys;
  for (const Row& row : rows) {
    keys.push_back(order_key(row.published, row.id));
    const auto parts = briefing::parse_order_key(keys.back());
    REQUIRE(parts);
    CHECK(parts->published == row.published);
    CHECK(parts->id == row.id);
  }
  std::vector<std::string> sorted = keys;
  std::sort(sorted.begin(), sorted.end(), std::greater<>());
  CHECK(sorted == keys);
  CHECK_FALSE(briefing::parse_order_key("short"));
}

TEST_CASE("updated key: last written first, then newest published, then id ascending", "[schema]") {
  struct Row {
    std::int64_t written;
    std::int64_t published;
    std::string id;
  };
  // In the order a feed lists them: an old briefing written last comes first.
  const std::vector<Row> rows = {
      {1790000000, 1500000000, "z"}, {1780000000, 1780000000, "a"}, {1780000000, 1780000000, "ab"},
      {1780000000, 1770000000, "a"}, {1770000000, 1790000000, "a"}, {0, 0, "epoch"},
  };
  std::vector<std::string> keys;
  for (const Row& row : rows)
    keys.push_back(briefing::updated_key(row.written, order_key(row.published, row.id)));
  std::vector<std::string> sorted = keys;
  std::sort(sorted.begin(), sorted.end(), std::greater<>());
  CHECK(sorted == keys);
  CHECK(std::string() < keys.back());  // a briefing written before the slot existed sorts last
}
