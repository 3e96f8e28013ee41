// searchd over HTTP: the real binary on a free loopback port, over a real index of tests/data.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "http_client.h"
#include "index_layout.h"
#include "index_run.h"
#include "scratch_dir.h"
#include "searchd_process.h"

using briefing::testing::http_get;
using briefing::testing::http_raw;
using briefing::testing::ScratchDir;
using briefing::testing::SearchdProcess;
using nlohmann::json;

namespace {

struct Served {
  ScratchDir dir{"searchd"};
  std::string db = (dir / "x.db").string();
  std::unique_ptr<SearchdProcess> searchd;
  Served() {
    briefing::RunOptions options;
    options.db_path = db;
    options.sources = {std::string(BRIEFING_TESTS_DIR) + "/data/small"};
    briefing::run_indexer(options);
    searchd = std::make_unique<SearchdProcess>(db);
  }
};

}  // namespace

TEST_CASE("searchd: /healthz reports the index", "[searchd]") {
  Served s;
  auto reply = http_get(s.searchd->port(), "/healthz");
  REQUIRE(reply.status == 200);
  CHECK(reply.headers["content-type"] == "application/json");
  auto body = json::parse(reply.body);
  CHECK(body["documents"] == 6);
  CHECK(body["revision"].get<int>() >= 1);
  CHECK(body["schema_version"] == std::string(briefing::layout::kSchemaVersion));
}

// What tells a read replica's copy from its master's (deploy/replica/briefing-replica-follow): the
// generation the stub names, the database's UUID and its revision, each changing as it should.
TEST_CASE("searchd: /healthz names the generation and UUID served, new ones after --full",
          "[searchd][replicas]") {
  Served s;
  auto stub_generation = [&s] {
    std::ifstream stub(s.db);
    std::string line;
    std::getline(stub, line);
    return std::filesystem::path(line.substr(line.find(' ') + 1)).filename().string();
  };
  auto before = json::parse(http_get(s.searchd->port(), "/healthz").body);
  CHECK(before["generation"] == stub_generation());
  CHECK(before["uuid"].get<std::string>().size() == 36);
  briefing::RunOptions options;
  options.db_path = s.db;
  options.sources = {std::string(BRIEFING_TESTS_DIR) + "/data/small"};
  options.full = true;
  briefing::run_indexer(options);
  auto after = json::parse(http_get(s.searchd->port(), "/healthz").body);
  CHECK(after["generation"] == stub_generation());
  CHECK(after["generation"] != before["generation"]);
  CHECK(after["uuid"] != before["uuid"]);
  CHECK(after["documents"] == before["documents"]);
}

TEST_CASE("searchd: unknown routes and methods are problem documents", "[searchd]") {
  Served s;
  struct Row {
    std::string request;
    int status;
  };
  const Row rows[] = {
      {"GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 404},
      {"POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", 405},
      {"GET /healthz?q=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400},
      {"GET /" + std::string(20000, 'a') + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 0},
  };
  for (const auto& row : rows) {
    INFO(row.request.substr(0, 60));
    auto reply = http_raw(s.searchd->port(), row.request);
    if (row.status)
      CHECK(reply.status == row.status);
    else
      CHECK(reply.status >= 400);
    CHECK(reply.status < 500);
    CHECK(reply.headers["content-type"] == "application/problem+json");
    auto body = json::parse(reply.body);
    CHECK(body["status"] == reply.status);
    CHECK_FALSE(body["detail"].get<std::string>().empty());
  }
}

TEST_CASE("searchd: answers carry the security headers and no version banner", "[searchd]") {
  Served s;
  auto reply = http_get(s.searchd->port(), "/healthz");
  CHECK(reply.headers["x-content-type-options"] == "nosniff");
  CHECK(reply.headers["content-security-policy"].find("default-src 'self'") != std::string::npos);
  CHECK(reply.headers.count("server") == 0);
}

TEST_CASE("searchd: stops cleanly on SIGTERM", "[searchd]") {
  Served s;
  CHECK(s.searchd->stop() == 0);
}

TEST_CASE("searchd: any alias of an actor finds briefings that use another name",
          "[searchd][aliases]") {
  ScratchDir dir("aliases");
  std::filesystem::create_directories(dir / "src");
  std::ofstream(dir / "src" / "apt28.json") << R"({"id": "apt28-only", "title": "Phishing wave",
    "published": "2026-02-01", "body": "APT28 sent lures to ministries."})";
  std::ofstream(dir / "src" / "bears.json") << R"({"id": "bears", "title": "Markets",
    "published": "2026-02-02", "body": "A bear market in fancy goods."})";
  briefing::RunOptions options;
  options.db_path = (dir / "x.db").string();
  options.sources = {(dir / "src").string()};
  options.entity_files = {std::string(BRIEFING_SHARED_DIR) + "/data/misp-threat-actor.json"};
  briefing::run_indexer(options);
  SearchdProcess searchd(options.db_path);

  auto search = [&](const std::string& query) {
    auto reply = http_get(searchd.port(), "/search?" + query);
    REQUIRE(reply.status == 200);
    return json::parse(reply.body);
  };
  for (const char* q : {"q=Fancy+Bear", "q=fancy+bear", "q=Sednit", "q=APT28",
                        "q=actor:%22Fancy+Bear%22", "actor=Sofacy"}) {
    INFO(q);
    json answer = search(q);
    REQUIRE(answer["hits"].size() >= 1);
    CHECK(answer["hits"][0]["id"] == "apt28-only");
    CHECK(answer["facets"]["actor"][0]["value"] == "APT28");  // one canonical value
  }
  // The words still match as words too: "fancy bear" also finds the briefing about markets.
  CHECK(search("q=fancy+bear")["total"] == 2);
}

TEST_CASE("searchd: no did-you-mean for the words of a name the gazetteer knows",
          "[searchd][aliases]") {
  ScratchDir dir("alias-spelling");
  std::filesystem::create_directories(dir / "src");
  std::ofstream(dir / "src" / "apt28.json") << R"({"id": "apt28-only", "title": "Phishing wave",
    "published": "2026-02-01", "body": "APT28 sent lures to ministries about ransomware."})";
  // Close spellings of "fancy" and "bear" that the index knows.
  std::ofstream(dir / "src" / "facts.json") << R"({"id": "facts", "title": "Facts",
    "published": "2026-02-02", "body": "A fact sheet on the beer trade."})";
  briefing::RunOptions options;
  options.db_path = (dir / "x.db").string();
  options.sources = {(dir / "src").string()};
  briefing::run_indexer(options);
  SearchdProcess searchd(options.db_path);
  struct Row {
    const char* query;
    json suggestion;
  };
  const Row rows[] = {
      {"q=Fancy+Bear", nullptr},
      {"q=fancy+bear", nullptr},
      // Words outside the name are still checked.
      {"q=Fancy+Bear+ransomwre", "Fancy Bear ransomware"},
  };
  for (const Row& row : rows) {
    INFO(row.query);
    auto reply = http_get(searchd.port(), std::string("/search?") + row.query);
    REQUIRE(reply.status == 200);
    json answer = json::parse(reply.body);
    REQUIRE(answer["hits"].size() >= 1);
    CHECK(answer["hits"][0]["id"] == "apt28-only");
    CHECK(answer["suggestion"] == row.suggestion);
  }
}

TEST_CASE("searchd: a search that runs out of time answers with what it has and says so",
          "[searchd]") {
  ScratchDir dir("time-limit");
  briefing::RunOptions options;
  options.db_path = (dir / "x.db").string();
  options.sources = {std::string(BRIEFING_TESTS_DIR) + "/data/small"};
  briefing::run_indexer(options);
  // One microsecond: the budget is spent before the second facet pass can start. (A query with
  // text: without text, counting is in memory and needs no budget.)
  SearchdProcess searchd(options.db_path, {"--query-time-limit", "0.000001"});
  auto reply = http_get(searchd.port(), "/search?q=attack&actor=UNC1069&actor=UAT-8616");
  REQUIRE(reply.status == 200);
  json body = json::parse(reply.body);
  CHECK(body["timed_out"] == true);
  CHECK(body["facets_exact"] == false);
  CHECK_FALSE(body["hits"].empty());
  // Without a limit the same search is exact.
  SearchdProcess unlimited(options.db_path, {"--query-time-limit", "0"});
  json exact =
      json::parse(http_get(unlimited.port(), "/search?q=attack&actor=UNC1069&actor=UAT-8616").body);
  CHECK(exact["timed_out"] == false);
  CHECK(exact["facets_exact"] == true);
  CHECK(exact["total_exact"] == true);
}
