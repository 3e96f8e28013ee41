// searchd's hardening through HTTP: API keys (with hot reload), CORS, path traversal and odd
// requests, against the real binary over an index of tests/data/small.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "http_client.h"
#include "index_run.h"
#include "scratch_dir.h"
#include "searchd_process.h"

using briefing::testing::http_get;
using briefing::testing::http_raw;
using briefing::testing::HttpReply;
using briefing::testing::ScratchDir;
using briefing::testing::SearchdProcess;
using nlohmann::json;

namespace {

// One index for the whole file (the tests only read it); each test starts its own searchd.
const std::string& shared_db() {
  static ScratchDir dir("hardening");
  static const std::string db = [] {
    briefing::RunOptions options;
    options.db_path = (dir / "x.db").string();
    options.sources = {std::string(BRIEFING_TESTS_DIR) + "/data/small"};
    briefing::run_indexer(options);
    return options.db_path;
  }();
  return db;
}

// GET with extra header lines (each ending in "\r\n").
HttpReply get(int port, const std::string& target, const std::string& headers = "") {
  return http_raw(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers +
                            "Connection: close\r\n\r\n");
}

std::string bearer(const std::string& key) {
  return "Authorization: Bearer " + key + "\r\n";
}

void check_problem(const HttpReply& reply, int status) {
  CHECK(reply.status == status);
  CHECK(reply.headers.at("content-type") == "application/problem+json");
  json body = json::parse(reply.body);
  CHECK(body["status"] == status);
  CHECK_FALSE(body["detail"].get<std::string>().empty());
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  // Written aside and renamed, as an operator's tool should: searchd never sees half a file.
  std::filesystem::path aside = path.string() + ".new";
  std::ofstream(aside) << text;
  std::filesystem::rename(aside, path);
}

// Polls `condition` for up to 3 s.
bool eventually(const std::function<bool()>& condition) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return condition();
}

const char* const kDataRoutes[] = {"/search?q=exploit", "/briefings/anything",
                                   "/briefings/anything/related", "/metrics", "/export?format=csv"};
const char* const kOpenRoutes[] = {"/",        "/b/some-id",   "/assets/app.js", "/assets/app.css",
                                   "/healthz", "/openapi.json"};

}  // namespace

TEST_CASE("api keys: the data routes need a bearer key, the page stays open", "[hardening]") {
  ScratchDir dir("keys");
  write_file(dir / "keys", "# operators\n\nalpha-key-1\n  beta-key-2  \n# old: gamma\n");
  SearchdProcess searchd(shared_db(), {"--api-keys", (dir / "keys").string()});
  const int port = searchd.port();

  struct Row {
    std::string headers, detail_part;
  };
  const Row refused[] = {
      {"", "no Authorization header"},
      {bearer("wrong-key"), "unknown API key"},
      {bearer("alpha-key-"), "unknown API key"},  // a prefix of a key
      {bearer("alpha-key-1x"), "unknown API key"},
      {bearer("gamma"), "unknown API key"},  // a comment is not a key
      {bearer(std::string(300, 'k')), "unknown API key"},
      {"Authorization: Basic x\r\n", "not 'Bearer KEY'"},
      {"Authorization: Bearer\r\n", "not 'Bearer KEY'"},
      {"Authorization: Bearer \r\n", "not 'Bearer KEY'"},
      {"Authorization: alpha-key-1\r\n", "not 'Bearer KEY'"},
  };
  for (const char* route : kDataRoutes) {
    for (const Row& row : refused) {
      INFO(route << " with [" << row.headers << "]");
      HttpReply reply = get(port, route, row.headers);
      check_problem(reply, 401);
      CHECK(reply.headers["www-authenticate"].rfind("Bearer", 0) == 0);
      CHECK(json::parse(reply.body)["detail"].get<std::string>().find(row.detail_part) !=
            std::string::npos);
      CHECK(reply.body.find("wrong-key") == std::string::npos);  // never echoes a key
      CHECK(reply.body.find("alpha") == std::string::npos);
    }
  }
  for (const char* key : {"alpha-key-1", "beta-key-2"}) {
    INFO(key);
    CHECK(get(port, "/search?q=exploit", bearer(key)).status == 200);
    CHECK(get(port, "/metrics", bearer(key)).status == 200);
    CHECK(get(port, "/export?format=csv&limit=1", bearer(key)).status == 200);
    CHECK(get(port, "/search?q=exploit", "Authorization: bearer   " + std::string(key) + "\r\n")
              .status == 200);
    check_problem(get(port, "/briefings/no-such-id", bearer(key)), 404);  // past the door
  }
  for (const char* route : kOpenRoutes) {
    INFO(route);
    CHECK(get(port, route).status == 200);
  }
}

TEST_CASE("api keys: the page carries its first results only for a valid key, never a 401",
          "[hardening]") {
  ScratchDir dir("keys");
  write_file(dir / "keys", "alpha-key-1\n");
  SearchdProcess searchd(shared_db(), {"--api-keys", (dir / "keys").string()});
  for (const std::string& headers : {std::string(), bearer("nope")}) {
    HttpReply reply = get(searchd.port(), "/?q=exploit", headers);
    CHECK(reply.status == 200);
    CHECK(reply.headers["content-type"].rfind("text/html", 0) == 0);
    CHECK(reply.body.find("first-results") == std::string::npos);
    CHECK(reply.body.find("\"total_exact\"") == std::string::npos);
  }
  HttpReply keyed = get(searchd.port(), "/?q=exploit", bearer("alpha-key-1"));
  CHECK(keyed.status == 200);
  CHECK(keyed.body.find("<script type=\"application/json\" id=\"first-results\">") !=
        std::string::npos);
  CHECK(keyed.body.find("\"total_exact\"") != std::string::npos);
}

TEST_CASE("api keys: a changed file is re-read within seconds", "[hardening]") {
  ScratchDir dir("keys");
  const auto keys = dir / "keys";
  write_file(keys, "alpha-key-1\n");
  SearchdProcess searchd(shared_db(), {"--api-keys", keys.string()});
  auto status = [&](const std::string& key) {
    return get(searchd.port(), "/search?q=exploit", bearer(key)).status;
  };
  CHECK(status("alpha-key-1") == 200);
  CHECK(status("beta-key-2") == 401);

  std::ofstream(keys, std::ios::app) << "beta-key-2\n";  // appended in place
  CHECK(eventually([&] { return status("beta-key-2") == 200; }));
  CHECK(status("alpha-key-1") == 200);

  write_file(keys, "beta-key-2\n");  // alpha revoked
  CHECK(eventually([&] { return status("alpha-key-1") == 401; }));
  CHECK(status("beta-key-2") == 200);

  // A file that disappears keeps the last good set.
  std::filesystem::remove(keys);
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  CHECK(status("beta-key-2") == 200);
  CHECK(status("alpha-key-1") == 401);
}

TEST_CASE("api keys: an unreadable keys file stops searchd at start", "[hardening]") {
  ScratchDir dir("keys");
  CHECK_THROWS(SearchdProcess(shared_db(), {"--api-keys", (dir / "missing").string()}));
}

TEST_CASE("cors: only an allowed origin gets CORS headers", "[hardening]") {
  ScratchDir dir("keys");
  write_file(dir / "keys", "alpha-key-1\n");
  SearchdProcess searchd(
      shared_db(), {"--api-keys", (dir / "keys").string(), "--cors", "https://allowed.example",
                    "--cors", "http://localhost:3000"});
  const int port = searchd.port();
  auto cors_headers = [](const HttpReply& reply) {
    int n = 0;
    for (const auto& [name, value] : reply.headers) n += name.rfind("access-control-", 0) == 0;
    return n;
  };
  struct Row {
    std::string target, origin;
    bool allowed;
  };
  const Row rows[] = {
      {"/healthz", "https://allowed.example", true},
      {"/search?q=exploit", "http://localhost:3000", true},
      {"/healthz", "https://evil.example", false},
      {"/healthz", "https://allowed.example.evil", false},
      {"/healthz", "https://ALLOWED.example", false},
      {"/healthz", "null", false},
      {"/search?q=exploit", "https://evil.example", false},
  };
  for (const Row& row : rows) {
    INFO(row.target << " from " << row.origin);
    HttpReply reply =
        get(port, row.target, bearer("alpha-key-1") + "Origin: " + row.origin + "\r\n");
    CHECK(reply.status == 200);
    if (row.allowed) {
      CHECK(reply.headers["access-control-allow-origin"] == row.origin);
      CHECK(reply.headers["vary"] == "Origin");
    } else {
      CHECK(cors_headers(reply) == 0);
    }
  }
  // A 401 carries the header too, so the calling page can read it and ask for a key.
  HttpReply refused = get(port, "/search?q=x", "Origin: https://allowed.example\r\n");
  CHECK(refused.status == 401);
  CHECK(refused.headers["access-control-allow-origin"] == "https://allowed.example");
  CHECK(cors_headers(get(port, "/healthz")) == 0);  // no Origin, no CORS

  // Preflight: no key needed (browsers send none), 204 with the methods and headers allowed.
  for (const char* route : kDataRoutes) {
    INFO(route);
    HttpReply preflight = http_raw(
        port, std::string("OPTIONS ") + route +
                  " HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://allowed.example\r\n"
                  "Access-Control-Request-Method: GET\r\n"
                  "Access-Control-Request-Headers: authorization\r\nConnection: close\r\n\r\n");
    CHECK(preflight.status == 204);
    CHECK(preflight.body.empty());
    CHECK(preflight.headers["access-control-allow-origin"] == "https://allowed.example");
    CHECK(preflight.headers["access-control-allow-methods"] == "GET");
    CHECK(preflight.headers["access-control-allow-headers"] == "Authorization");
    CHECK(preflight.headers["access-control-max-age"] == "600");
    HttpReply other =
        http_raw(port, std::string("OPTIONS ") + route +
                           " HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://evil.example\r\n"
                           "Connection: close\r\n\r\n");
    CHECK(other.status < 500);
    CHECK(cors_headers(other) == 0);
  }
}

TEST_CASE("cors: without --cors no CORS headers at all", "[hardening]") {
  SearchdProcess searchd(shared_db());
  HttpReply reply = get(searchd.port(), "/search?q=exploit", "Origin: https://any.example\r\n");
  CHECK(reply.status == 200);
  CHECK(reply.headers.count("access-control-allow-origin") == 0);
  HttpReply preflight = http_raw(searchd.port(),
                                 "OPTIONS /search HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: "
                                 "https://any.example\r\nConnection: close\r\n\r\n");
  check_problem(preflight, 405);
}

TEST_CASE("traversal: odd paths never reach a file", "[hardening]") {
  SearchdProcess searchd(shared_db());
  std::string hostname;
  {
    std::ifstream in("/etc/hostname");
    std::stringstream text;
    text << in.rdbuf();
    hostname = text.str();
  }
  const char* const paths[] = {
      "/../../etc/passwd",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/assets/..%2f..%2fetc%2fpasswd",
      "/assets/%2e%2e/app.js",
      "/assets/..\\..\\etc\\passwd",
      "/assets/%252e%252e%252fetc%252fpasswd",
      "/assets/app.js%00.html",
      "/b/..%2f..%2fetc%2fpasswd",
      "/briefings/..%2f..%2fetc%2fpasswd",
      "/briefings/../../etc/passwd",
      "/assets/../../searchd/main.cpp",
      "/assets/%2e%2e%2f%2e%2e%2fsearchd%2fmain.cpp",
      "//etc/passwd",
      "/assets//etc/passwd",
  };
  for (const char* path : paths) {
    INFO(path);
    HttpReply reply =
        http_raw(searchd.port(), std::string("GET ") + path +
                                     " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    CHECK(reply.status >= 200);
    CHECK(reply.status < 500);
    if (reply.status >= 400) {
      check_problem(reply, reply.status);
    } else {
      // The page (/b/...) or an embedded asset, nothing else ("/assets/app.js%00.html" names
      // no asset: the decoded path keeps its NUL byte).
      CHECK(reply.status == 200);
      const std::string& type = reply.headers["content-type"];
      CHECK((type.rfind("text/html", 0) == 0 || type.rfind("text/javascript", 0) == 0 ||
             type.rfind("text/css", 0) == 0));
    }
    CHECK(reply.body.find("root:") == std::string::npos);
    CHECK(reply.body.find("#include") == std::string::npos);
    CHECK(reply.body.find("namespace briefing") == std::string::npos);
    // A short hostname ("vm") could occur anywhere: then only the whole file must not come back.
    if (hostname.size() >= 6)
      CHECK(reply.body.find(hostname) == std::string::npos);
    else
      CHECK(reply.body != hostname);
  }
}

TEST_CASE("odd queries: a 100 KB query and malformed parameters are never a 5xx", "[hardening]") {
  SearchdProcess searchd(shared_db());
  const int port = searchd.port();
  HttpReply huge = get(port, "/search?q=" + std::string(100000, 'a'));
  CHECK(huge.status >= 400);
  CHECK(huge.status < 500);
  check_problem(huge, huge.status);

  std::string spaces;
  for (int i = 0; i < 2000; ++i) spaces += "%20";
  const std::string queries[] = {
      "q=%",
      "q=%%",
      "q=%zz",
      "per_page=1e9",
      "page=-0",
      "q=" + spaces,
      "q=" + std::string(2000, '+'),
      "sort=%F0%9F%98%80",
      "sort=\xF0\x9F\x98\x80",
  };
  for (const std::string& query : queries) {
    INFO(query.substr(0, 40));
    HttpReply reply = get(port, "/search?" + query);
    CHECK((reply.status == 200 || (reply.status >= 400 && reply.status < 500)));
    if (reply.status != 200) check_problem(reply, reply.status);
  }
}
