// HTTP framing (RFC 9112), the Host check, and connections that idle, dribble or never read,
// against the real searchd binary over raw loopback sockets.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "http_client.h"
#include "index_run.h"
#include "scratch_dir.h"
#include "searchd_process.h"

using briefing::testing::http_get;
using briefing::testing::http_raw;
using briefing::testing::HttpReply;
using briefing::testing::LoopbackSocket;
using briefing::testing::parse_reply;
using briefing::testing::ScratchDir;
using briefing::testing::SearchdProcess;
using nlohmann::json;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

namespace {

// tests/data/small plus a briefing whose id ends in "/related".
const std::string& framing_db() {
  static ScratchDir dir("framing");
  static const std::string db = [] {
    std::filesystem::create_directories(dir / "src");
    std::ofstream(dir / "src" / "slash.json")
        << R"({"id": "a/related", "title": "An id with a slash", "series": "Tests",
              "published": "2026-04-02T09:30:00Z", "body": "Slashed identifiers survive."})";
    briefing::RunOptions options;
    options.db_path = (dir / "x.db").string();
    options.sources = {std::string(BRIEFING_TESTS_DIR) + "/data/small", (dir / "src").string()};
    briefing::run_indexer(options);
    return options.db_path;
  }();
  return db;
}

// What came back for `request` on one connection, and whether searchd then closed it.
struct Exchange {
  std::string raw;
  bool closed = false;
  int answers() const {  // answers one after the other, each as long as its Content-Length
    int n = 0;
    for (std::size_t at = 0; raw.compare(at, 9, "HTTP/1.1 ") == 0; ++n) {
      std::size_t head_end = raw.find("\r\n\r\n", at);
      if (head_end == std::string::npos) break;
      at = head_end + 4 + parse_reply(raw.substr(at)).body.size();
    }
    return n;
  }
};

// Waits less than keep_alive_timeout_ms (2 s): a connection still open after it was kept.
Exchange exchange(int port, const std::string& request) {
  LoopbackSocket socket(port);
  socket.send(request);
  Exchange out;
  out.closed = socket.read_until_closed(out.raw, milliseconds(1500));
  return out;
}

std::string detail_of(const HttpReply& reply) {
  return json::parse(reply.body).value("detail", "");
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

TEST_CASE("framing: what RFC 9112 says to refuse is refused and the connection closed",
          "[framing]") {
  SearchdProcess searchd(framing_db());
  const std::string head = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  const std::string hidden = "GET /search?q=smuggled HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  struct Row {
    std::string name, request, detail_part;
  };
  const Row rows[] = {
      {"Content-Length and Transfer-Encoding",
       head + "Content-Length: " + std::to_string(5 + hidden.size()) +
           "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + hidden,
       "both Content-Length and Transfer-Encoding"},
      {"Transfer-Encoding then Content-Length",
       head + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n" + hidden,
       "both Content-Length and Transfer-Encoding"},
      {"two different Content-Lengths",
       head + "Content-Length: 0\r\nContent-Length: " + std::to_string(hidden.size()) + "\r\n\r\n" +
           hidden,
       "two different Content-Lengths"},
      {"a Content-Length list", head + "Content-Length: 0, 0\r\n\r\n" + hidden, "not one number"},
      {"space before the colon", head + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n" + hidden,
       "whitespace between the header name"},
      {"space before the colon, Content-Length", head + "Content-Length : 0\r\n\r\n" + hidden,
       "whitespace between the header name"},
      {"two Host headers", head + "Host: localhost\r\n\r\n" + hidden, "more than one Host"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    Exchange e = exchange(searchd.port(), row.request);
    HttpReply reply = parse_reply(e.raw);
    CHECK(reply.status == 400);
    CHECK(reply.headers["content-type"] == "application/problem+json");
    CHECK(reply.headers["connection"] == "close");
    CHECK(detail_of(reply).find(row.detail_part) != std::string::npos);
    CHECK(e.closed);
    CHECK(e.answers() == 1);  // the request hidden in the body is never answered
  }
  // The same requests without the fault: answered, and the connection kept for the next one.
  Exchange kept = exchange(searchd.port(), head + "Content-Length: 0\r\n\r\n" + hidden);
  CHECK(kept.answers() == 2);
  CHECK_FALSE(kept.closed);
}

TEST_CASE("framing: one connection serves 100 requests at most", "[framing]") {
  SearchdProcess searchd(framing_db());
  std::string requests;
  for (int i = 0; i < 150; ++i) requests += "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  Exchange e = exchange(searchd.port(), requests);
  CHECK(e.answers() == 100);
  CHECK(e.closed);
}

TEST_CASE("framing: request targets, versions and methods get proper answers", "[framing]") {
  SearchdProcess searchd(framing_db());
  const int port = searchd.port();
  const std::string port_text = std::to_string(port);
  struct Row {
    std::string request_line;
    int status;
    std::string body_part;  // in the body (a problem's detail, or data)
  };
  const Row rows[] = {
      // RFC 9112 3.2.2: absolute-form is accepted; its authority stands for Host.
      {"GET http://127.0.0.1:" + port_text + "/healthz HTTP/1.1", 200, "\"documents\""},
      {"GET http://localhost/healthz HTTP/1.1", 200, "\"documents\""},  // another port
      {"GET HTTP://LOCALHOST/search?q=exploit HTTP/1.1", 200, "\"hits\""},
      {"GET http://evil.example/healthz HTTP/1.1", 421, "evil.example"},
      {"GET http://evil.example:" + port_text + "/healthz HTTP/1.1", 421, "evil.example"},
      {"OPTIONS * HTTP/1.1", 404, "no resource at *"},
      {"GET /healthz HTTP/1.2", 505, "1.2"},
      {"GET /healthz HTTP/2.0", 505, "2.0"},
  };
  for (const Row& row : rows) {
    INFO(row.request_line);
    HttpReply reply =
        http_raw(port, row.request_line + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    CHECK(reply.status == row.status);
    CHECK(reply.body.find(row.body_part) != std::string::npos);
    if (row.status >= 400) CHECK(reply.headers["content-type"] == "application/problem+json");
  }
  // The reason phrase of a 505 is its own, not "Internal Server Error".
  briefing::testing::LoopbackSocket socket(port);
  socket.send("GET /healthz HTTP/1.2\r\nHost: 127.0.0.1\r\n\r\n");
  std::string raw;
  socket.read_until_closed(raw, milliseconds(3000));
  CHECK(raw.rfind("HTTP/1.1 505 HTTP Version Not Supported\r\n", 0) == 0);

  for (const char* method : {"POST", "PUT", "DELETE", "PATCH"}) {
    for (const char* path : {"/search", "/healthz", "/briefings/x", "/"}) {
      INFO(method << " " << path);
      HttpReply reply = http_raw(port, std::string(method) + " " + path +
                                           " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
                                           "0\r\nConnection: close\r\n\r\n");
      CHECK(reply.status == 405);
      CHECK(reply.headers["allow"] == "GET, HEAD");
    }
  }
}

TEST_CASE("framing: briefing ids are read off the encoded path, and details keep every byte",
          "[framing]") {
  SearchdProcess searchd(framing_db());
  const int port = searchd.port();
  HttpReply slashed = http_get(port, "/briefings/a%2Frelated");
  REQUIRE(slashed.status == 200);
  CHECK(json::parse(slashed.body)["id"] == "a/related");
  HttpReply its_related = http_get(port, "/briefings/a%2Frelated/related");
  REQUIRE(its_related.status == 200);
  CHECK(json::parse(its_related.body)["id"] == "a/related");
  CHECK(json::parse(its_related.body)["related"].is_array());
  HttpReply plain_related = http_get(port, "/briefings/2026-04-01-alpha/related");
  REQUIRE(plain_related.status == 200);
  CHECK(json::parse(plain_related.body)["id"] == "2026-04-01-alpha");
  CHECK(http_get(port, "/briefings/a/related").status == 404);  // "a" has no related list

  struct Row {
    std::string target, detail;
  };
  const Row rows[] = {
      {"/briefings/%00x", std::string("no briefing with id '\0x'", 24)},
      {"/briefings/a%00b/related", std::string("no briefing with id 'a\0b'", 25)},
      {"/briefings/caf%C3%A9", "no briefing with id 'caf\xC3\xA9'"},
      {"/briefings/a+b", "no briefing with id 'a+b'"},  // '+' is a plus in a path
  };
  for (const Row& row : rows) {
    INFO(row.target);
    HttpReply reply = http_get(port, row.target);
    CHECK(reply.status == 404);
    CHECK(detail_of(reply) == row.detail);
  }
  HttpReply malformed = http_get(port, "/briefings/%zz");
  CHECK(malformed.status == 400);
  CHECK(detail_of(malformed).find("percent-encoding in the path") != std::string::npos);
}

TEST_CASE("host: only loopback names, the --listen host and --allowed-host are answered",
          "[framing]") {
  SearchdProcess searchd(framing_db(), {"--allowed-host", "search.example.org"});
  const int port = searchd.port();
  const std::string port_text = std::to_string(port);
  struct Row {
    std::string host;
    int status;
  };
  const Row rows[] = {
      {"127.0.0.1", 200},
      {"127.0.0.1:" + port_text, 200},
      {"localhost", 200},
      {"LocalHost:" + port_text, 200},
      {"[::1]", 200},
      {"[::1]:" + port_text, 200},
      {"search.example.org", 200},
      {"search.example.org:443", 200},
      {"evil.example", 421},
      {"evil.example:" + port_text, 421},
      {"127.0.0.1.evil.example", 421},
      {"localhost.evil.example", 421},
      {"sub.search.example.org", 421},
      {"127.0.0.2", 421},
      {"localhost:abc", 421},
      {"user@localhost", 421},
  };
  for (const char* target : {"/healthz", "/search?q=exploit", "/", "/assets/app.js",
                             "/briefings/2026-04-01-alpha", "/openapi.json", "/metrics"}) {
    for (const Row& row : rows) {
      INFO(target << " with Host: " << row.host);
      HttpReply reply =
          http_raw(port, std::string("GET ") + target + " HTTP/1.1\r\nHost: " + row.host +
                             "\r\nConnection: close\r\n\r\n");
      CHECK(reply.status == row.status);
      if (row.status == 421) {
        CHECK(reply.headers["content-type"] == "application/problem+json");
        CHECK(detail_of(reply).find("--allowed-host") != std::string::npos);
        CHECK(reply.body.find("documents") == std::string::npos);
        CHECK(reply.body.find("hits") == std::string::npos);
      }
    }
  }
  HttpReply no_host = http_raw(port, "GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n");
  CHECK(no_host.status == 400);
}

TEST_CASE("page: the first results are a JSON data island, and /initial.js is gone", "[framing]") {
  SearchdProcess searchd(framing_db());
  const int port = searchd.port();
  // A query that comes back in the data: none of it may end the data block early.
  HttpReply page = http_get(port, "/?q=%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  REQUIRE(page.status == 200);
  const std::string open = "<script type=\"application/json\" id=\"first-results\">";
  auto at = page.body.find(open);
  REQUIRE(at != std::string::npos);
  auto end = page.body.find("</script>", at);
  REQUIRE(end != std::string::npos);
  std::string island = page.body.substr(at + open.size(), end - at - open.size());
  CHECK(island.find('<') == std::string::npos);
  json data = json::parse(island);
  CHECK(data["query"] == "q=%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  CHECK(data["data"]["hits"].is_array());
  CHECK(page.body.find("initial.js") == std::string::npos);
  CHECK(http_get(port, "/initial.js?q=exploit").status == 404);
}

TEST_CASE(
    "connections: idle and slow clients three times the old thread count leave a search "
    "answered at once",
    "[framing][slow]") {
  SearchdProcess searchd(framing_db());
  const int port = searchd.port();
  std::vector<std::unique_ptr<LoopbackSocket>> held;
  for (int i = 0; i < 192; ++i) held.push_back(std::make_unique<LoopbackSocket>(port));
  // Heads half sent, and bodies that will never arrive (answered without them, then closed).
  for (int i = 0; i < 32; ++i) {
    held.push_back(std::make_unique<LoopbackSocket>(port));
    held.back()->send("GET /search?q=exploit HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
  }
  std::vector<std::unique_ptr<LoopbackSocket>> bodies;
  for (int i = 0; i < 32; ++i) {
    bodies.push_back(std::make_unique<LoopbackSocket>(port));
    bodies.back()->send(
        "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000000\r\n\r\nx");
  }
  std::this_thread::sleep_for(milliseconds(300));
  for (int i = 0; i < 5; ++i) {
    auto start = Clock::now();
    HttpReply reply = http_get(port, "/search?q=exploit");
    double took = seconds_since(start);
    CHECK(reply.status == 200);
    CHECK(took < 0.5);
  }
  for (auto& body : bodies) {  // answered at once and closed while the body is still coming
    std::string raw;
    CHECK(body->read_until_closed(raw, milliseconds(1000)));
    CHECK(parse_reply(raw).status == 200);
  }
}

TEST_CASE("connections: an idle or dribbling head is cut off after the request timeout",
          "[framing][slow]") {
  SearchdProcess searchd(framing_db());
  LoopbackSocket idle(searchd.port()), dribble(searchd.port());
  const auto start = Clock::now();
  const std::string head = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
  std::size_t sent = 0;
  // A byte every 100 ms: never a pause long enough for a per-read timeout.
  while (seconds_since(start) < 8 &&
         dribble.send(std::string(1, sent < head.size() ? head[sent] : 'x')))
    ++sent, std::this_thread::sleep_for(milliseconds(100));
  const double dribble_cut = seconds_since(start);
  CHECK(dribble_cut > 4);
  CHECK(dribble_cut < 7);
  std::string raw;
  CHECK(idle.read_until_closed(raw, milliseconds(1000)));  // closed by now (after 5 s)
}

TEST_CASE("connections: a client that never reads its answers is dropped, not waited on",
          "[framing][slow]") {
  SearchdProcess searchd(framing_db());
  // A small receive window and many pipelined requests for a 30 kB asset: searchd's writes
  // stall once its send buffer is full, and it gives up after request_timeout_ms (5 s, checked
  // every 2 s by CivetWeb) instead of going on to the next request.
  LoopbackSocket greedy(searchd.port(), 4096);
  std::string requests;
  for (int i = 0; i < 2000; ++i)
    requests += "GET /assets/app.js HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  greedy.send(requests);
  const auto start = Clock::now();
  std::this_thread::sleep_for(milliseconds(9500));
  std::string raw;
  // What searchd had already sent drains through our small window (about 2 s) before the close;
  // a searchd that went on answering would still be sending its 60 MB long after.
  CHECK(greedy.read_until_closed(raw, milliseconds(6000)));
  CHECK(seconds_since(start) < 15.5);
  CHECK(raw.size() < 1000u * 30000u);  // far from every answer
  CHECK(http_get(searchd.port(), "/healthz").status == 200);
}
