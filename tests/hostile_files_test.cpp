// Odd files in a source folder, through the real indexer binary: names that are not UTF-8, links
// out of the folder, FIFOs, lines of bad UTF-8, files another user may not read, and duplicate ids
// whose winner goes away. Each odd file is one skipped, named, counted file; the run goes on.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
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

std::string briefing_json(const std::string& id, const std::string& title) {
  json b = {{"title", title}, {"published", "2026-05-01"}, {"body", "Text of " + title + "."}};
  if (!id.empty()) b["id"] = id;
  return b.dump();
}

void write(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

// A source folder, a folder outside it, and an index beside them.
struct Tree {
  ScratchDir dir{"hostile"};
  fs::path src = dir / "src", outside = dir / "outside";
  std::string db = (dir / "x.db").string();
  Tree() {
    fs::create_directories(src);
    fs::create_directories(outside);
    write(src / "good.json", briefing_json("good", "A good briefing"));
  }
  RunResult index(const std::vector<std::string>& prefix = {}) const {
    std::vector<std::string> args = prefix;
    for (std::string a : {std::string(BRIEFING_INDEXER), std::string("--db"), db,
                          std::string("--json"), src.string()})
      args.push_back(a);
    return briefing::testing::run(args);
  }
  // The stored title of `id`, or "" when it is not in the index.
  std::string title(const std::string& id) const {
    Xapian::Database x(db);
    auto it = x.postlist_begin("Q" + id);
    if (it == x.postlist_end("Q" + id)) return "";
    return json::parse(x.get_document(*it).get_data())["title"];
  }
};

json summary_of(const RunResult& r) {
  auto at = r.out.find_last_of('{');
  REQUIRE(at != std::string::npos);
  return json::parse(r.out.substr(at));
}

// The stderr line that starts "skipped " and names `where`, or "".
std::string skip_line(const RunResult& r, const std::string& where) {
  for (auto at = r.err.find("skipped "); at != std::string::npos;
       at = r.err.find("skipped ", at + 1)) {
    std::string line = r.err.substr(at, r.err.find('\n', at) - at);
    if (line.find(where) != std::string::npos) return line;
  }
  return "";
}

struct OddCase {
  const char* what;
  std::function<void(const Tree&)> make;
  std::vector<std::pair<std::string, std::string>> skipped;  // (where, part of the reason)
  std::vector<std::string> indexed;                          // ids that must be in the index
  std::vector<std::string> absent;                           // ids that must not
};

std::vector<OddCase> odd_cases() {
  return {
      {"a name that is not UTF-8, no id in the file",
       [](const Tree& t) { write(t.src / "caf\xe9.json", briefing_json("", "Latin-1 name")); },
       {{"caf\\xe9.json", "not valid UTF-8"}},
       {"good"},
       {}},
      {"a Markdown file whose name is not UTF-8",
       [](const Tree& t) {
         write(t.src / "r\xe9sum\xe9.md", "---\npublished: 2026-05-01\n---\n# Title\n\nBody.\n");
       },
       {{"r\\xe9sum\\xe9.md", "not valid UTF-8"}},
       {"good"},
       {}},
      {"a link to a briefing outside the source folder",
       [](const Tree& t) {
         write(t.outside / "secret.json", briefing_json("secret", "Outside"));
         fs::create_symlink(t.outside / "secret.json", t.src / "x.json");
       },
       {{"x.json", "links outside SOURCE"}},
       {"good"},
       {"secret"}},
      {"a link to a folder outside the source folder",
       [](const Tree& t) {
         write(t.outside / "sub" / "secret.json", briefing_json("secret", "Outside"));
         fs::create_directory_symlink(t.outside / "sub", t.src / "linked");
       },
       {{"linked", "links outside SOURCE"}},
       {"good"},
       {"secret"}},
      {"a link inside the source folder is indexed once, under the file it names",
       [](const Tree& t) {
         write(t.src / "2026" / "inner.json", briefing_json("inner", "Inner"));
         fs::create_symlink(t.src / "2026" / "inner.json", t.src / "latest.json");
       },
       {},
       {"good", "inner"},
       {}},
      {"a broken link",
       [](const Tree& t) { fs::create_symlink(t.outside / "nothing.json", t.src / "gone.json"); },
       {{"gone.json", "link"}},
       {"good"},
       {}},
      {"a FIFO is never opened",
       [](const Tree& t) { REQUIRE(::mkfifo((t.src / "pipe.json").c_str(), 0644) == 0); },
       {{"pipe.json", "not a regular file"}},
       {"good"},
       {}},
      {"a JSON Lines line of bad UTF-8 drops that line only",
       [](const Tree& t) {
         write(t.src / "s.jsonl", briefing_json("l1", "One") + "\n" +
                                      "{\"id\": \"l2\", \"title\": \"Caf\xe9\"}\n" +
                                      briefing_json("l3", "Three") + "\n");
       },
       {{"s.jsonl:2", "UTF-8"}},
       {"good", "l1", "l3"},
       {"l2"}},
      {"the same in a .json file of JSON Lines",
       [](const Tree& t) {
         write(t.src / "s.json", briefing_json("j1", "One") + "\n" +
                                     "{\"id\": \"j2\", \"title\": \"Caf\xe9\"}\n" +
                                     briefing_json("j3", "Three") + "\n");
       },
       {{"s.json:2", "UTF-8"}},
       {"good", "j1", "j3"},
       {"j2"}},
  };
}

// Runs the indexer as `nobody` (tests run as root, who may read anything).
std::vector<std::string> as_nobody() {
  return {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"};
}

bool can_run_as_nobody() {
  return ::geteuid() == 0 && fs::exists("/usr/bin/setpriv");
}

}  // namespace

TEST_CASE("hostile files: each odd file is one skipped, named, counted file", "[hostile]") {
  for (const OddCase& c : odd_cases()) {
    SECTION(c.what) {
      Tree t;
      c.make(t);
      for (int pass = 1; pass <= 2; ++pass) {  // the second, incremental run says the same
        INFO("run " << pass);
        RunResult r = t.index();
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        CHECK(summary_of(r)["skipped"] == c.skipped.size());
        for (const auto& [where, reason] : c.skipped) {
          std::string line = skip_line(r, where);
          CHECK_THAT(line, Catch::Contains(reason));
        }
        for (const auto& id : c.indexed) CHECK(t.title(id) != "");
        for (const auto& id : c.absent) CHECK(t.title(id) == "");
      }
    }
  }
}

TEST_CASE("hostile files: a link to a file outside is dropped from an index that held it",
          "[hostile]") {
  Tree t;
  write(t.outside / "secret.json", briefing_json("secret", "Outside"));
  write(t.src / "x.json", briefing_json("secret", "Inside"));
  REQUIRE(t.index().exit_code == 0);
  REQUIRE(t.title("secret") == "Inside");
  fs::remove(t.src / "x.json");
  fs::create_symlink(t.outside / "secret.json", t.src / "x.json");
  RunResult r = t.index();
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(skip_line(r, "x.json"), Catch::Contains("links outside SOURCE"));
  CHECK(t.title("secret") == "");
}

TEST_CASE("hostile files: a file or folder the indexer may not read is skipped and the rest stays",
          "[hostile]") {
  if (!can_run_as_nobody()) {
    WARN("not root or no setpriv: the permission cases are not run");
    return;
  }
  Tree t;
  write(t.src / "closed" / "inner.json", briefing_json("inner", "Inner"));
  write(t.src / "secret.json", briefing_json("secret", "Secret"));
  // The index folder belongs to nobody; the sources stay root's, readable by all at first.
  fs::create_directories(t.dir / "index");
  REQUIRE(::chown((t.dir / "index").c_str(), 65534, 65534) == 0);
  std::string db = (t.dir / "index" / "x.db").string();
  auto index = [&] {
    std::vector<std::string> args = as_nobody();
    for (std::string a : {std::string(BRIEFING_INDEXER), std::string("--db"), db,
                          std::string("--json"), t.src.string()})
      args.push_back(a);
    return briefing::testing::run(args);
  };
  RunResult first = index();
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  REQUIRE(summary_of(first)["added"] == 3);

  fs::permissions(t.src / "closed", fs::perms::none);
  fs::permissions(t.src / "secret.json", fs::perms::owner_read | fs::perms::owner_write);
  write(t.src / "secret.json", briefing_json("secret", "Secret, changed"));
  RunResult r = index();
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(summary_of(r)["skipped"] == 2);
  CHECK_THAT(skip_line(r, "closed"), Catch::Contains("Permission denied"));
  CHECK_THAT(skip_line(r, "secret.json"), Catch::Contains("Permission denied"));
  Xapian::Database x(db);  // what they held before stays searchable
  CHECK(x.get_doccount() == 3);
  CHECK(x.get_termfreq("Qinner") == 1);
  CHECK(x.get_termfreq("Qsecret") == 1);
}

TEST_CASE("hostile files: a duplicate id comes back from the loser in the run its winner goes",
          "[hostile]") {
  struct Row {
    const char* what;
    std::vector<std::pair<const char*, std::string>> before;  // files, in the order written
    std::function<void(const fs::path&)> change;
    std::string title;  // of id "dup" after one incremental run
  };
  const std::string md = "---\nid: dup\npublished: 2026-05-01\n---\n# From Markdown\n\nBody.\n";
  const std::vector<Row> rows = {
      {"the winner is deleted",
       {{"a.json", briefing_json("dup", "From a")}, {"b.json", briefing_json("dup", "From b")}},
       [](const fs::path& src) { fs::remove(src / "a.json"); },
       "From b"},
      {"the winner no longer has the id",
       {{"a.json", briefing_json("dup", "From a")}, {"b.json", briefing_json("dup", "From b")}},
       [](const fs::path& src) { write(src / "a.json", briefing_json("other", "Other")); },
       "From b"},
      {"a Markdown winner is deleted",
       {{"a.md", md}, {"b.json", briefing_json("dup", "From b")}},
       [](const fs::path& src) { fs::remove(src / "a.md"); },
       "From b"},
      {"a JSON winner is deleted, the loser is Markdown",
       {{"a.json", briefing_json("dup", "From a")}, {"b.md", md}},
       [](const fs::path& src) { fs::remove(src / "a.json"); },
       "From Markdown"},
      {"a later file held the id first, an earlier one took it, then went",
       {{"z.json", briefing_json("dup", "From z")}, {"a.json", briefing_json("dup", "From a")}},
       [](const fs::path& src) { fs::remove(src / "a.json"); },
       "From z"},
  };
  for (const Row& row : rows) {
    SECTION(row.what) {
      Tree t;
      for (const auto& [name, bytes] : row.before) {  // one run per file: the order they came in
        write(t.src / name, bytes);
        REQUIRE(t.index().exit_code == 0);
      }
      REQUIRE(t.title("dup") != row.title);
      row.change(t.src);
      RunResult r = t.index();
      INFO(r.err);
      REQUIRE(r.exit_code == 0);
      CHECK(t.title("dup") == row.title);
      CHECK(t.index().exit_code == 0);  // and it stays
      CHECK(t.title("dup") == row.title);
    }
  }
}

TEST_CASE("hostile files: a file read in part and then deleted takes its briefings with it",
          "[hostile]") {
  Tree t;
  write(t.src / "s.jsonl",
        briefing_json("p1", "One") + "\n" + R"({"id": "p2", "published": "2026-05-01"})" + "\n");
  RunResult first = t.index();
  REQUIRE(first.exit_code == 0);
  REQUIRE(summary_of(first)["skipped"] == 1);
  REQUIRE(t.title("p1") == "One");
  fs::remove(t.src / "s.jsonl");
  RunResult r = t.index();
  REQUIRE(r.exit_code == 0);
  CHECK(summary_of(r)["deleted"] == 1);
  CHECK(t.title("p1") == "");
}

TEST_CASE("hostile files: a SOURCE that is itself a link is the operator's choice and is read",
          "[hostile]") {
  Tree t;
  write(t.src / "2026" / "inner.json", briefing_json("inner", "Inner"));
  fs::create_symlink(t.src / "2026" / "inner.json", t.src / "latest.json");
  fs::create_directory_symlink(t.src, t.dir / "via-link");
  write(t.outside / "one.json", briefing_json("one", "Named directly"));
  fs::create_symlink(t.outside / "one.json", t.dir / "one-link.json");
  RunResult r =
      briefing::testing::run({BRIEFING_INDEXER, "--db", t.db, "--json",
                              (t.dir / "via-link").string(), (t.dir / "one-link.json").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(summary_of(r)["skipped"] == 0);
  CHECK(summary_of(r)["added"] == 3);
  for (const char* id : {"good", "inner", "one"}) CHECK(t.title(id) != "");
}
