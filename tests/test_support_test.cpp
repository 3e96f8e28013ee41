// The test-support library against the real searchd: the launcher reads the port and stops the
// server by its pid, and the keep-alive client carries on across the connections searchd closes
// (after 100 requests, saying so, and after 2 s idle, silently), as the benchmarks rely on.
#include <signal.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "keep_alive_client.h"
#include "searchd_process.h"
#include "small_index.h"

using briefing::testing::KeepAliveClient;
using briefing::testing::SearchdProcess;
using briefing::testing::SmallIndex;

namespace {

const SmallIndex& index() {
  static const SmallIndex index(
      "test-support", {{"k1", "2026-01-10T12:00:00Z", "Keep-alive one", "harbour report"}});
  return index;
}

}  // namespace

TEST_CASE("test support: the keep-alive client outlives the connections searchd closes",
          "[support]") {
  SearchdProcess searchd(index().path());
  KeepAliveClient http(searchd.port());
  struct Row {
    const char* label;
    int requests;
    std::chrono::milliseconds idle_before;
  };
  const Row rows[] = {
      {"past 100 requests: searchd says Connection: close", 150, std::chrono::milliseconds(0)},
      {"after 2.5 s idle: searchd closed without a word", 3, std::chrono::milliseconds(2500)},
  };
  for (const Row& row : rows) {
    INFO(row.label);
    std::this_thread::sleep_for(row.idle_before);
    int found = 0;
    for (int i = 0; i < row.requests; ++i)
      found += nlohmann::json::parse(http.get_ok("/search?q=harbour"))["total"].get<int>();
    CHECK(found == row.requests);
  }
  // Any other status is an error that names it.
  CHECK_THROWS_WITH(http.get_ok("/no-such-route"), Catch::Contains("HTTP 404"));
  CHECK(http.get("/healthz").status == 200);
}

TEST_CASE("test support: searchd is stopped by its pid", "[support]") {
  SearchdProcess searchd(index().path());
  const pid_t pid = searchd.pid();
  REQUIRE(pid > 0);
  CHECK(::kill(pid, 0) == 0);
  CHECK(searchd.stop() == 0);  // SIGTERM: a clean exit
  CHECK(::kill(pid, 0) != 0);  // reaped: no such process
  CHECK_THROWS_AS(KeepAliveClient(searchd.port()), std::runtime_error);
}

TEST_CASE("test support: a searchd that cannot start is an error, not a hang", "[support]") {
  const auto started = std::chrono::steady_clock::now();
  CHECK_THROWS_WITH(SearchdProcess("/nonexistent/index"), Catch::Contains("did not start"));
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(30));
}
