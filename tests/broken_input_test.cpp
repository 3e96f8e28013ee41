// Hostile source files: each is skipped, named on stderr with a reason, and counted; every good
// briefing in the same run is indexed; an earlier good version of a now-broken file stays.
#include <filesystem>
#include <fstream>
#include <string>

#include <xapian.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "scratch_dir.h"
#include "subprocess.h"

namespace fs = std::filesystem;
using briefing::testing::run;
using briefing::testing::ScratchDir;
using nlohmann::json;

namespace {

struct BrokenFile {
  const char* name;
  std::string bytes;
};

std::vector<BrokenFile> broken_files() {
  return {
      {"truncated.json", R"({"id": "t", "title": "Cut off", "published": "2026-01-0)"},
      {"binary.json", std::string("\x00\x01\x02\xff\xfe{\"id\":1}", 12)},
      {"bad-utf8.json",
       "{\"id\": \"u\", \"title\": \"Caf\xe9\", \"published\": \"2026-01-01\", \"body\": \"x\"}"},
      {"nesting.json", std::string(100000, '[') + std::string(100000, ']')},
      {"no-title.json", R"({"id": "n", "published": "2026-01-01", "body": "No title."})"},
      {"bad-date.json",
       R"({"id": "d", "title": "When?", "published": "next Tuesday", "body": "x"})"},
      {"empty.json", ""},
  };
}

}  // namespace

TEST_CASE("hostile files: seven broken files are skipped and named; every good briefing is indexed",
          "[hostile]") {
  ScratchDir dir("broken");
  fs::copy(fs::path(BRIEFING_SOURCE_DIR) / "corpus", dir / "src", fs::copy_options::recursive);
  std::size_t good = 0;
  for (const auto& e : fs::directory_iterator(dir / "src")) good += e.path().extension() == ".json";
  for (const auto& f : broken_files())
    std::ofstream(dir / "src" / f.name, std::ios::binary) << f.bytes;
  std::string db = (dir / "x.db").string();
  auto r = run({BRIEFING_INDEXER, "--db", db, "--json", (dir / "src").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  json summary = json::parse(r.out.substr(r.out.find_last_of('{')));
  CHECK(summary["skipped"] == 7);
  CHECK(summary["added"] == good);
  CHECK(Xapian::Database(db).get_doccount() == good);
  for (const auto& f : broken_files()) {
    INFO(f.name);
    auto at = r.err.find(f.name);
    REQUIRE(at != std::string::npos);
    std::string line = r.err.substr(at, r.err.find('\n', at) - at);
    CHECK(line.size() > std::string(f.name).size() + 4);  // a reason follows the name
  }
}

TEST_CASE("hostile files: a file over the size limit is skipped, not truncated", "[hostile]") {
  // A JSON array is read whole, so the file limit applies (JSON Lines are streamed instead).
  ScratchDir dir("big");
  fs::create_directories(dir / "src");
  {
    std::ofstream big(dir / "src" / "big.json");
    std::string record = R"({"id": "x", "title": "T", "published": "2026-01-01", "body": ")" +
                         std::string(1000, 'a') + "\"}";
    big << "[" << record;
    for (int i = 1; i < 52 * 1024; ++i) big << ",\n" << record;  // about 50 MB
    big << "]";
  }
  std::string db = (dir / "x.db").string();
  auto r = run({BRIEFING_INDEXER, "--db", db, "--json", (dir / "src").string()});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("big.json") != std::string::npos);
  CHECK(r.err.find("over the limit") != std::string::npos);
  CHECK(json::parse(r.out.substr(r.out.find_last_of('{')))["skipped"] == 1);
}

TEST_CASE("hostile files: a good file that turns bad keeps its last good version searchable",
          "[hostile]") {
  ScratchDir dir("turns-bad");
  fs::create_directories(dir / "src");
  std::ofstream(dir / "src" / "a.json")
      << R"({"id": "a", "title": "Good", "published": "2026-01-01", "body": "Fine."})";
  std::string db = (dir / "x.db").string();
  REQUIRE(run({BRIEFING_INDEXER, "--db", db, (dir / "src").string()}).exit_code == 0);
  std::ofstream(dir / "src" / "a.json") << R"({"id": "a", "title": "Broken", "publ)";
  auto r = run({BRIEFING_INDEXER, "--db", db, "--json", (dir / "src").string()});
  REQUIRE(r.exit_code == 0);
  CHECK(json::parse(r.out.substr(r.out.find_last_of('{')))["skipped"] == 1);
  Xapian::Database x(db);
  REQUIRE(x.get_doccount() == 1);
  CHECK(json::parse(x.get_document(*x.postlist_begin("Qa")).get_data())["title"] == "Good");
}
