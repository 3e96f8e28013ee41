// The watches file parser (good and bad files), webhook URLs, the state file's round trip and
// crash-safe write, and the retry rule: tables of input and what must come out.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "scratch_dir.h"
#include "watch_delivery.h"
#include "watch_file.h"
#include "watch_state.h"

using briefing::watch::Delivery;
using briefing::watch::Outcome;
using briefing::watch::WatchFileError;
using briefing::watch::WatchRecord;
using briefing::watch::WatchState;

namespace {

constexpr std::int64_t kNow = 1780000000;  // 2026-05-28

using Params = std::vector<std::pair<std::string, std::string>>;

}  // namespace

TEST_CASE("watches files that parse give each watch's parameters and webhook", "[watch]") {
  struct Row {
    std::string text;
    std::string name;
    Params params;
    std::string host, path;
    int port;
  };
  const std::vector<Row> rows = {
      {R"({"watches":[{"name":"lazarus","q":"phishing","actor":"Lazarus Group",
           "webhook":"http://127.0.0.1:9000/hooks/a"}]})",
       "lazarus",
       {{"q", "phishing"}, {"actor", "Lazarus Group"}},
       "127.0.0.1",
       "/hooks/a",
       9000},
      {R"({"watches":[{"name":"eu.vendors_2","vendor":["Cisco","Fortinet"],"region":"DE",
           "from":"-30d","webhook":"http://alerts.example"}]})",
       "eu.vendors_2",
       {{"vendor", "Cisco"}, {"vendor", "Fortinet"}, {"region", "DE"}, {"from", "-30d"}},
       "alerts.example",
       "/",
       80},
      {R"({"watches":[{"name":"all","webhook":"http://h:1/x?y=1"}]})", "all", {}, "h", "/x?y=1", 1},
      {R"({"watches":[{"name":"d","series":"KEV","category":"vulnerability","status":"final",
           "to":"2026-12-31","webhook":"http://h:65535/"}]})",
       "d",
       {{"series", "KEV"},
        {"category", "vulnerability"},
        {"status", "final"},
        {"to", "2026-12-31"}},
       "h",
       "/",
       65535},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    const auto watches = briefing::watch::parse_watches(row.text, kNow);
    REQUIRE(watches.size() == 1);
    CHECK(watches[0].name == row.name);
    Params sorted_got = watches[0].params, sorted_want = row.params;
    std::sort(sorted_got.begin(), sorted_got.end());
    std::sort(sorted_want.begin(), sorted_want.end());
    CHECK(sorted_got == sorted_want);
    CHECK(watches[0].webhook.host == row.host);
    CHECK(watches[0].webhook.path == row.path);
    CHECK(watches[0].webhook.port == row.port);
  }
  CHECK(briefing::watch::parse_watches(R"({"watches":[]})", kNow).empty());
}

TEST_CASE("a watch's relative dates are read at each look, with its filters", "[watch]") {
  const auto watches = briefing::watch::parse_watches(
      R"({"watches":[{"name":"w","q":"x","actor":["A","B"],"from":"-1d","webhook":"http://h/"}]})",
      kNow);
  const briefing::SearchRequest request = watches.at(0).request(kNow + 100);
  CHECK(request.q == "x");
  CHECK(request.values(briefing::Facet::kActor) == std::vector<std::string>{"A", "B"});
  CHECK(request.from == kNow + 100 - 86400);
}

TEST_CASE("bad watches files are refused with what is wrong named", "[watch]") {
  struct Row {
    std::string text, named;
  };
  const std::vector<Row> rows = {
      {"", "not JSON"},
      {"[1]", "'watches' array"},
      {R"({"watch":[]})", "'watches' array"},
      {R"({"watches":[7]})", "watch 1: must be an object"},
      {R"({"watches":[{"webhook":"http://h/"}]})", "watch 1: 'name'"},
      {R"({"watches":[{"name":"a b","webhook":"http://h/"}]})", "watch 1: 'name'"},
      {R"({"watches":[{"name":""","webhook":"http://h/"}]})", "not JSON"},
      {R"({"watches":[{"name":"w"}]})", "watch 'w': 'webhook'"},
      {R"({"watches":[{"name":"w","webhook":"https://h/"}]})", "https is not supported"},
      {R"({"watches":[{"name":"w","webhook":"ftp://h/"}]})", "not an http:// URL"},
      {R"({"watches":[{"name":"w","webhook":"http://h:0/"}]})", "port number"},
      {R"({"watches":[{"name":"w","webhook":"http://h:99999/"}]})", "port number"},
      {R"({"watches":[{"name":"w","webhook":"http://h:x/"}]})", "port number"},
      {R"({"watches":[{"name":"w","webhook":"http:///p"}]})", "no plain host"},
      {R"({"watches":[{"name":"w","webhook":"http://u@h/"}]})", "no plain host"},
      {R"({"watches":[{"name":"w","webhook":"http://h/a b"}]})", "space"},
      {R"({"watches":[{"name":"w","webhook":"http://h/","actr":"x"}]})", "unknown field 'actr'"},
      {R"({"watches":[{"name":"w","webhook":"http://h/","q":["a"]}]})", "'q': must be a string"},
      {R"({"watches":[{"name":"w","webhook":"http://h/","actor":[1]}]})", "every value"},
      {R"({"watches":[{"name":"w","webhook":"http://h/","actor":{}}]})", "array of strings"},
      {R"({"watches":[{"name":"w","webhook":"http://h/","from":"soon"}]})", "'from' = 'soon'"},
      {R"({"watches":[{"name":"w","webhook":"http://h/","from":"2026-02-01","to":"2026-01-01"}]})",
       "is after 'to'"},
      {R"({"watches":[{"name":"w","webhook":"http://h/","q":"a* b* c* d* e* f* g* h* i*"}]})",
       "wildcards"},
      {R"({"watches":[{"name":"w","webhook":"http://h/"},{"name":"w","webhook":"http://h/"}]})",
       "watch 'w' is named twice"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    try {
      briefing::watch::parse_watches(row.text, kNow);
      FAIL("parsed");
    } catch (const WatchFileError& e) {
      CHECK_THAT(e.what(), Catch::Contains(row.named));
    }
  }
}

TEST_CASE("a watches file that cannot be read is named", "[watch]") {
  CHECK_THROWS_WITH(briefing::watch::read_watches_file("/nonexistent/watches.json", kNow),
                    Catch::Contains("/nonexistent/watches.json"));
}

TEST_CASE("watch state round-trips through its file, written crash-safely", "[watch]") {
  WatchState state;
  state.watches["never-looked"] = WatchRecord{};
  WatchRecord& r = state.watches["busy"];
  r.high_water = kNow;
  r.seen = {{"b1", "h1", kNow}, {"b2", "h2", kNow}};
  r.pending = {{"busy/b1/h1", R"({"watch":"busy"})", 2, 1780000000123, "answered 500"}};
  r.failed = {{"busy/b0/h0", "{}", 10, 5, "cannot connect"}};
  r.delivered = 7;
  r.failures = 1;
  r.last_delivery = "2026-05-28T20:26:40Z";
  r.last_error = "x";
  CHECK(briefing::watch::state_from_json(briefing::watch::state_to_json(state)) == state);

  briefing::testing::ScratchDir dir("watch-state");
  const std::string path = (dir / "state.json").string();
  CHECK(briefing::watch::load_state(path) == WatchState{});  // no file yet: empty
  briefing::watch::save_state(state, path);
  CHECK(briefing::watch::load_state(path) == state);
  CHECK_FALSE(std::filesystem::exists(path + ".tmp"));
  for (const std::string bad : {"", "{}", R"({"version":2,"watches":{}})",
                                R"({"version":1,"watches":{"w":{"seen":[]}}})"}) {
    CAPTURE(bad);
    std::ofstream(path, std::ios::trunc) << bad;
    CHECK_THROWS_WITH(briefing::watch::load_state(path), Catch::Contains(path));
  }
  CHECK_THROWS(briefing::watch::save_state(state, (dir / "missing" / "state.json").string()));
}

TEST_CASE("retries back off exponentially up to a minute, then give up", "[watch]") {
  const std::vector<std::pair<int, std::int64_t>> delays = {{1, 1000},  {2, 2000},  {3, 4000},
                                                            {6, 32000}, {7, 60000}, {9, 60000}};
  for (const auto& [attempts, delay] : delays) {
    CAPTURE(attempts);
    CHECK(briefing::watch::retry_delay_ms(attempts) == delay);
  }
  WatchRecord r;
  r.pending = {{"w/a/1", "{}", 0, 0, ""}, {"w/b/2", "{}", 0, 0, ""}};
  const briefing::watch::WebhookAnswer refused{500, "answered 500"}, ok{204, ""};
  CHECK(settle(r, "w/b/2", ok, 0, "t") == Outcome::stale);  // not the front
  for (int i = 1; i < briefing::watch::kMaxAttempts; ++i) {
    CHECK(settle(r, "w/a/1", refused, 1000, "t") == Outcome::retrying);
    CHECK(r.pending.front().next_attempt_ms == 1000 + briefing::watch::retry_delay_ms(i));
  }
  CHECK(settle(r, "w/a/1", refused, 1000, "t") == Outcome::gave_up);
  CHECK(r.failures == 1);
  REQUIRE(r.failed.size() == 1);
  CHECK(r.failed.front().attempts == briefing::watch::kMaxAttempts);
  CHECK(settle(r, "w/b/2", ok, 2000, "2026-05-28T20:26:42Z") == Outcome::delivered);
  CHECK(r.pending.empty());
  CHECK(r.delivered == 1);
  CHECK(r.last_delivery == "2026-05-28T20:26:42Z");
}
