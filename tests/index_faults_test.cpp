// The index itself in trouble, through the real indexer binary: one exit code per cause (locked,
// unreadable, not writable), a corrupt live generation that --full replaces, stubs the indexer did
// not write, and index paths with spaces and other odd characters.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/mount.h>
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

namespace {

constexpr int kOk = 0, kUsage = 2, kUnreadable = 65, kLocked = 75, kNotWritable = 77;

const fs::path kCorpus = fs::path(BRIEFING_SOURCE_DIR) / "corpus";

RunResult index(const std::string& db, std::vector<std::string> extra = {},
                std::vector<std::string> prefix = {}) {
  std::vector<std::string> args = std::move(prefix);
  args.push_back(BRIEFING_INDEXER);
  args.push_back("--db");
  args.push_back(db);
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(kCorpus.string());
  return briefing::testing::run(args);
}

std::size_t corpus_size() {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(kCorpus)) n += e.path().extension() == ".json";
  return n;
}

// The live generation the stub at `db` names (one "auto PATH" line, relative to its folder).
fs::path live_generation(const std::string& db) {
  std::ifstream in(db);
  std::string line;
  std::getline(in, line);
  REQUIRE(line.rfind("auto ", 0) == 0);
  return fs::path(db).parent_path() / line.substr(5);
}

// A read-only bind mount of `folder` over itself, undone when it goes out of scope.
struct ReadOnlyMount {
  fs::path folder;
  bool mounted = false;
  explicit ReadOnlyMount(fs::path f) : folder(std::move(f)) {
    if (::mount(folder.c_str(), folder.c_str(), nullptr, MS_BIND, nullptr) != 0) return;
    mounted = true;
    if (::mount(nullptr, folder.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) != 0)
      mounted = false;
  }
  ~ReadOnlyMount() { ::umount2(folder.c_str(), MNT_DETACH); }
};

}  // namespace

TEST_CASE("index faults: each cause has its own exit code and message", "[index-faults]") {
  struct Row {
    const char* what;
    std::function<void(const ScratchDir&, const std::string& db)> damage;
    std::vector<std::string> extra;
    int exit_code;
    const char* message;
  };
  const std::vector<Row> rows = {
      {"a truncated postlist table, incremental run",
       [](const ScratchDir&, const std::string& db) {
         fs::resize_file(live_generation(db) / "postlist.glass", 8192);
       },
       {},
       kUnreadable,
       "--full"},
      {"an index of another schema version",
       [](const ScratchDir&, const std::string& db) {
         Xapian::WritableDatabase w(live_generation(db).string());
         w.set_metadata("briefing.schema_version", "0");
         w.commit();
       },
       {},
       kUnreadable,
       "--full"},
      {"a stub with a remote line (it would run a command)",
       [](const ScratchDir& dir, const std::string& db) {
         std::ofstream(db) << "remote :touch " << (dir / "ran").string() << "\n";
       },
       {"--full"},
       kUnreadable,
       "auto"},
      {"a stub with a second kind of line",
       [](const ScratchDir&, const std::string& db) {
         std::ofstream(db, std::ios::app) << "inmemory\n";
       },
       {},
       kUnreadable,
       ":2"},
      {"an index folder on a read-only file system, incremental",
       [](const ScratchDir&, const std::string&) {},
       {},
       kNotWritable,
       "Read-only file system"},
      {"an index folder on a read-only file system, --full",
       [](const ScratchDir&, const std::string&) {},
       {"--full"},
       kNotWritable,
       "Read-only file system"},
      {"another run holds the lock",
       [](const ScratchDir&, const std::string&) {},
       {},
       kLocked,
       "locked"},
      {"an option the indexer does not know",
       [](const ScratchDir&, const std::string&) {},
       {"--frobnicate"},
       kUsage,
       "frobnicate"},
  };
  for (const Row& row : rows) {
    SECTION(row.what) {
      ScratchDir dir("faults");
      fs::create_directories(dir / "idx");
      std::string db = (dir / "idx" / "x.db").string();
      REQUIRE(index(db).exit_code == kOk);
      row.damage(dir, db);
      std::optional<ReadOnlyMount> read_only;
      int lock_fd = -1;
      if (std::string(row.message) == "Read-only file system") {
        read_only.emplace(dir / "idx");
        if (!read_only->mounted) {
          WARN("cannot bind-mount read-only here (not root?): case not run");
          return;
        }
      }
      if (row.exit_code == kLocked) {
        lock_fd = ::open((db + ".lock").c_str(), O_RDWR);
        REQUIRE(::flock(lock_fd, LOCK_EX) == 0);
      }
      RunResult r = index(db, row.extra);
      if (lock_fd >= 0) ::close(lock_fd);
      INFO(r.err);
      CHECK(r.exit_code == row.exit_code);
      CHECK_THAT(r.err, Catch::Contains(row.message));
      CHECK_FALSE(fs::exists(dir / "ran"));
    }
  }
}

TEST_CASE("index faults: a user who may not write the index gets 77, not 75", "[index-faults]") {
  if (::geteuid() != 0 || !fs::exists("/usr/bin/setpriv")) {
    WARN("not root or no setpriv: case not run");
    return;
  }
  ScratchDir dir("not-writable");
  std::string db = (dir / "x.db").string();
  REQUIRE(index(db).exit_code == kOk);
  fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec);
  SECTION("nothing of it is the user's: our lock file is refused") {}
  SECTION("all but the generations are the user's: Xapian's lock file is refused") {
    for (const std::string& p : {dir.path().string(), db, db + ".lock"})
      REQUIRE(::chown(p.c_str(), 65534, 65534) == 0);
  }
  SECTION("all but the generations are the user's, and those may not even be read") {
    for (const std::string& p : {dir.path().string(), db, db + ".lock"})
      REQUIRE(::chown(p.c_str(), 65534, 65534) == 0);
    fs::permissions(db + ".d", fs::perms::owner_all);
  }
  for (std::vector<std::string> extra : {std::vector<std::string>{}, {"--full"}}) {
    RunResult r = index(
        db, extra, {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"});
    INFO(r.err);
    CHECK(r.exit_code == kNotWritable);
    CHECK_THAT(r.err, Catch::Contains("Permission denied"));
  }
}

TEST_CASE("index faults: --full over a corrupt live generation builds a new one and says so",
          "[index-faults]") {
  ScratchDir dir("corrupt");
  std::string db = (dir / "x.db").string();
  REQUIRE(index(db).exit_code == kOk);
  fs::path broken = live_generation(db);
  fs::resize_file(broken / "postlist.glass", 8192);
  RunResult r = index(db, {"--full", "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == kOk);
  CHECK_THAT(r.err, Catch::Contains("could not be read"));
  CHECK_THAT(r.err, Catch::Contains("--entities"));
  CHECK(live_generation(db) != broken);
  CHECK(Xapian::Database(db).get_doccount() == corpus_size());
  RunResult again = index(db);  // and incremental runs work on it
  INFO(again.err);
  CHECK(again.exit_code == kOk);
}

TEST_CASE("index faults: an index path with spaces and odd characters works on every run",
          "[index-faults]") {
  for (const char* name : {"my db", " leading space", "trailing space ", "tab\there", "quote'\"db",
                           "#hash", "back\\slash"}) {
    SECTION(name) {
      ScratchDir dir("odd-db");
      std::string db = (dir / name).string();
      for (std::vector<std::string> extra :
           {std::vector<std::string>{}, {}, {"--full"}, {}}) {  // first, later, full, after full
        RunResult r = index(db, extra);
        INFO(r.err);
        REQUIRE(r.exit_code == kOk);
      }
      // searchd opens the stub through Xapian: a search through it finds the corpus.
      Xapian::Database x(db);
      CHECK(x.get_doccount() == corpus_size());
      Xapian::Enquire enquire(x);
      enquire.set_query(Xapian::Query(""));
      CHECK(enquire.get_mset(0, 1000).size() == corpus_size());
    }
  }
}

TEST_CASE("index faults: an index path with a newline is refused as bad usage", "[index-faults]") {
  ScratchDir dir("newline-db");
  RunResult r = index((dir / "x\ny.db").string());
  CHECK(r.exit_code == kUsage);
  CHECK_FALSE(fs::exists(dir / "x\ny.db"));
}
