// Reading a listed file that changed after it was listed: gone, swapped for a link or a FIFO,
// grown over the limit. Each is refused with a reason on the descriptor, never waited on.
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include <catch2/catch.hpp>

#include "scratch_dir.h"
#include "source_bytes.h"
#include "utf8_text.h"

namespace fs = std::filesystem;
using briefing::OpenRules;
using briefing::read_file_bytes;
using briefing::testing::ScratchDir;

TEST_CASE("source bytes: a file that changed after listing is refused with its reason",
          "[source-bytes]") {
  struct Row {
    const char* what;
    std::function<void(const fs::path& src, const fs::path& outside)> make;  // makes src/x.json
    bool follow_link;
    const char* reason;  // "" when the bytes are read
  };
  const std::vector<Row> rows = {
      {"a regular file",
       [](const fs::path& s, const fs::path&) { std::ofstream(s / "x.json") << "{}"; }, false, ""},
      {"gone since it was listed", [](const fs::path&, const fs::path&) {}, false, "No such file"},
      {"swapped for a link",
       [](const fs::path& s, const fs::path&) {
         std::ofstream(s / "y.json") << "{}";
         fs::create_symlink(s / "y.json", s / "x.json");
       },
       false, "became a link"},
      {"a followed link that leads out",
       [](const fs::path& s, const fs::path& o) {
         std::ofstream(o / "secret") << "{}";
         fs::create_symlink(o / "secret", s / "x.json");
       },
       true, "links outside SOURCE"},
      {"a folder on the way swapped for a link out",
       [](const fs::path& s, const fs::path& o) {
         fs::create_directories(o / "sub");
         std::ofstream(o / "sub" / "x.json") << "{}";
         fs::remove_all(s);
         fs::create_directory_symlink(o / "sub", s);
       },
       false, "links outside SOURCE"},
      {"a FIFO", [](const fs::path& s, const fs::path&) { ::mkfifo((s / "x.json").c_str(), 0644); },
       false, "not a regular file"},
      {"over the size limit",
       [](const fs::path& s, const fs::path&) {
         std::ofstream(s / "x.json") << std::string(101, 'x');
       },
       false, "over the limit of 100"},
  };
  for (const Row& row : rows) {
    SECTION(row.what) {
      ScratchDir dir("bytes");
      fs::path src = dir / "src", outside = dir / "outside";
      fs::create_directories(src);
      fs::create_directories(outside);
      fs::path root = fs::canonical(src);
      row.make(src, outside);
      std::string error;
      auto started = std::chrono::steady_clock::now();
      auto read = read_file_bytes(src / "x.json", {root, row.follow_link, 100}, error);
      CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
      if (std::string(row.reason).empty()) {
        REQUIRE(read);
        CHECK(read->bytes == "{}");
      } else {
        CHECK_FALSE(read);
        CHECK_THAT(error, Catch::Contains(row.reason));
      }
    }
  }
}

TEST_CASE("source bytes: names of any bytes print as one unambiguous line", "[source-bytes]") {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"plain.json", "plain.json"},      {"caf\xc3\xa9.json", "caf\xc3\xa9.json"},
      {"caf\xe9.json", "caf\\xe9.json"}, {"two\nlines", "two\\x0alines"},
      {"esc\x1b[31m", "esc\\x1b[31m"},   {"back\\slash", "back\\x5cslash"},
      {"cut\xe2\x82", "cut\\xe2\\x82"},
  };
  for (const auto& [raw, shown] : rows) CHECK(briefing::printable(raw) == shown);
}
