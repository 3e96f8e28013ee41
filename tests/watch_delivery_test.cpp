// Saved searches end to end: the real indexer writes a real index that a real searchd follows
// with --watches, and a throwaway webhook receiver on loopback (tests/webhook_receiver.py) that
// refuses its first two POSTs records what arrives. Each matching briefing must arrive exactly
// once across a searchd restart and the refusals; non-matching ones never; an unchanged re-run
// sends nothing, and a changed briefing is sent again.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "http_client.h"
#include "scratch_dir.h"
#include "searchd_process.h"
#include "subprocess.h"

namespace fs = std::filesystem;
using briefing::testing::SearchdProcess;
using nlohmann::json;

namespace {

using Clock = std::chrono::steady_clock;

struct Scene {
  briefing::testing::ScratchDir dir{"watch"};
  std::string db = (dir / "x.db").string();
  std::string received = (dir / "received.jsonl").string();

  void write(const std::string& name, const std::string& bytes) const {
    fs::create_directories(dir / "src");
    std::ofstream(dir / "src" / name, std::ios::binary) << bytes;
  }
  // The indexer over every source written so far.
  void index() const {
    std::vector<std::string> args = {BRIEFING_INDEXER, "--db", db, "--json"};
    for (const auto& entry : fs::directory_iterator(dir / "src"))
      args.push_back(entry.path().string());
    std::sort(args.begin() + 4, args.end());
    const briefing::testing::RunResult run = briefing::testing::run(args);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
  }
  // Every line of `path` (the receiver appends whole lines).
  static std::vector<json> lines_of(const std::string& path) {
    std::vector<json> out;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) out.push_back(json::parse(line));
    return out;
  }
  // Delivery ids accepted so far, with how many times each came.
  std::map<std::string, int> accepted() const {
    std::map<std::string, int> out;
    for (const json& body : lines_of(received)) ++out[body.at("delivery_id").get<std::string>()];
    return out;
  }
};

std::string briefing_line(const std::string& id, const std::string& title,
                          const std::string& summary) {
  return json{{"id", id}, {"title", title}, {"published", "2026-05-01"}, {"summary", summary}}
             .dump() +
         "\n";
}

// Polls `done` every 50 ms for at most `limit`.
template <typename Predicate>
bool eventually(Predicate done, std::chrono::seconds limit = std::chrono::seconds(30)) {
  const auto deadline = Clock::now() + limit;
  while (Clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return done();
}

int receiver_port(const std::string& port_file) {
  REQUIRE(eventually([&] { return fs::exists(port_file); }, std::chrono::seconds(10)));
  std::ifstream in(port_file);
  int port = 0;
  in >> port;
  return port;
}

json watches_answer(const SearchdProcess& searchd) {
  const briefing::testing::HttpReply reply =
      briefing::testing::http_get(searchd.port(), "/watches");
  REQUIRE(reply.status == 200);
  const json answer = json::parse(reply.body);
  json out;
  for (const json& w : answer.at("watches")) out[w.at("name").get<std::string>()] = w;
  return out;
}

// Whether every watch has taken its baseline (its first look at the index).
bool looked(const SearchdProcess& searchd) {
  const json watches = watches_answer(searchd);
  for (const json& w : watches)
    if (w.at("high_water").is_null()) return false;
  return !watches.empty();
}

// The delivery ids of `found` whose briefing id is `id`.
std::vector<std::string> deliveries_of(const std::map<std::string, int>& found,
                                       const std::string& watch, const std::string& id) {
  std::vector<std::string> out;
  for (const auto& [delivery, count] : found)
    if (delivery.rfind(watch + "/" + id + "/", 0) == 0) out.push_back(delivery);
  return out;
}

}  // namespace

namespace {

std::string lazarus_line(const std::string& id, const std::string& summary) {
  return json{{"id", id},
              {"title", "Lazarus phishing " + id},
              {"published", "2026-05-01"},
              {"summary", summary},
              {"actors", {"Lazarus Group"}}}
             .dump() +
         "\n";
}

struct Receiver {
  std::string port_file;
  briefing::testing::Subprocess process;
  int port;
  Receiver(const Scene& s, const std::string& tag, int refuse_first)
      : port_file((s.dir / ("port-" + tag)).string()),
        process({"python3", BRIEFING_TESTS_DIR "/webhook_receiver.py", port_file, s.received,
                 std::to_string(refuse_first)}),
        port(receiver_port(port_file)) {}
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port) + path;
  }
};

void write_watches(const Scene& s, const json& watches) {
  const fs::path temp = s.dir / "watches.json.tmp";
  std::ofstream(temp) << json{{"watches", watches}}.dump();
  fs::rename(temp, s.dir / "watches.json");
}

json lazarus_watch(const std::string& webhook) {
  return {{"name", "lazarus"}, {"q", "phishing"}, {"actor", "Lazarus Group"}, {"webhook", webhook}};
}

std::vector<std::string> watch_args(const Scene& s) {
  return {"--watches", (s.dir / "watches.json").string(), "--watch-state",
          (s.dir / "state.json").string()};
}

// Whether /watches says `name` delivered `count` and has nothing pending.
bool settled(const SearchdProcess& searchd, const std::string& name, int count) {
  const json w = watches_answer(searchd).at(name);
  return w.at("delivered") == count && w.at("pending") == 0;
}

}  // namespace

TEST_CASE("watches deliver each new match once, across a restart and refused attempts",
          "[watch][webhook]") {
  Scene s;
  s.write("a.jsonl", lazarus_line("m1", "Lazarus Group sent phishing mail.") +
                         briefing_line("n1", "Printer firmware", "A printer bug."));
  s.index();
  Receiver receiver(s, "a", /*refuse_first=*/2);
  write_watches(
      s, json::array({lazarus_watch(receiver.url("/lazarus")),
                      {{"name", "routers"}, {"q", "router"}, {"webhook", receiver.url("/r")}}}));
  {
    SearchdProcess searchd(s.db, watch_args(s));
    REQUIRE(eventually([&] { return looked(searchd); }));  // m1 is the baseline: not sent
    s.write("b.jsonl", lazarus_line("m2", "Lazarus Group phishing, round two.") +
                           briefing_line("r1", "Router flaw", "A router bug.") +
                           briefing_line("n2", "Phishing elsewhere", "Phishing by others."));
    s.index();
    REQUIRE(eventually(
        [&] { return settled(searchd, "lazarus", 1) && settled(searchd, "routers", 1); }));
    CHECK(Scene::lines_of(s.received + ".refused").size() == 2);
  }
  // While searchd is down: m2 changes, m3 and n3 are added.
  s.write("b.jsonl", lazarus_line("m2", "Lazarus Group phishing, round two, revised.") +
                         briefing_line("r1", "Router flaw", "A router bug.") +
                         briefing_line("n2", "Phishing elsewhere", "Phishing by others."));
  s.write("c.jsonl", lazarus_line("m3", "Lazarus Group phishing, round three.") +
                         briefing_line("n3", "Scanner news", "Nothing to see."));
  s.index();
  {
    SearchdProcess searchd(s.db, watch_args(s));
    REQUIRE(eventually([&] { return settled(searchd, "lazarus", 3); }));
    // An unchanged re-run, then a marker in a run of its own: once the marker has arrived, every
    // look after the unchanged run is done.
    s.index();
    s.write("d.jsonl", briefing_line("r2", "Router again", "Another router bug."));
    s.index();
    REQUIRE(eventually([&] { return settled(searchd, "routers", 2); }));
    const std::string metrics = briefing::testing::http_get(searchd.port(), "/metrics").body;
    CHECK_THAT(metrics, Catch::Contains("briefing_watch_deliveries_total{watch=\"lazarus\"} 2\n"));
    CHECK_THAT(metrics, Catch::Contains("briefing_watch_deliveries_total{watch=\"routers\"} 1\n"));
    CHECK_THAT(metrics, Catch::Contains("briefing_watch_failures_total{watch=\"lazarus\"} 0\n"));
    const json lazarus = watches_answer(searchd).at("lazarus");
    CHECK(lazarus.at("q") == "phishing");
    CHECK(lazarus.at("filters") == json{{"actor", {"Lazarus Group"}}});
    CHECK_THAT(watches_answer(searchd).dump(), Catch::Contains("answered 500"));
  }
  const std::map<std::string, int> got = s.accepted();
  for (const auto& [delivery, count] : got) {
    CAPTURE(delivery);
    CHECK(count == 1);
  }
  CHECK(got.size() == 5);
  CHECK(deliveries_of(got, "lazarus", "m2").size() == 2);  // as added, and as changed
  CHECK(deliveries_of(got, "lazarus", "m3").size() == 1);
  CHECK(deliveries_of(got, "routers", "r1").size() == 1);
  CHECK(deliveries_of(got, "routers", "r2").size() == 1);
  for (const std::string id : {"m1", "n1", "n2", "n3"}) {
    CAPTURE(id);
    CHECK(deliveries_of(got, "lazarus", id).empty());
    CHECK(deliveries_of(got, "routers", id).empty());
  }
  for (const json& body : Scene::lines_of(s.received))
    if (body.at("watch") == "lazarus")
      CHECK(body.at("briefings").at(0).at("actors") == json{"Lazarus Group"});
}

TEST_CASE("a delivery pending at a restart is sent after it, and watches file edits are followed",
          "[watch][webhook]") {
  Scene s;
  s.write("a.jsonl", lazarus_line("m1", "Lazarus Group sent phishing mail."));
  s.index();
  int closed_port = 0;
  {
    Receiver gone(s, "gone", 0);
    closed_port = gone.port;
  }  // stopped: its port now refuses connections
  write_watches(
      s, json::array({lazarus_watch("http://127.0.0.1:" + std::to_string(closed_port) + "/")}));
  {
    SearchdProcess searchd(s.db, watch_args(s));
    REQUIRE(eventually([&] { return looked(searchd); }));
    s.write("b.jsonl", lazarus_line("m2", "Lazarus Group phishing, round two."));
    s.index();
    REQUIRE(eventually([&] {
      const json w = watches_answer(searchd).at("lazarus");
      return w.at("pending") == 1 && !w.at("last_error").is_null();
    }));
  }
  Receiver receiver(s, "b", 0);
  write_watches(s, json::array({lazarus_watch(receiver.url("/lazarus"))}));
  SearchdProcess searchd(s.db, watch_args(s));
  REQUIRE(eventually([&] { return settled(searchd, "lazarus", 1); }));
  CHECK(deliveries_of(s.accepted(), "lazarus", "m2").size() == 1);

  // A new watch appears without a restart; a broken edit keeps the last good set.
  write_watches(
      s, json::array({lazarus_watch(receiver.url("/lazarus")),
                      {{"name", "routers"}, {"q", "router"}, {"webhook", receiver.url("/r")}}}));
  REQUIRE(eventually([&] { return watches_answer(searchd).size() == 2 && looked(searchd); }));
  std::ofstream(s.dir / "watches.json", std::ios::trunc) << "{\"watches\": [";
  s.write("c.jsonl", lazarus_line("m3", "Lazarus Group phishing, round three.") +
                         briefing_line("r1", "Router flaw", "A router bug."));
  s.index();
  REQUIRE(
      eventually([&] { return settled(searchd, "lazarus", 2) && settled(searchd, "routers", 1); }));
  CHECK(watches_answer(searchd).size() == 2);
}

TEST_CASE("searchd refuses a bad watches file at start, naming what is wrong", "[watch]") {
  Scene s;
  s.write("a.jsonl", briefing_line("n1", "Printer firmware", "A printer bug."));
  s.index();
  write_watches(s, json::array({{{"name", "w"}, {"webhook", "https://example.org/"}}}));
  const briefing::testing::RunResult run = briefing::testing::run(
      {BRIEFING_SEARCHD, "--db", s.db, "--listen", "127.0.0.1:0", "--watches",
       (s.dir / "watches.json").string(), "--watch-state", (s.dir / "state.json").string()});
  CHECK(run.exit_code == 1);
  CHECK_THAT(run.err, Catch::Contains("watch 'w' field 'webhook'") && Catch::Contains("https"));
  const briefing::testing::RunResult alone = briefing::testing::run(
      {BRIEFING_SEARCHD, "--db", s.db, "--watches", (s.dir / "watches.json").string()});
  CHECK(alone.exit_code == 2);
  CHECK_THAT(alone.err, Catch::Contains("--watch-state"));
}

TEST_CASE("GET /watches needs the API key when keys are on", "[watch]") {
  Scene s;
  s.write("a.jsonl", briefing_line("n1", "Printer firmware", "A printer bug."));
  s.index();
  write_watches(s, json::array({lazarus_watch("http://127.0.0.1:9/")}));
  std::ofstream(s.dir / "keys") << "k-0123456789\n";
  std::vector<std::string> args = watch_args(s);
  args.insert(args.end(), {"--api-keys", (s.dir / "keys").string()});
  SearchdProcess searchd(s.db, args);
  const std::string request = "GET /watches HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  CHECK(briefing::testing::http_raw(searchd.port(), request + "\r\n").status == 401);
  const briefing::testing::HttpReply keyed = briefing::testing::http_raw(
      searchd.port(), request + "Authorization: Bearer k-0123456789\r\n\r\n");
  CHECK(keyed.status == 200);
  CHECK_THAT(keyed.body, Catch::Contains("\"name\":\"lazarus\""));
}
