// Source records as the index keeps them between runs: the hand-parsed decoder against records of
// this indexer, of indexers before stat-first detection, and broken values; and when a recorded
// stat may be trusted.
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "source_record.h"
#include "source_stat.h"

using briefing::SourceRecord;
using briefing::SourceStat;

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;

SourceStat stat_read_after(std::int64_t changed_ns, std::int64_t read_ns) {
  return {120, 77, 2049, changed_ns, changed_ns, read_ns};
}

}  // namespace

TEST_CASE("source record: values decode to their fields", "[indexer][record]") {
  struct Row {
    const char* value;
    std::optional<SourceRecord> expected;
  };
  const SourceStat stat = stat_read_after(5 * kSecond, 9 * kSecond);
  const std::vector<Row> rows = {
      {"abc 3 @120,77,2049,5000000000,5000000000,9000000000 /a b/c.json",
       SourceRecord{"abc", 3, "/a b/c.json", stat}},
      {"abc 3 /a b/c.json", SourceRecord{"abc", 3, "/a b/c.json", std::nullopt}},  // before stats
      {"- 2 /x.jsonl", SourceRecord{"-", 2, "/x.jsonl", std::nullopt}},            // read again
      {"abc 1 -", SourceRecord{"abc", 1, "-", std::nullopt}},                      // stdin
      {"", std::nullopt},
      {"abc", std::nullopt},
      {"abc x /p.json", std::nullopt},
      {"abc 3x /p.json", std::nullopt},
      {"abc -1 /p.json", std::nullopt},
  };
  for (const Row& row : rows) {
    INFO(row.value);
    auto got = briefing::decode(row.value);
    REQUIRE(got.has_value() == row.expected.has_value());
    if (!got) continue;
    CHECK(got->hash == row.expected->hash);
    CHECK(got->briefings == row.expected->briefings);
    CHECK(got->path == row.expected->path);
    REQUIRE(got->stat.has_value() == row.expected->stat.has_value());
    if (got->stat) {
      CHECK(got->stat->same_inode_state(*row.expected->stat));
      CHECK(got->stat->read_ns == row.expected->stat->read_ns);
    }
    CHECK(briefing::encode(*got) == row.value);  // and encode back to the same value
  }
}

TEST_CASE("source record: a stat is trusted only when the read came settled after the change",
          "[indexer][record]") {
  struct Row {
    const char* what;
    SourceStat recorded, now;
    bool trusted;
  };
  const SourceStat settled = stat_read_after(0, briefing::kSettledSeconds * kSecond);
  SourceStat late_ctime = settled;
  late_ctime.changed_ns = kSecond;  // a write the mtime does not show
  SourceStat other_size = settled, other_inode = settled, other_mtime = settled,
             other_ctime = settled;
  other_size.size += 1;
  other_inode.inode += 1;
  other_mtime.modified_ns += 1;
  other_ctime.changed_ns += 1;
  const std::vector<Row> rows = {
      {"read exactly the window after the change", settled, settled, true},
      {"read just inside the window", stat_read_after(0, briefing::kSettledSeconds * kSecond - 1),
       settled, false},
      {"ctime inside the window", late_ctime, late_ctime, false},
      {"another size", settled, other_size, false},
      {"another inode", settled, other_inode, false},
      {"another mtime", settled, other_mtime, false},
      {"another ctime", settled, other_ctime, false},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    CHECK(briefing::unchanged_since(row.recorded, row.now) == row.trusted);
  }
}
