// JSON Lines streamed record by record, through the real `indexer` binary into a real Xapian
// index: the file-size limit does not apply to them, the per-record limit skips one line alone,
// `-` reads standard input as a source of its own, and change detection still works.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <xapian.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "scratch_dir.h"
#include "subprocess.h"

namespace fs = std::filesystem;
using briefing::testing::RunResult;
using briefing::testing::ScratchDir;
using nlohmann::json;

namespace {

std::string line_of(const std::string& id, const std::string& summary = "An ordinary briefing.") {
  return json{{"id", id},
              {"title", "Streaming test " + id},
              {"published", "2026-05-01"},
              {"summary", summary}}
      .dump();
}

// `count` briefings s0, s1, ... one per line.
std::string lines(std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += line_of("s" + std::to_string(i)) + "\n";
  return out;
}

struct Stream {
  ScratchDir dir{"stream"};
  fs::path src = dir / "src";
  std::string db = (dir / "x.db").string();
  Stream() { fs::create_directories(src); }

  void write(const fs::path& path, const std::string& bytes) const {
    std::ofstream(path, std::ios::binary) << bytes;
  }
  // The indexer over `sources` with `options`; standard input from `input` when given.
  RunResult index(const std::vector<std::string>& sources, const std::vector<std::string>& options,
                  const std::string& input = "") const {
    std::vector<std::string> args = {BRIEFING_INDEXER, "--db", db, "--json"};
    args.insert(args.end(), options.begin(), options.end());
    args.insert(args.end(), sources.begin(), sources.end());
    if (input.empty()) return briefing::testing::run(args);
    write(dir / "stdin.jsonl", input);
    return briefing::testing::run_with_input(args, (dir / "stdin.jsonl").string());
  }
  json stored(const std::string& id) const {
    Xapian::Database x(db);
    auto it = x.postlist_begin("Q" + id);
    if (it == x.postlist_end("Q" + id)) return nullptr;
    return json::parse(x.get_document(*it).get_data());
  }
  Xapian::doccount count() const { return Xapian::Database(db).get_doccount(); }
};

json summary_of(const RunResult& r) {
  auto at = r.out.find_last_of('{');
  REQUIRE(at != std::string::npos);
  return json::parse(r.out.substr(at));
}

// The "skipped" lines of stderr, in order.
std::vector<std::string> skip_lines(const RunResult& r) {
  std::vector<std::string> out;
  for (auto at = r.err.find("skipped "); at != std::string::npos;
       at = r.err.find("skipped ", at + 1))
    out.push_back(r.err.substr(at, r.err.find('\n', at) - at));
  return out;
}

}  // namespace

TEST_CASE("limits: streamed JSON Lines have no file-size limit but a document over it is skipped",
          "[limits][stream]") {
  // 300 small records make ~30 KB, ten times the file limit given.
  struct Row {
    const char* name;
    std::string bytes;
    std::size_t added;
    std::vector<std::string> skipped;  // what the stderr lines name, after the path
  };
  const std::string array = "[" + line_of("a0") + "," + line_of("a1", std::string(4000, 'x')) + "]";
  const std::vector<Row> rows = {
      {"big.jsonl", lines(300), 300, {}},
      {"big.ndjson", lines(300), 300, {}},
      {"lines-in.json", lines(300), 300, {}},
      {"bom.jsonl", "\xEF\xBB\xBF" + lines(300), 300, {}},
      {"no-final-newline.jsonl", lines(300) + line_of("last"), 301, {}},
      {"array.json", array, 0, {": file is "}},
  };
  for (const Row& row : rows) {
    SECTION(row.name) {
      Stream s;
      s.write(s.src / row.name, row.bytes);
      REQUIRE(row.bytes.size() > 3000);
      RunResult r = s.index({s.src.string()}, {"--max-file-bytes", "3000"});
      INFO(r.err);
      REQUIRE(r.exit_code == 0);
      CHECK(summary_of(r)["added"] == row.added);
      CHECK(s.count() == row.added);
      std::vector<std::string> skipped = skip_lines(r);
      REQUIRE(skipped.size() == row.skipped.size());
      for (std::size_t i = 0; i < skipped.size(); ++i)
        CHECK(skipped[i].rfind("skipped " + (s.src / row.name).string() + row.skipped[i], 0) == 0);
    }
  }
}

TEST_CASE("limits: streamed JSON Lines skip a record over --max-record-bytes alone, by its line",
          "[limits][stream]") {
  struct Row {
    const char* case_name;
    std::string bytes;
    std::string where;  // the skipped line
    std::size_t added;
  };
  const std::string big = line_of("big", std::string(5000, 'y'));
  const std::vector<Row> rows = {
      {"in the middle", line_of("a") + "\n" + big + "\n" + line_of("b") + "\n", ":2", 2},
      {"the last line, without a newline", line_of("a") + "\n" + line_of("b") + "\n\n" + big, ":4",
       2},
      {"the first line", big + "\n" + line_of("a") + "\n" + line_of("b") + "\n", ":1", 2},
  };
  for (const Row& row : rows) {
    SECTION(row.case_name) {
      Stream s;
      s.write(s.src / "r.jsonl", row.bytes);
      RunResult r = s.index({s.src.string()}, {"--max-record-bytes", "2000"});
      INFO(r.err);
      REQUIRE(r.exit_code == 0);
      CHECK(summary_of(r)["added"] == row.added);
      CHECK(summary_of(r)["skipped"] == 1);
      CHECK(skip_lines(r) ==
            std::vector<std::string>{"skipped " + (s.src / "r.jsonl").string() + row.where +
                                     ": line is " + std::to_string(big.size()) +
                                     " bytes, over the limit of 2000 (--max-record-bytes)"});
      CHECK(s.stored("big").is_null());
      CHECK_FALSE(s.stored("a").is_null());
      CHECK_FALSE(s.stored("b").is_null());
      // Under the default limit the same file indexes whole.
      RunResult defaults = s.index({s.src.string()}, {});
      CHECK(summary_of(defaults)["skipped"] == 0);
      CHECK_FALSE(s.stored("big").is_null());
    }
  }
}

TEST_CASE("limits: streamed JSON Lines from standard input are a source of their own",
          "[limits][stream]") {
  Stream s;
  s.write(s.src / "file.jsonl", line_of("f1") + "\n");
  // A bad line is skipped and named -:LINE; the good ones are indexed.
  RunResult first = s.index({"-", s.src.string()}, {},
                            line_of("i1") + "\n{\"id\": \"broken\n" + line_of("i2") + "\n");
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(summary_of(first)["added"] == 3);
  REQUIRE(skip_lines(first).size() == 1);
  CHECK(skip_lines(first)[0].rfind("skipped -:2: ", 0) == 0);
  CHECK(s.stored("i1")["title"] == "Streaming test i1");

  // A later run with - replaces what standard input gave: i1 changed, i2 gone, i3 new.
  RunResult second =
      s.index({"-"}, {}, line_of("i1", "Now changed.") + "\n" + line_of("i3") + "\n");
  INFO(second.err);
  REQUIRE(second.exit_code == 0);
  json summary = summary_of(second);
  CHECK(summary["changed"] == 1);
  CHECK(summary["added"] == 1);
  CHECK(summary["deleted"] == 1);
  CHECK(summary["skipped"] == 0);
  CHECK(s.stored("i2").is_null());
  CHECK(s.stored("i1")["summary"] == "Now changed.");
  CHECK_FALSE(s.stored("f1").is_null());  // the folder was not named: its briefings stay

  // A run without - leaves standard input's briefings alone.
  RunResult third = s.index({s.src.string()}, {});
  INFO(third.err);
  REQUIRE(third.exit_code == 0);
  CHECK(summary_of(third)["deleted"] == 0);
  CHECK(s.count() == 3);  // f1, i1, i3
  for (const char* id : {"f1", "i1", "i3"}) CHECK_FALSE(s.stored(id).is_null());
}

TEST_CASE("limits: streamed JSON Lines keep change detection", "[limits][stream]") {
  Stream s;
  const fs::path file = s.src / "c.jsonl";
  s.write(file, lines(5));
  REQUIRE(summary_of(s.index({s.src.string()}, {}))["added"] == 5);

  RunResult same = s.index({s.src.string()}, {});
  REQUIRE(same.exit_code == 0);
  CHECK(summary_of(same)["unchanged"] == 5);
  CHECK(summary_of(same)["indexed"] == 0);

  std::string text = lines(5);
  text.replace(text.find("s3"), 2, "s3");  // same id, new summary on line 4
  text.replace(text.find("An ordinary", text.find("\"s3\"")), 11, "A different");
  s.write(file, text);
  RunResult one = s.index({s.src.string()}, {});
  REQUIRE(one.exit_code == 0);
  json summary = summary_of(one);
  CHECK(summary["changed"] == 1);
  CHECK(summary["unchanged"] == 4);
  CHECK(summary["added"] == 0);
  CHECK(summary["deleted"] == 0);
  CHECK(s.stored("s3")["summary"] == "A different briefing.");
}
