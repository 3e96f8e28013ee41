// searchd's access log through HTTP: the real binary, with API keys and feed tokens, logs one
// line per request with the id its answer carries, and never a key or a token.
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "http_client.h"
#include "index_run.h"
#include "scratch_dir.h"
#include "searchd_process.h"

using briefing::testing::http_raw;
using briefing::testing::HttpReply;
using briefing::testing::ScratchDir;
using briefing::testing::SearchdProcess;

namespace {

constexpr const char* kKey = "log-test-key-5b1e9c";
constexpr const char* kToken = "log-test-token-77d0a4";

std::string index_of_small(const ScratchDir& dir) {
  briefing::RunOptions options;
  options.db_path = (dir / "x.db").string();
  options.sources = {std::string(BRIEFING_TESTS_DIR) + "/data/small"};
  briefing::run_indexer(options);
  return options.db_path;
}

HttpReply get(int port, const std::string& target, const std::string& headers) {
  return http_raw(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers +
                            "Connection: close\r\n\r\n");
}

// The access-log lines in searchd's output (its other lines say what it does, not what it was
// asked), once there are `count` of them or 3 s have passed.
std::vector<std::string> access_lines(const SearchdProcess& searchd, std::size_t count) {
  std::vector<std::string> lines;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  do {
    lines.clear();
    std::istringstream output(searchd.output());
    for (std::string line; std::getline(output, line);)
      if (line.find(" access client=") != std::string::npos) lines.push_back(line);
    if (lines.size() >= count) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  } while (std::chrono::steady_clock::now() < deadline);
  return lines;
}

struct Asked {
  std::string target, headers;
  int status;
  std::string logged_path;  // as the log must show it
};

const Asked kAsked[] = {
    {"/search?q=exploit", std::string("Authorization: Bearer ") + kKey + "\r\n", 200,
     "/search?q=exploit"},
    {std::string("/feed?q=exploit&token=") + kToken, "", 200, "/feed?q=exploit&token=[removed]"},
    {"/briefings/no-such-id", std::string("Authorization: Bearer ") + kKey + "\r\n", 404,
     "/briefings/no-such-id"},
    {"/search?q=exploit", std::string("Authorization: Bearer ") + kKey + "-wrong\r\n", 401,
     "/search?q=exploit"},
    {std::string("/feed?token=") + kToken + "-wrong", "", 401, "/feed?token=[removed]"},
    {std::string("/search?q=x&api_key=") + kKey, "", 401, "/search?q=x&api_key=[removed]"},
    {"/search?q=%zz", std::string("Authorization: Bearer ") + kKey + "\r\n", 400, "/search?q=%zz"},
    {"/healthz", "X-Request-Id: from-the-proxy-1\r\n", 200, "/healthz"},
};

}  // namespace

TEST_CASE("access log: a line per request with its id, status and size, and no secret",
          "[hardening][log]") {
  ScratchDir dir("access-log");
  std::ofstream(dir / "keys") << kKey << "\n";
  std::ofstream(dir / "tokens") << kToken << "\n";
  SearchdProcess searchd(index_of_small(dir), {"--api-keys", (dir / "keys").string(),
                                               "--feed-tokens", (dir / "tokens").string()});
  std::vector<HttpReply> replies;
  for (const Asked& asked : kAsked)
    replies.push_back(get(searchd.port(), asked.target, asked.headers));

  const std::vector<std::string> lines = access_lines(searchd, std::size(kAsked));
  REQUIRE(lines.size() == std::size(kAsked));
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Asked& asked = kAsked[i];
    const HttpReply& reply = replies[i];
    const std::string& line = lines[i];
    INFO(asked.target << "\n" << line);
    CHECK(reply.status == asked.status);
    const std::string id = reply.headers.at("x-request-id");
    if (asked.headers.rfind("X-Request-Id", 0) == 0) CHECK(id == "from-the-proxy-1");
    if (reply.status >= 400)  // the id a user quotes from the error is the one logged
      CHECK(nlohmann::json::parse(reply.body)["request_id"] == id);
    CHECK(line.find(" access client=127.0.0.1 method=GET ") != std::string::npos);
    CHECK(line.find(" path=\"" + asked.logged_path + "\" ") != std::string::npos);
    CHECK(line.find(" status=" + std::to_string(asked.status) + " ") != std::string::npos);
    CHECK(line.find(" bytes=" + std::to_string(reply.body.size()) + " ") != std::string::npos);
    CHECK(line.find(" ms=") != std::string::npos);
    CHECK(line.substr(line.size() - id.size() - 12) == " request_id=" + id);
  }
  const std::string output = searchd.output();
  CHECK(output.find(kKey) == std::string::npos);
  CHECK(output.find(kToken) == std::string::npos);
}

TEST_CASE("access log: --log-level warning names only the refused requests", "[hardening][log]") {
  ScratchDir dir("access-log-level");
  SearchdProcess searchd(index_of_small(dir), {"--log-level", "warning"});
  CHECK(get(searchd.port(), "/search?q=exploit", "").status == 200);
  CHECK(get(searchd.port(), "/no-such-route", "").status == 404);
  CHECK(get(searchd.port(), "/healthz", "").status == 200);
  CHECK(get(searchd.port(), "/search?q=%zz", "").status == 400);
  const std::vector<std::string> lines = access_lines(searchd, 2);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].find("path=\"/no-such-route\" status=404") != std::string::npos);
  CHECK(lines[1].find("path=\"/search?q=%zz\" status=400") != std::string::npos);
}
