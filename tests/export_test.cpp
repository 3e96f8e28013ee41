// /export over the real advisories, checked from outside: Python's csv module and a STIX 2.1
// check (tests/export_check.py), the NDJSON re-indexed by the indexer binary into the same
// briefings, the order and count of /search, the cap and limit, and problem documents.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "http_client.h"
#include "index_run.h"
#include "scratch_dir.h"
#include "searchd_process.h"
#include "subprocess.h"

using briefing::testing::http_get;
using briefing::testing::HttpReply;
using briefing::testing::ScratchDir;
using briefing::testing::SearchdProcess;
using nlohmann::json;

namespace {

const std::string kShared = BRIEFING_SHARED_DIR;
const std::string kChecker = std::string(BRIEFING_TESTS_DIR) + "/export_check.py";
constexpr int kExportCap = 2000;

// The advisories as Markdown files (the id is the file name), indexed once for the file, and
// a searchd over them with a cap above their number that does not fold near-duplicates.
struct Advisories {
  static Advisories& get() {
    static Advisories a;
    return a;
  }
  ScratchDir dir{"exports"};
  std::string db = (dir / "advisories").string();
  std::unique_ptr<SearchdProcess> searchd;
  std::string base() const { return "http://127.0.0.1:" + std::to_string(searchd->port()); }

 private:
  Advisories() {
    const std::filesystem::path md = dir / "md";
    std::filesystem::create_directories(md);
    std::ifstream in(kShared + "/data/wasoc-advisories.jsonl");
    for (std::string line; std::getline(in, line);) {
      json a = json::parse(line);
      std::ofstream(md / (a["id"].get<std::string>() + ".md")) << a["text"].get<std::string>();
    }
    briefing::RunOptions options;
    options.db_path = db;
    options.sources = {md.string()};
    options.entity_files = {kShared + "/data/misp-threat-actor.json"};
    briefing::run_indexer(options);
    // An export lists every match, near-duplicates unfolded; so does this searchd's /search, so
    // that its pages can be compared with an export's order.
    searchd = std::make_unique<SearchdProcess>(
        db, std::vector<std::string>{"--export-limit", std::to_string(kExportCap),
                                     "--fold-near-duplicates=false"});
  }
};

// A chunked body decoded; throws when it is not well framed or lacks its last chunk.
std::string dechunked(const std::string& body) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    const std::size_t line_end = body.find("\r\n", at);
    if (line_end == std::string::npos) throw std::runtime_error("a chunk without its size line");
    const std::size_t size = std::stoul(body.substr(at, line_end - at), nullptr, 16);
    if (size == 0) return out;
    if (line_end + 2 + size + 2 > body.size()) throw std::runtime_error("a chunk cut short");
    out.append(body, line_end + 2, size);
    at = line_end + 2 + size + 2;
  }
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  for (std::size_t end; (end = text.find('\n', at)) != std::string::npos; at = end + 1)
    out.push_back(text.substr(at, end - at));
  return out;
}

// The ids /export?format=ndjson gives for `query`.
std::vector<std::string> exported_ids(int port, const std::string& query, HttpReply& reply) {
  reply = http_get(port, "/export?format=ndjson&" + query);
  std::vector<std::string> ids;
  for (const std::string& line : lines_of(dechunked(reply.body)))
    ids.push_back(json::parse(line)["id"].get<std::string>());
  return ids;
}

// Every hit /search gives for `query`, page by page.
std::vector<std::string> searched_ids(int port, const std::string& query) {
  std::vector<std::string> ids;
  for (int page = 1;; ++page) {
    json r = json::parse(
        http_get(port, "/search?per_page=100&page=" + std::to_string(page) + "&" + query).body);
    for (const json& hit : r["hits"]) ids.push_back(hit["id"].get<std::string>());
    if (r["hits"].empty() || ids.size() >= r["total"].get<std::size_t>()) return ids;
  }
}

briefing::testing::RunResult check(const std::vector<std::string>& args) {
  std::vector<std::string> command = {"python3", kChecker};
  command.insert(command.end(), args.begin(), args.end());
  briefing::testing::RunResult r = briefing::testing::run(command);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  return r;
}

}  // namespace

TEST_CASE("exports: every advisory as CSV, NDJSON and STIX, read back from outside", "[export]") {
  Advisories& a = Advisories::get();
  ScratchDir out("exports-out");
  briefing::testing::RunResult formats = check({"formats", a.base(), out.path().string()});
  CHECK(formats.out.find("ndjson: 1129 briefings") != std::string::npos);
  CHECK(formats.out.find("csv: 1129 rows") != std::string::npos);
  CHECK(formats.out.find("stix: valid") != std::string::npos);

  // The NDJSON re-indexed by the indexer binary (as JSON Lines) gives the same briefings.
  const std::string again = (out / "reindexed").string();
  briefing::testing::RunResult indexed =
      briefing::testing::run({BRIEFING_INDEXER, "--db", again, (out / "export.ndjson").string()});
  INFO(indexed.out << indexed.err);
  REQUIRE(indexed.exit_code == 0);
  CHECK((indexed.out + indexed.err).find("indexed 1129 (added 1129") != std::string::npos);
  SearchdProcess second(again);
  briefing::testing::RunResult same =
      check({"same", a.base(), "http://127.0.0.1:" + std::to_string(second.port())});
  CHECK(same.out.find("same: 1129 briefings, equal but for provenance (0 differ)") !=
        std::string::npos);
}

TEST_CASE("exports: the briefings and order of /search, cut by limit and the cap", "[export]") {
  Advisories& a = Advisories::get();
  const int port = a.searchd->port();
  struct Row {
    std::string query;
  };
  const Row rows[] = {{"q=ransomware"},
                      {"q=cisco+vulnerability"},
                      {"vendor=Microsoft"},
                      {"q=exploit&sort=date"},
                      {"q=critical&sort=relevance"},
                      {"region=AU&from=2025-01-01"},
                      {"q=%22remote+code+execution%22"}};
  for (const Row& row : rows) {
    INFO(row.query);
    HttpReply reply;
    std::vector<std::string> exported = exported_ids(port, row.query, reply);
    CHECK(reply.status == 200);
    CHECK(exported == searched_ids(port, row.query));
    CHECK(reply.headers["x-export-total"] == std::to_string(exported.size()));
    CHECK(reply.headers["x-export-truncated"] == "false");
  }
  struct Cut {
    std::string query;
    std::size_t count;
    std::string total;
  };
  const Cut cuts[] = {
      {"limit=100", 100, "1129"},
      {"", kExportCap < 1129 ? kExportCap : 1129, "1129"},
      {"q=exploit&limit=7", 7, std::to_string(searched_ids(port, "q=exploit").size())}};
  for (const Cut& cut : cuts) {
    INFO(cut.query);
    HttpReply reply;
    std::vector<std::string> exported = exported_ids(port, cut.query, reply);
    CHECK(exported.size() == cut.count);
    CHECK(reply.headers["x-export-count"] == std::to_string(cut.count));
    CHECK(reply.headers["x-export-total"] == cut.total);
    CHECK(reply.headers["x-export-truncated"] ==
          (std::to_string(cut.count) == cut.total ? "false" : "true"));
  }
}

TEST_CASE("exports: a cap below the matches cuts them and says so", "[export]") {
  Advisories& a = Advisories::get();
  SearchdProcess capped(a.db, {"--export-limit", "50"});
  HttpReply reply;
  CHECK(exported_ids(capped.port(), "", reply).size() == 50);
  CHECK(reply.headers["x-export-truncated"] == "true");
  CHECK(reply.headers["x-export-limit"] == "50");
  CHECK(http_get(capped.port(), "/export?format=csv&limit=51").status == 400);
}

TEST_CASE("exports: bad parameters are problem documents, before any byte of a body", "[export]") {
  const int port = Advisories::get().searchd->port();
  struct Row {
    std::string query, detail_part;
  };
  const Row rows[] = {
      {"", "parameter 'format' is missing"},
      {"format=", "parameter 'format' is missing"},
      {"format=xml", "'format' = 'xml': must be csv, ndjson or stix"},
      {"format=CSV", "must be csv, ndjson or stix"},
      {"format=csv&limit=0", "'limit' = '0'"},
      {"format=csv&limit=-5", "'limit' = '-5'"},
      {"format=csv&limit=abc", "'limit' = 'abc'"},
      {"format=csv&limit=1e3", "'limit' = '1e3'"},
      {"format=csv&limit=2001", "from 1 to 2000"},
      {"format=stix&sort=newest", "'sort'"},
      {"format=ndjson&from=yesterday", "'from'"},
      {"format=ndjson&from=2026-01-02&to=2026-01-01", "is after 'to'"},
      {"format=csv&q=%FF", "is not valid UTF-8"},
  };
  for (const Row& row : rows) {
    INFO(row.query);
    HttpReply r = http_get(port, "/export?" + row.query);
    CHECK(r.status == 400);
    CHECK(r.headers["content-type"] == "application/problem+json");
    CHECK(r.headers.count("transfer-encoding") == 0);
    CHECK(json::parse(r.body)["detail"].get<std::string>().find(row.detail_part) !=
          std::string::npos);
  }
}
