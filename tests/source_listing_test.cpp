// The listing of SOURCE folders: the walk gives the files in std::filesystem::path's order
// without sorting afterwards (a subfolder's files come where its name sorts among its
// siblings), with the stat the run reuses, for small folders and for a folder large enough to
// be stat'ed by two threads.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "content_hash.h"
#include "scratch_dir.h"
#include "source_files.h"
#include "source_record.h"

namespace fs = std::filesystem;
using briefing::testing::ScratchDir;

namespace {

// Writes each file (with its name as its bytes) and returns the briefing files' paths as
// std::filesystem::path sorts them.
std::vector<std::string> write_files(const fs::path& root, const std::vector<std::string>& names) {
  std::vector<fs::path> briefings;
  for (const std::string& name : names) {
    fs::create_directories((root / name).parent_path());
    std::ofstream(root / name) << name;
    const bool hidden = name.find("/.") != std::string::npos || name.front() == '.';
    if (briefing::source_kind(root / name) && !hidden) briefings.push_back(root / name);
  }
  std::sort(briefings.begin(), briefings.end());
  return {briefings.begin(), briefings.end()};
}

std::vector<std::string> listed_paths(const briefing::SourceListing& listing) {
  std::vector<std::string> paths;
  for (const briefing::SourceFile& file : listing.files) paths.push_back(file.path);
  return paths;
}

}  // namespace

TEST_CASE("source listing: files come in path order, each with its stat", "[indexer][listing]") {
  struct Row {
    const char* what;
    std::vector<std::string> names;
  };
  std::vector<std::string> many;  // above the size from which a folder is stat'ed in halves
  for (int i = 0; i < 5000; ++i) many.push_back("big/" + std::to_string(i * 7919 % 5000) + ".json");
  many.push_back("big/sub/inner.json");
  many.push_back("big/notes.csv");
  const std::vector<Row> rows = {
      {"a folder before a file whose name it prefixes",
       {"a.json", "a/b.json", "a.b/c.json", "a-z.json", "ab.json", "a/x/y.md"}},
      {"upper case before lower, and bytes above ASCII last",
       {"B.json", "b.json", "\xc3\xa9t\xc3\xa9.json", "Z/z.txt"}},
      {"hidden entries and other files passed over",
       {".hidden.json", ".git/x.json", "keep.json", "notes.csv", "deep/er/est/f.jsonl"}},
      {"a large folder", many},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    ScratchDir dir{"listing"};
    const fs::path root = fs::canonical(dir.path());
    const std::vector<std::string> expected = write_files(root, row.names);
    briefing::SourceListing listing = briefing::list_sources({root.string()});
    CHECK(listing.skipped.empty());
    CHECK(listed_paths(listing) == expected);
    for (const briefing::SourceFile& file : listing.files) {
      REQUIRE(file.stat);
      CHECK(file.stat->size == fs::file_size(file.path));
    }
  }
}

TEST_CASE("source keys: a path's key and its metadata key name each other", "[indexer][record]") {
  for (const std::string path : {"/srv/briefings/a.json", "-", "/", "/tmp/\xc3\xa9.md"}) {
    INFO(path);
    const briefing::SourceKey key = briefing::source_key(path);
    const std::string metadata = briefing::metadata_key(key);
    CHECK(metadata == "briefing.source:" + briefing::content_hash(path));
    CHECK(briefing::source_key_of(metadata) == key);
  }
  for (const char* broken : {"briefing.source:", "briefing.source:0123",
                             "other:", "briefing.source:0123456789abcdef0123456789ABCDEF",
                             "briefing.source:0123456789abcdef0123456789abcdeg"}) {
    INFO(broken);
    CHECK_FALSE(briefing::source_key_of(broken));
  }
}
