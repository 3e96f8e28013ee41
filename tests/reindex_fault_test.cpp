// Reindexing under faults, with the real indexer and searchd binaries over 1,674 briefings made
// from the KEV catalogue: exact incremental counts, the writer lock, kill -9 at random moments,
// rebuilds under a stream of queries, and a full disk. Bounded: each case finishes in seconds.
#include <sys/file.h>
#include <sys/mount.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include <xapian.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "http_client.h"
#include "index_store.h"
#include "scratch_dir.h"
#include "searchd_process.h"
#include "subprocess.h"

namespace fs = std::filesystem;
using briefing::testing::run;
using briefing::testing::ScratchDir;
using briefing::testing::SearchdProcess;
using briefing::testing::Subprocess;
using nlohmann::json;

namespace {

constexpr std::size_t kKevEntries = 1674;

// One briefing per KEV entry, one file each.
std::size_t write_kev_briefings(const fs::path& folder) {
  std::ifstream in(std::string(BRIEFING_SHARED_DIR) + "/data/kev.json");
  REQUIRE(in);
  json kev = json::parse(in);
  fs::create_directories(folder);
  std::size_t n = 0;
  for (const json& v : kev["vulnerabilities"]) {
    json b = {
        {"id", v["cveID"]},
        {"title", v["vendorProject"].get<std::string>() + " " + v["product"].get<std::string>() +
                      ": " + v["vulnerabilityName"].get<std::string>()},
        {"published", v["dateAdded"]},
        {"summary", v["shortDescription"]},
        {"body", v["requiredAction"]},
        {"vendors", json::array({v["vendorProject"]})}};
    std::ofstream(folder / (v["cveID"].get<std::string>() + ".json")) << b.dump();
    ++n;
  }
  return n;
}

std::vector<std::string> indexer(const std::string& db, const fs::path& source,
                                 std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {BRIEFING_INDEXER, "--db", db, "--json"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(source.string());
  return args;
}

json summary_of(const briefing::testing::RunResult& r) {
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  auto last = r.out.find_last_of('{');
  return json::parse(r.out.substr(last));
}

// xapian-check on the live generation, and its document count.
std::size_t checked_count(const std::string& db) {
  auto live = briefing::IndexStore(db).live();
  REQUIRE(live);
  auto check = run({"/usr/bin/xapian-check", live->string()});
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
  return Xapian::Database(db).get_doccount();
}

// Whether another process holds the index's writer lock now.
bool lock_held(const std::string& db) {
  int fd = ::open((db + ".lock").c_str(), O_RDWR);
  if (fd < 0) return false;
  bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
  if (!held) ::flock(fd, LOCK_UN);
  ::close(fd);
  return held;
}

struct Kev {
  ScratchDir dir{"kev"};
  fs::path src = dir / "kev";
  std::string db = (dir / "kev.db").string();
  Kev() {
    REQUIRE(write_kev_briefings(src) == kKevEntries);
    REQUIRE(summary_of(run(indexer(db, src)))["total"] == kKevEntries);
  }
};

}  // namespace

TEST_CASE("reindex: one changed, one added, one deleted of 1,674 is exactly 1/1/1, seen by searchd",
          "[reindex]") {
  Kev k;
  SearchdProcess searchd(k.db);
  {
    json b = json::parse(std::ifstream(k.src / "CVE-2021-44228.json"));
    b["title"] = "Log4Shell revisited: zyxquorrel";
    std::ofstream(k.src / "CVE-2021-44228.json") << b.dump();
    std::ofstream(k.src / "NEW-1.json")
        << R"({"id": "NEW-1", "title": "A new entry", "published": "2026-11-01", "body": "Fresh text."})";
    fs::remove(k.src / "CVE-2014-0160.json");
  }
  json s = summary_of(run(indexer(k.db, k.src)));
  CHECK(s["changed"] == 1);
  CHECK(s["added"] == 1);
  CHECK(s["deleted"] == 1);
  CHECK(s["unchanged"] == kKevEntries - 2);
  CHECK(s["total"] == kKevEntries);
  // searchd follows without a restart: within 5 s the change is searchable.
  bool seen = false;
  for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
       !seen && std::chrono::steady_clock::now() < deadline;) {
    auto r = briefing::testing::http_get(searchd.port(), "/search?q=zyxquorrel");
    seen = r.status == 200 && json::parse(r.body)["total"] == 1;
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(seen);
  auto health = json::parse(briefing::testing::http_get(searchd.port(), "/healthz").body);
  CHECK(health["documents"] == kKevEntries);
  CHECK_FALSE(health["last_change"].is_null());
}

TEST_CASE("reindex: searchd builds a new revision's facet table before any search asks",
          "[reindex]") {
  Kev k;
  SearchdProcess searchd(k.db);
  auto health = [&] {
    return json::parse(briefing::testing::http_get(searchd.port(), "/healthz").body);
  };
  json before = health();
  REQUIRE(before["facet_table_revision"] == before["revision"]);
  std::ofstream(k.src / "NEW-2.json")
      << R"({"id": "NEW-2", "title": "Another entry", "published": "2026-11-02", "body": "Text."})";
  REQUIRE(summary_of(run(indexer(k.db, k.src)))["added"] == 1);
  // Only /healthz is asked (it never builds the table): the warming in searchd's main does.
  bool caught_up = false;
  for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
       !caught_up && std::chrono::steady_clock::now() < deadline;) {
    json now = health();
    caught_up =
        now["revision"] != before["revision"] && now["facet_table_revision"] == now["revision"];
    if (!caught_up) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(caught_up);
}

TEST_CASE("reindex: a second run while the first writes exits 75 naming the lock", "[reindex]") {
  Kev k;
  Subprocess first(indexer(k.db, k.src, {"--full"}));
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!lock_held(k.db) && first.running() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  REQUIRE(lock_held(k.db));
  auto second = run(indexer(k.db, k.src));
  CHECK(second.exit_code == 75);
  CHECK(second.err.find("locked") != std::string::npos);
  auto done = first.wait();
  CHECK(done.exit_code == 0);
  // --wait waits for the lock instead.
  Subprocess third(indexer(k.db, k.src, {"--full"}));
  while (!lock_held(k.db) && third.running())
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  CHECK(run(indexer(k.db, k.src, {"--wait", "60"})).exit_code == 0);
  CHECK(third.wait().exit_code == 0);
}

TEST_CASE("reindex: kill -9 at random moments of a full rebuild leaves a whole index",
          "[reindex][kill]") {
  Kev k;
  auto started = std::chrono::steady_clock::now();
  summary_of(run(indexer(k.db, k.src, {"--full"})));
  auto full_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::steady_clock::now() - started)
                     .count();
  std::mt19937 random(20261125);
  for (int kill = 0; kill < 8; ++kill) {
    Subprocess rebuild(indexer(k.db, k.src, {"--full"}));
    std::uniform_int_distribution<long> moment(0, std::max<long>(full_ms, 1));
    std::this_thread::sleep_for(std::chrono::milliseconds(moment(random)));
    rebuild.kill9();
    rebuild.wait();
    INFO("kill " << kill);
    CHECK(checked_count(k.db) == kKevEntries);
  }
  // The next run cleans up what the killed ones left and completes.
  CHECK(summary_of(run(indexer(k.db, k.src, {"--full"})))["total"] == kKevEntries);
  std::size_t generations = 0;
  for (const auto& e : fs::directory_iterator(k.db + ".d")) generations += e.is_directory();
  CHECK(generations <= 2);
}

TEST_CASE("reindex: kill -9 of an incremental run leaves the old set or the new",
          "[reindex][kill]") {
  Kev k;
  std::mt19937 random(7);
  for (int round = 0; round < 4; ++round) {
    // 50 new briefings per round; the kill lands before or after the commit.
    std::size_t before = Xapian::Database(k.db).get_doccount();
    for (int i = 0; i < 50; ++i) {
      char id_text[32];
      std::snprintf(id_text, sizeof id_text, "R%d-%02d", round, i);
      const std::string id = id_text;
      std::ofstream(k.src / (id + ".json")) << json{
          {"id", id},
          {"title", "Round"},
          {"published", "2026-11-01"},
          {"body", "Added in a round."}}.dump();
    }
    Subprocess update(indexer(k.db, k.src));
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 150)(random)));
    update.kill9();
    update.wait();
    std::size_t after = checked_count(k.db);
    INFO("round " << round << ": " << before << " -> " << after);
    CHECK((after == before || after == before + 50));
    summary_of(run(indexer(k.db, k.src)));  // completes the round
    CHECK(Xapian::Database(k.db).get_doccount() == before + 50);
  }
}

TEST_CASE("reindex: searchd answers every request while rebuilds switch over", "[reindex]") {
  Kev k;
  SearchdProcess searchd(k.db);
  std::atomic<bool> rebuilding{true};
  std::atomic<int> rebuilds{0};
  std::thread writer([&] {
    for (int i = 0; i < 3; ++i)
      if (run(indexer(k.db, k.src, {"--full"})).exit_code == 0) ++rebuilds;
    rebuilding = false;
  });
  std::size_t requests = 0, failures = 0, wrong = 0;
  const char* queries[] = {"/search?q=remote+code+execution",
                           "/search?q=", "/search?vendor=Microsoft", "/healthz"};
  while (rebuilding) {
    auto r = briefing::testing::http_get(searchd.port(), queries[requests % 4]);
    ++requests;
    if (r.status != 200)
      ++failures;
    else if (requests % 4 == 2 && json::parse(r.body)["total"] != kKevEntries)
      ++wrong;
  }
  writer.join();
  CHECK(rebuilds == 3);
  CHECK(requests > 20);
  CHECK(failures == 0);
  CHECK(wrong == 0);
}

TEST_CASE("reindex: a full disk fails the run and leaves the index untouched", "[reindex][disk]") {
  ScratchDir dir("disk");
  fs::path mount = dir / "small-disk";
  fs::create_directories(mount);
  if (::mount("tmpfs", mount.c_str(), "tmpfs", 0, "size=4m") != 0) {
    WARN("cannot mount a small tmpfs here (not root?): disk-full case not run");
    return;
  }
  struct Unmount {
    fs::path p;
    ~Unmount() { ::umount2(p.c_str(), MNT_DETACH); }
  } unmount{mount};
  std::string db = (mount / "x.db").string();
  REQUIRE(summary_of(run(indexer(db, fs::path(BRIEFING_TESTS_DIR) / "data" / "small")))["total"] ==
          6);
  fs::path big = dir / "kev";
  write_kev_briefings(big);
  auto full = run(indexer(db, big));
  CHECK(full.exit_code == 1);
  CHECK_FALSE(full.err.empty());
  CHECK(checked_count(db) == 6);
  auto rebuild = run(indexer(db, big, {"--full"}));
  CHECK(rebuild.exit_code == 1);
  CHECK(checked_count(db) == 6);
}
