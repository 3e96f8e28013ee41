// The stub grammar and its two policies, as a table: what searchd serves (kServe) and what the
// indexer takes for its live generation (kGeneration).
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "errors.h"
#include "index_stub.h"
#include "scratch_dir.h"

using briefing::StubPolicy;

namespace {

enum class Outcome { kRead, kIndexError, kUnreadable };

struct Row {
  const char* what;
  const char* stub;  // nullptr: no file at all
  StubPolicy policy;
  Outcome outcome;
  std::vector<briefing::StubLine> lines;  // when read
  const char* message;                    // a part of the error's text, when refused
};

// Runs one row; returns the error's text ("" when the stub was read).
std::string check_row(const Row& row, const std::filesystem::path& path) {
  if (row.stub) std::ofstream(path, std::ios::binary) << row.stub;
  try {
    std::vector<briefing::StubLine> lines = briefing::read_stub(path, row.policy);
    CHECK(row.outcome == Outcome::kRead);
    REQUIRE(lines.size() == row.lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      CHECK(lines[i].backend == row.lines[i].backend);
      CHECK(lines[i].target == row.lines[i].target);
    }
    return "";
  } catch (const briefing::IndexUnreadable& e) {
    CHECK(row.outcome == Outcome::kUnreadable);
    return e.what();
  } catch (const briefing::IndexError& e) {
    CHECK(row.outcome == Outcome::kIndexError);
    return e.what();
  }
}

}  // namespace

TEST_CASE("index stub: one grammar, a policy for searchd and one for the indexer", "[stub]") {
  const StubPolicy serve = StubPolicy::kServe, generation = StubPolicy::kGeneration;
  const Outcome read = Outcome::kRead, error = Outcome::kIndexError,
                unreadable = Outcome::kUnreadable;
  const std::vector<Row> rows = {
      {"serve: one auto line",
       "auto x.db.d/g000001\n",
       serve,
       read,
       {{"auto", "x.db.d/g000001"}},
       ""},
      {"serve: comments and blank lines skipped",
       "# shards\n\nglass a folder\n",
       serve,
       read,
       {{"glass", "a folder"}},
       ""},
      {"serve: a remote shard and a chert database",
       "remote 127.0.0.1:33333\nchert old.db\n",
       serve,
       read,
       {{"remote", "127.0.0.1:33333"}, {"chert", "old.db"}},
       ""},
      {"serve: a remote line that would run a program",
       "auto a\nremote :xapian-progsrv a\n",
       serve,
       error,
       {},
       "line 2: 'remote :PROGRAM' would run a program"},
      {"serve: remote with spaces before the colon",
       "remote   :touch x\n",
       serve,
       error,
       {},
       "would run a program"},
      {"serve: a backend it does not serve",
       "inmemory\n",
       serve,
       error,
       {},
       "unknown backend 'inmemory'"},
      {"serve: a backend without a target", "auto   \n", serve, error, {}, "no database named"},
      {"serve: no file", nullptr, serve, error, {}, "cannot read the index stub"},
      {"generation: the line switch_to writes",
       "auto x.db.d/g000002\n",
       generation,
       read,
       {{"auto", "x.db.d/g000002"}},
       ""},
      {"generation: comments and blank lines, a path with spaces",
       "# written by hand\n\nauto my index.d/g000003\n",
       generation,
       read,
       {{"auto", "my index.d/g000003"}},
       ""},
      {"generation: a path that begins with a space, as Xapian reads it",
       "auto  x.d/g000004\n",
       generation,
       read,
       {{"auto", " x.d/g000004"}},
       ""},
      {"generation: a second line",
       "auto a\nauto b\n",
       generation,
       unreadable,
       {},
       ":2: not a line this indexer writes"},
      {"generation: another backend",
       "glass a\n",
       generation,
       unreadable,
       {},
       ":1: not a line this indexer writes"},
      {"generation: a remote line",
       "# ok\nremote :touch x\n",
       generation,
       unreadable,
       {},
       ":2: not a line this indexer writes"},
      {"generation: auto without a target",
       "auto\n",
       generation,
       unreadable,
       {},
       ":1: not a line this indexer writes"},
      {"generation: nothing but comments",
       "# nothing\n\n",
       generation,
       unreadable,
       {},
       "(an empty file)"},
      {"generation: no file", nullptr, generation, unreadable, {}, "cannot read"},
  };
  for (const Row& row : rows) {
    SECTION(row.what) {
      briefing::testing::ScratchDir dir("stub");
      std::string message = check_row(row, dir / "x.db");
      INFO(message);
      CHECK(message.find(row.message) != std::string::npos);
      if (row.outcome == Outcome::kUnreadable && row.stub)  // the line itself is never shown
        CHECK(message.find("touch") == std::string::npos);
    }
  }
}
