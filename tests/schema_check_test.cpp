// searchd refuses an index of another schema version on whichever shard it is: Xapian answers a
// stub of several shards' metadata from the first alone, so each is asked by itself.
#include <fstream>
#include <optional>
#include <string>

#include <catch2/catch.hpp>

#include "errors.h"
#include "index_layout.h"
#include "index_stub.h"
#include "scratch_dir.h"
#include "searcher.h"
#include "small_index.h"

using briefing::testing::ScratchDir;
using briefing::testing::SmallBriefing;
using briefing::testing::SmallIndex;

namespace {

// The generation folder the indexer's stub names: a shard that a stub of shards can join.
std::string generation_of(const SmallIndex& index) {
  const auto lines = briefing::read_stub(index.path(), briefing::StubPolicy::kGeneration);
  return briefing::local_target(index.path(), lines.front()).string();
}

void set_version(const std::string& shard, const std::string& version) {
  Xapian::WritableDatabase db(shard, Xapian::DB_OPEN);
  db.set_metadata(std::string(briefing::layout::kSchemaVersionKey), version);
  db.commit();
}

// What opening the stub gives: no error, or the error's message.
std::optional<std::string> open_error(const std::string& stub) {
  try {
    briefing::Searcher searcher(stub);
    return std::nullopt;
  } catch (const briefing::IndexError& e) {
    return std::string(e.what());
  }
}

}  // namespace

TEST_CASE("schema check: every shard of a stub is checked, not only the first", "[schema]") {
  struct Row {
    const char* what;
    const char* first_version;   // nullptr: the version this searchd reads
    const char* second_version;  // the same
    int refused_shard;           // 0: opens; 1 or 2: the shard the error names
  };
  const Row rows[] = {
      {"both shards of this version", nullptr, nullptr, 0},
      {"the second shard of an older version", nullptr, "6", 2},
      {"the first shard of an older version", "6", nullptr, 1},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    SmallIndex a("schema-check-a", {SmallBriefing{"a-1", "2026-11-02", "First shard", "one"}});
    SmallIndex b("schema-check-b", {SmallBriefing{"b-1", "2026-11-03", "Second shard", "two"}});
    const std::string shards[] = {generation_of(a), generation_of(b)};
    if (row.first_version) set_version(shards[0], row.first_version);
    if (row.second_version) set_version(shards[1], row.second_version);
    ScratchDir dir("schema-check-stub");
    const std::string stub = (dir / "shards").string();
    std::ofstream(stub) << "auto " << shards[0] << "\nauto " << shards[1] << "\n";

    const std::optional<std::string> error = open_error(stub);
    if (row.refused_shard == 0) {
      CHECK_FALSE(error);
      continue;
    }
    REQUIRE(error);
    CHECK_THAT(*error, Catch::Contains("shard " + shards[row.refused_shard - 1]));
    CHECK_THAT(*error, Catch::Contains("schema version '6'"));
  }
}

TEST_CASE("schema check: an empty stub and a stub naming a stub are checked too", "[schema]") {
  SmallIndex a("schema-check-nested-a", {SmallBriefing{"a-1", "2026-11-02", "First", "one"}});
  SmallIndex b("schema-check-nested-b", {SmallBriefing{"b-1", "2026-11-03", "Second", "two"}});
  const std::string old_shard = generation_of(b);
  set_version(old_shard, "6");
  ScratchDir dir("schema-check-nested");
  const std::string empty = (dir / "empty").string(), inner = (dir / "inner").string(),
                    outer = (dir / "outer").string();
  std::ofstream(empty) << "# no databases\n";
  std::ofstream(inner) << "auto " << generation_of(a) << "\nauto " << old_shard << "\n";
  std::ofstream(outer) << "auto " << inner << "\n";

  const std::optional<std::string> empty_error = open_error(empty);
  REQUIRE(empty_error);
  CHECK_THAT(*empty_error, Catch::Contains("schema version ''"));
  const std::optional<std::string> nested_error = open_error(outer);
  REQUIRE(nested_error);
  CHECK_THAT(*nested_error, Catch::Contains("shard " + old_shard));
}
