// Stat-first change detection through the real `indexer` binary into real indexes: a file whose
// inode is as its record says, and settled, is not opened at all; every way a file can change
// under an unchanged name sends it to be read again. The rows share two waits of a few seconds,
// since a record is trusted only once the file's last change lies kSettledSeconds before its read.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "scratch_dir.h"
#include "subprocess.h"

namespace fs = std::filesystem;
using briefing::testing::ScratchDir;
using nlohmann::json;

namespace {

std::string briefing_json(const std::string& id, const std::string& summary) {
  return json{
      {"id", id}, {"title", "Stat first " + id}, {"published", "2026-05-01"}, {"summary", summary}}
      .dump();
}

void write(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// A folder of three one-briefing files (a, b, c), a hidden store two links can point into, and
// a JSON Lines file with one bad line (read in part, so read on every run).
struct Folder {
  ScratchDir dir{"stat-first"};
  fs::path src = dir / "src";
  std::string db = (dir / "x.db").string();

  Folder() {
    fs::create_directories(src / ".store");
    for (const char* id : {"a", "b", "c"})
      write(src / (std::string(id) + ".json"), briefing_json(id, "Summary number one."));
    write(src / ".store" / "v1.json", briefing_json("l", "Linked version one."));
    write(src / ".store" / "v2.json", briefing_json("l", "Linked version two."));
    fs::create_symlink(src / ".store" / "v1.json", src / "l.json");
    write(src / "p.jsonl", briefing_json("p", "Partly read.") + "\n{not json\n");
  }

  json index(const std::vector<std::string>& options = {}) const {
    std::vector<std::string> args = {BRIEFING_INDEXER, "--db", db, "--json"};
    args.insert(args.end(), options.begin(), options.end());
    args.push_back(src.string());
    auto r = briefing::testing::run(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out.substr(r.out.find_last_of('{')));
  }
  Xapian::rev revision() const { return Xapian::Database(db).get_revision(); }
};

// Rewrites `path` with other bytes of the same length and puts its mtime back: only its ctime
// (which no call can set) tells the change.
void same_size_same_mtime(const fs::path& path) {
  auto mtime = fs::last_write_time(path);
  write(path, briefing_json("b", "Summary number two."));
  fs::last_write_time(path, mtime);
}

// Replaces `path` by a new file (another inode) with bytes of the same length and its mtime.
void renamed_over(const fs::path& path) {
  fs::path fresh = path.parent_path() / ".fresh.json";
  write(fresh, briefing_json("b", "Summary number six."));
  fs::last_write_time(fresh, fs::last_write_time(path));
  fs::rename(fresh, path);
}

// Records as an indexer before stat-first detection wrote them: "HASH COUNT PATH".
void drop_recorded_stats(const std::string& db) {
  const std::string kPrefix = "briefing.source:";
  Xapian::WritableDatabase x(db, Xapian::DB_OPEN);
  for (auto it = x.metadata_keys_begin(kPrefix); it != x.metadata_keys_end(kPrefix); ++it) {
    std::string value = x.get_metadata(*it);
    auto at = value.find(" @");
    if (at != std::string::npos) value.erase(at, value.find(' ', at + 1) - at);
    x.set_metadata(*it, value);
  }
  x.commit();
}

struct Expected {
  std::size_t read, added, changed, deleted, unchanged;
};

struct Row {
  const char* what;
  std::function<void(Folder&)> change;
  std::vector<std::string> options;  // of the run after the change
  Expected after;                    // that run's summary
  std::size_t read_next;             // files a plain run reads a settled while later
};

void check(const json& summary, const Expected& e) {
  CHECK(summary["sources_read"] == e.read);
  CHECK(summary["added"] == e.added);
  CHECK(summary["changed"] == e.changed);
  CHECK(summary["deleted"] == e.deleted);
  CHECK(summary["unchanged"] == e.unchanged);
}

void settle() {
  std::this_thread::sleep_for(std::chrono::milliseconds(3500));
}

}  // namespace

TEST_CASE("indexer: a settled file whose inode is as recorded is not read", "[indexer][stat]") {
  // p.jsonl is read on every run. A file changed just before a run is read by that run and, its
  // record not settled, by the next one too.
  const std::vector<Row> rows = {
      {"nothing changed", [](Folder&) {}, {}, {1, 0, 0, 0, 5}, 1},
      {"new bytes of the same size, mtime put back",
       [](Folder& f) { same_size_same_mtime(f.src / "b.json"); },
       {},
       {2, 0, 1, 0, 4},
       2},
      {"new bytes of a new size",
       [](Folder& f) { write(f.src / "b.json", briefing_json("b", "Longer summary, two.")); },
       {},
       {2, 0, 1, 0, 4},
       2},
      {"touched, same bytes",
       [](Folder& f) { fs::last_write_time(f.src / "a.json", fs::file_time_type::clock::now()); },
       {},
       {2, 0, 0, 0, 5},
       2},
      {"replaced by another inode with the same size and mtime",
       [](Folder& f) { renamed_over(f.src / "b.json"); },
       {},
       {2, 0, 1, 0, 4},
       2},
      {"a link pointed at another file",
       [](Folder& f) {
         fs::remove(f.src / "l.json");
         fs::create_symlink(f.src / ".store" / "v2.json", f.src / "l.json");
       },
       {},
       {2, 0, 1, 0, 4},
       1},  // the stat is of the file linked to, settled
      {"deleted", [](Folder& f) { fs::remove(f.src / "c.json"); }, {}, {1, 0, 0, 1, 4}, 1},
      {"--full reads everything", [](Folder&) {}, {"--full"}, {5, 0, 0, 0, 5}, 1},
      {"another extraction reads everything", [](Folder&) {}, {"--no-extract"}, {5, 0, 0, 0, 5}, 5},
      {"records without a stat are read once",
       [](Folder& f) { drop_recorded_stats(f.db); },
       {},
       {5, 0, 0, 0, 5},
       1},
  };
  std::vector<Folder> folders(rows.size());
  settle();
  for (Folder& f : folders) f.index();
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i].change(folders[i]);
  std::vector<json> after;
  std::vector<Xapian::rev> revisions;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    revisions.push_back(folders[i].revision());
    after.push_back(folders[i].index(rows[i].options));
  }
  settle();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    INFO(rows[i].what);
    check(after[i], rows[i].after);
    CHECK(folders[i].index()["sources_read"] == rows[i].read_next);
  }
  CHECK(folders[0].revision() == revisions[0]);  // a run that changed nothing commits nothing
}

TEST_CASE("indexer: a file changed just before it was read is read again", "[indexer][stat]") {
  Folder f;  // written just now: its records cannot be trusted yet
  json first = f.index();
  REQUIRE(first["sources"] == 5);
  CHECK(first["sources_read"] == 5);
  CHECK(f.index()["sources_read"] == 5);
  settle();
  CHECK(f.index()["sources_read"] == 5);  // recorded by a run that read them settled
  CHECK(f.index()["sources_read"] == 1);  // so only the partly read file is read
}
