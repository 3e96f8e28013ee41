// The shard half of the cluster test (ctest label `cluster`): the real advisories indexed once
// and as three shards (indexer --shard K/3), each shard served by its own xapian-tcpsrv on a free
// loopback port, a searchd over the stub of `remote` lines and a searchd over the one index; the
// same searches give the same ids in the same order, the same totals, every facet count and the
// same related events. A hidden case ([.bench]) times the same searches over both.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "errors.h"
#include "http_client.h"
#include "index_run.h"
#include "loopback_socket.h"
#include "process_control.h"
#include "scratch_dir.h"
#include "searchd_process.h"

using briefing::testing::ScratchDir;
using briefing::testing::SearchdProcess;
using nlohmann::json;

namespace {

const std::string kShared = BRIEFING_SHARED_DIR;
constexpr unsigned kShards = 3;

// A port nobody listens on now (the kernel's choice for port 0).
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length) != 0) {
    ::close(fd);
    throw std::runtime_error("no free port");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

// One xapian-tcpsrv over one shard, read-only, on loopback. It kills its whole process group on
// SIGTERM, so setsid gives it one of its own (setsid execs in place: the pid is the server's).
class ShardServer {
 public:
  explicit ShardServer(const std::string& db) : port_(free_port()) {
    pid_ = briefing::testing::spawn_child({"setsid", "xapian-tcpsrv", "--quiet", "--interface",
                                           "127.0.0.1", "--port", std::to_string(port_), db},
                                          {});
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!accepts()) {
      if (std::chrono::steady_clock::now() > deadline ||
          briefing::testing::wait_until(pid_, std::chrono::steady_clock::now())) {
        stop();
        throw std::runtime_error("xapian-tcpsrv (package xapian-tools) did not start for " + db);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polling, within the deadline
    }
  }
  ~ShardServer() { stop(); }
  ShardServer(const ShardServer&) = delete;
  ShardServer& operator=(const ShardServer&) = delete;
  int port() const { return port_; }

 private:
  bool accepts() const {
    try {
      briefing::testing::LoopbackSocket probe(port_);
      return true;
    } catch (const std::exception&) {
      return false;
    }
  }
  void stop() {
    if (pid_ > 0) briefing::testing::terminate_child(pid_, std::chrono::seconds(5));
    pid_ = -1;
  }
  int port_;
  pid_t pid_ = -1;
};

// The advisories as Markdown files (the id is the file name), indexed with the MISP actors.
briefing::RunSummary index_advisories(const std::filesystem::path& md, const std::string& db,
                                      std::optional<briefing::ShardSpec> shard) {
  briefing::RunOptions options;
  options.db_path = db;
  options.sources = {md.string()};
  options.entity_files = {kShared + "/data/misp-threat-actor.json"};
  options.shard = shard;
  return briefing::run_indexer(options);
}

// Both indexes, the shard servers, the stub and the two searchds, once for the file.
class Cluster {
 public:
  static Cluster& get() {
    static Cluster cluster;
    return cluster;
  }
  ScratchDir dir{"shards"};
  std::string single = (dir / "single").string();
  std::vector<briefing::RunSummary> shard_runs;
  std::vector<std::unique_ptr<ShardServer>> servers;
  std::unique_ptr<SearchdProcess> one_index, remote;

  std::string shard_db(unsigned k) const { return (dir / ("shard" + std::to_string(k))).string(); }

 private:
  Cluster() {
    const std::filesystem::path md = dir / "md";
    std::filesystem::create_directories(md);
    std::ifstream in(kShared + "/data/wasoc-advisories.jsonl");
    for (std::string line; std::getline(in, line);) {
      json a = json::parse(line);
      std::ofstream(md / (a["id"].get<std::string>() + ".md")) << a["text"].get<std::string>();
    }
    index_advisories(md, single, std::nullopt);
    std::ofstream stub(dir / "cluster.stub");
    for (unsigned k = 1; k <= kShards; ++k) {
      shard_runs.push_back(index_advisories(md, shard_db(k), briefing::ShardSpec{k, kShards}));
      servers.push_back(std::make_unique<ShardServer>(shard_db(k)));
      stub << "remote 127.0.0.1:" << servers.back()->port() << "\n";
    }
    stub.close();
    // Over remote shards near-duplicates never fold (each shard groups only its own briefings):
    // the one index is asked not to either, so that the two give the same answers.
    one_index = std::make_unique<SearchdProcess>(
        single, std::vector<std::string>{"--fold-near-duplicates=false"});
    // Did-you-mean from a local index's spelling table: the shards' cannot be read remotely.
    remote = std::make_unique<SearchdProcess>((dir / "cluster.stub").string(),
                                              std::vector<std::string>{"--spelling", single});
  }
};

json get_json(const SearchdProcess& searchd, const std::string& target) {
  const auto reply = briefing::testing::http_get(searchd.port(), target);
  INFO(target << " -> " << reply.status << " " << reply.body);
  REQUIRE(reply.status == 200);
  return json::parse(reply.body);
}

std::vector<std::string> hit_ids(const json& answer) {
  std::vector<std::string> ids;
  for (const json& hit : answer["hits"]) ids.push_back(hit["id"]);
  return ids;
}

// The searches both must answer alike: words, phrases, filters (one value, several, several
// facets), dates, pages, sort by date, browsing with and without filters.
const std::vector<std::string> kSearches = {
    "q=ransomware",
    "q=ransomware&page=2&per_page=5",
    "q=%22remote+code+execution%22",
    "q=%22remote+code+execution%22&sort=date",
    "q=citrix+netscaler&per_page=50",
    "q=microsoft+exchange+vulnerability",
    "q=phishing+campaign&sort=date&per_page=20",
    "q=vulnerability&vendor=Microsoft",
    "q=vulnerability&vendor=Microsoft&vendor=Fortinet",
    "q=vulnerability&from=2023-01-01&to=2023-06-30&region=AU",
    "q=exploited&actor=LockBit",
    "q=update&vendor=Cisco&region=AU",
    "q=patch&from=2025-01-01",
    "q=critical&to=2023-03-31&sort=date&page=3",
    "q=fortinet+OR+fortigate",
    "q=%22zero+day%22+chrome",
    "q=apt28",
    "q=security+updates&page=4&per_page=25",
    "",
    "page=7&per_page=30",
    "vendor=Microsoft&vendor=Fortinet&per_page=20&page=2",
    "actor=LockBit",
    "region=AU&from=2024-01-01&to=2024-12-31",
    "vendor=Google&sort=date&page=2",
    "from=2023-07-01&to=2023-07-31&per_page=100",
};

}  // namespace

TEST_CASE("indexer --shard: three disjoint shards whose union is the one index", "[cluster]") {
  Cluster& cluster = Cluster::get();
  std::size_t total = 0;
  for (const briefing::RunSummary& run : cluster.shard_runs) {
    CHECK(run.total > 200);  // each shard holds a fair part of the 1,129
    total += run.total;
  }
  const json all = get_json(*cluster.one_index, "/search?per_page=1");
  CHECK(total == all["total"].get<std::size_t>());
  CHECK(total == 1129);
}

TEST_CASE("indexer --shard: a run with another spec over a shard is refused", "[cluster]") {
  Cluster& cluster = Cluster::get();
  const std::filesystem::path md = cluster.dir / "md";
  CHECK_THROWS_WITH(index_advisories(md, cluster.shard_db(1), briefing::ShardSpec{2, kShards}),
                    Catch::Contains("holds shard 1/3") && Catch::Contains("writes shard 2/3"));
  CHECK_THROWS_WITH(index_advisories(md, cluster.shard_db(1), std::nullopt),
                    Catch::Contains("the whole index (no --shard)"));
  CHECK_THROWS_AS(index_advisories(md, cluster.single, briefing::ShardSpec{1, kShards}),
                  briefing::IndexError);
}

TEST_CASE("remote shards: 25 searches give the one index's ids, order, totals and facets",
          "[cluster]") {
  Cluster& cluster = Cluster::get();
  REQUIRE(kSearches.size() == 25);
  for (const std::string& search : kSearches) {
    INFO("GET /search?" << search);
    const json one = get_json(*cluster.one_index, "/search?" + search);
    const json shards = get_json(*cluster.remote, "/search?" + search);
    CHECK(hit_ids(shards) == hit_ids(one));
    CHECK(shards["total"] == one["total"]);
    CHECK(shards["total_exact"] == one["total_exact"]);
    CHECK(shards["facets"] == one["facets"]);
    CHECK(!hit_ids(one).empty());
    for (std::size_t i = 0; i < one["hits"].size() && i < shards["hits"].size(); ++i) {
      // Equal but for the last bits: the shards sum a document's term weights in another order.
      CHECK(shards["hits"][i]["score"].get<double>() ==
            Approx(one["hits"][i]["score"].get<double>()).epsilon(1e-12));
      CHECK(shards["hits"][i]["snippet"] == one["hits"][i]["snippet"]);
      // One index answers from its facet table, the shards from the index: the same events.
      CHECK(shards["hits"][i]["related"] == one["hits"][i]["related"]);
    }
  }
}

TEST_CASE("remote shards: every related event of the top briefings equals the one index's",
          "[cluster]") {
  Cluster& cluster = Cluster::get();
  std::size_t compared = 0;
  for (const std::string& search : kSearches) {
    // Links, shared actors and vendors, and similar text (which hit lists leave out).
    const std::string id = hit_ids(get_json(*cluster.one_index, "/search?" + search)).at(0);
    INFO(id);
    const json one = get_json(*cluster.one_index, "/briefings/" + id + "/related");
    CHECK(get_json(*cluster.remote, "/briefings/" + id + "/related") == one);
    compared += one["related"].size();
  }
  CHECK(compared > 100);
}

TEST_CASE("remote shards: briefings and imported entities are read through the shards",
          "[cluster]") {
  Cluster& cluster = Cluster::get();
  const std::string id = "20230317002-Ransomware-LockBit-3-0-IOCs-and-TTPs";
  const json one = get_json(*cluster.one_index, "/briefings/" + id);
  CHECK(get_json(*cluster.remote, "/briefings/" + id) == one);
  // An alias only the imported MISP galaxy knows resolves on both (entities are index metadata).
  const json by_alias_one = get_json(*cluster.one_index, "/search?actor=Fancy+Bear");
  const json by_alias_shards = get_json(*cluster.remote, "/search?actor=Fancy+Bear");
  CHECK(hit_ids(by_alias_shards) == hit_ids(by_alias_one));
  CHECK(by_alias_one["total"].get<int>() > 0);
}

TEST_CASE("remote shards: did-you-mean from the local spelling index equals the one index's",
          "[cluster]") {
  Cluster& cluster = Cluster::get();
  for (const char* typed : {"ransomwre", "citrx+netscalr", "fortinett+vulnerabilty"}) {
    INFO(typed);
    const json one = get_json(*cluster.one_index, std::string("/search?q=") + typed);
    const json shards = get_json(*cluster.remote, std::string("/search?q=") + typed);
    CHECK(one["suggestion"].is_string());
    CHECK(shards["suggestion"] == one["suggestion"]);
  }
}

TEST_CASE("remote shards: /suggest gives the one index's entities and words", "[cluster]") {
  Cluster& cluster = Cluster::get();
  // Entities from the facet terms read through the shards; words from the local spelling index.
  for (const char* typed : {"fancy", "lock", "sou", "ransom", "cit", "palo+alt"}) {
    INFO(typed);
    const json one = get_json(*cluster.one_index, std::string("/suggest?q=") + typed);
    CHECK_FALSE(one["suggestions"].empty());
    CHECK(get_json(*cluster.remote, std::string("/suggest?q=") + typed) == one);
  }
}

namespace {

// p50 and p99 of every search of kSearches, `rounds` times, in milliseconds.
std::pair<double, double> latency(const SearchdProcess& searchd, int rounds) {
  std::vector<double> ms;
  for (int round = 0; round < rounds; ++round)
    for (const std::string& search : kSearches) {
      const auto started = std::chrono::steady_clock::now();
      const json answer = get_json(searchd, "/search?" + search);
      REQUIRE(answer["total"].get<int>() > 0);  // a timing of a failed search would lie
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
              .count());
    }
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)]};
}

}  // namespace

// Not a timed test: run it on its own (remote_shards_tests "[.bench]") for the figures.
TEST_CASE("remote shards: latency of the 25 searches, one index against three shards", "[.bench]") {
  Cluster& cluster = Cluster::get();
  latency(*cluster.one_index, 1);  // warm: the facet table, the shard connections
  latency(*cluster.remote, 1);
  const auto [one_p50, one_p99] = latency(*cluster.one_index, 8);
  const auto [shard_p50, shard_p99] = latency(*cluster.remote, 8);
  WARN("one index: p50 " << one_p50 << " ms, p99 " << one_p99 << " ms; three remote shards: p50 "
                         << shard_p50 << " ms, p99 " << shard_p99 << " ms");
}

TEST_CASE("remote shards: a feed lists the one index's briefings", "[cluster]") {
  Cluster& cluster = Cluster::get();
  // Entries come newest written first; each shard was written by its own run, so only the set
  // of entries is the one index's, not their order.
  for (const char* search : {"q=ransomware&limit=200", "actor=LockBit&limit=200"}) {
    INFO(search);
    const auto one =
        briefing::testing::http_get(cluster.one_index->port(), std::string("/feed?") + search);
    const auto shards =
        briefing::testing::http_get(cluster.remote->port(), std::string("/feed?") + search);
    REQUIRE(one.status == 200);
    CHECK(shards.status == 200);
    INFO(shards.body.substr(0, 300));
    const auto entry_ids = [](const std::string& atom) {
      std::vector<std::string> ids;
      for (std::size_t at = atom.find("<entry>"); at != std::string::npos;
           at = atom.find("<entry>", at + 1)) {
        const std::size_t from = atom.find("<id>", at) + 4;
        ids.push_back(atom.substr(from, atom.find("</id>", from) - from));
      }
      std::sort(ids.begin(), ids.end());
      return ids;
    };
    CHECK(entry_ids(shards.body) == entry_ids(one.body));
    CHECK(entry_ids(one.body).size() > 5);
  }
}
