// The access log's pieces, table-driven: secrets out of query strings, lines that no request can
// forge, the levels, and request ids (access_log.h, request_id.h).
#include <cstdio>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "access_log.h"
#include "request_id.h"

using briefing::http::access_line;
using briefing::http::AccessEntry;
using briefing::http::AccessLog;
using briefing::http::LogLevel;
using briefing::http::without_secrets;

TEST_CASE("access log: the values of secret parameters are removed, the rest kept", "[log]") {
  struct Row {
    const char* query;
    const char* logged;
  };
  const Row rows[] = {
      {"", ""},
      {"q=apt45&page=2", "q=apt45&page=2"},
      {"q=x&token=s3cret", "q=x&token=[removed]"},
      {"token=s3cret&q=x", "token=[removed]&q=x"},
      {"token=a&token=b", "token=[removed]&token=[removed]"},
      {"TOKEN=s3cret", "TOKEN=[removed]"},
      {"to%6Ben=s3cret", "to%6Ben=[removed]"},  // searchd decodes names before it reads them
      {"api_key=k&apikey=k&key=k&access_token=k",
       "api_key=[removed]&apikey=[removed]&"
       "key=[removed]&access_token=[removed]"},
      {"tokens=kept&monkey=kept&q=token%3Dx", "tokens=kept&monkey=kept&q=token%3Dx"},
      {"token", "token"},               // no value to remove
      {"%zz=s3cret", "%zz=[removed]"},  // a name that does not decode keeps no value
      {"q=a&&token=s&", "q=a&&token=[removed]&"},
  };
  for (const Row& row : rows) {
    INFO(row.query);
    CHECK(without_secrets(row.query) == row.logged);
  }
}

TEST_CASE("access log: one line per request, every field, nothing forged", "[log]") {
  AccessEntry entry;
  entry.at = std::chrono::system_clock::from_time_t(1764672000) + std::chrono::milliseconds(42);
  entry.client = "127.0.0.1";
  entry.method = "GET";
  entry.raw_path = "/feed";
  entry.raw_query = "q=apt45&token=s3cret";
  entry.status = 200;
  entry.bytes = 1234;
  entry.milliseconds = 3.25;
  entry.request_id = "0123456789abcdef";
  CHECK(access_line(entry) ==
        "2025-12-02T10:40:00.042Z access client=127.0.0.1 method=GET "
        "path=\"/feed?q=apt45&token=[removed]\" status=200 bytes=1234 ms=3.2 "
        "request_id=0123456789abcdef");

  struct Row {
    std::string raw_path, shows;
  };
  const Row hostile[] = {
      {"/a\nfake line", "/a\\x0afake line"},
      {"/a\"b\\c", "/a\\x22b\\x5cc"},
      {std::string("/a\0b", 4), "/a\\x00b"},
      {"/caf\xc3\xa9", "/caf\\xc3\\xa9"},
  };
  for (const Row& row : hostile) {
    entry.raw_path = row.raw_path;
    entry.raw_query.clear();
    const std::string line = access_line(entry);
    INFO(line);
    CHECK(line.find("path=\"" + row.shows + "\"") != std::string::npos);
    CHECK(line.find('\n') == std::string::npos);
  }
}

TEST_CASE("access log: the level says which answers are logged", "[log]") {
  struct Row {
    LogLevel level;
    bool ok, client_error, server_error;
  };
  const Row rows[] = {
      {LogLevel::info, true, true, true},
      {LogLevel::warning, false, true, true},
      {LogLevel::error, false, false, true},
      {LogLevel::off, false, false, false},
  };
  for (const Row& row : rows) {
    AccessLog log(row.level, stderr, false);
    CHECK(log.wants(200) == row.ok);
    CHECK(log.wants(304) == row.ok);
    CHECK(log.wants(404) == row.client_error);
    CHECK(log.wants(503) == row.server_error);
  }
}

TEST_CASE("access log: lines for the journal carry their syslog priority", "[log]") {
  std::FILE* out = std::tmpfile();
  REQUIRE(out);
  AccessLog log(LogLevel::info, out, true);
  AccessEntry entry;
  for (int status : {200, 404, 500}) {
    entry.status = status;
    log.write(entry);
  }
  std::rewind(out);
  char line[512];
  std::string prefixes;
  while (std::fgets(line, sizeof line, out)) prefixes += std::string(line, 3);
  std::fclose(out);
  CHECK(prefixes == "<5><4><3>");
}

TEST_CASE("request ids: a proxy's id is kept when it is safe, else a new one", "[log]") {
  struct Row {
    const char* sent;
    bool kept;
  };
  const Row rows[] = {
      {"3f2c9a7be1d04c55a0b6a3c1d2e4f5a6", true},  // nginx's $request_id
      {"req-1.2_3", true},
      {"", false},
      {"has space", false},
      {"line\nbreak", false},
      {"quote\"", false},
      {"0123456789012345678901234567890123456789012345678901234567890123456789", false},
  };
  for (const Row& row : rows) {
    const std::string sent = row.sent;
    const std::string id = briefing::http::request_id_for(&sent);
    INFO(row.sent);
    CHECK((id == sent) == row.kept);
    CHECK(!id.empty());
  }
  const std::string a = briefing::http::request_id_for(nullptr);
  const std::string b = briefing::http::request_id_for(nullptr);
  CHECK(a.size() == 16);
  CHECK(a != b);
}

TEST_CASE("request ids: a problem document names its request, other answers are untouched",
          "[log]") {
  briefing::http::Response problem = briefing::http::problem(404, "Not found", "no such thing");
  briefing::http::stamp_request_id(problem, "abc123");
  const auto body = nlohmann::json::parse(problem.body);
  CHECK(body["request_id"] == "abc123");
  CHECK(body["status"] == 404);
  CHECK(body["detail"] == "no such thing");

  briefing::http::Response page;
  page.body = "{\"total\":1}";
  briefing::http::stamp_request_id(page, "abc123");
  CHECK(page.body == "{\"total\":1}");
}
