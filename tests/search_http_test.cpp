// /search and the briefing routes through HTTP, against the real searchd over an index of
// tests/data/small and tests/data/hostile. Expected counts were counted by hand from those files.
#include <algorithm>
#include <set>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "http_client.h"
#include "index_run.h"
#include "scratch_dir.h"
#include "searchd_process.h"

using briefing::testing::http_get;
using briefing::testing::HttpReply;
using briefing::testing::ScratchDir;
using briefing::testing::SearchdProcess;
using briefing::testing::url_encode;
using nlohmann::json;

namespace {

// One index and one searchd for the whole file: the tests only read.
class Fixture {
 public:
  static Fixture& get() {
    static Fixture f;
    return f;
  }
  HttpReply get_raw(const std::string& target) { return http_get(searchd_->port(), target); }
  json search(const std::string& query_string) {
    HttpReply r = get_raw("/search?" + query_string);
    INFO("/search?" << query_string << " -> " << r.status << " " << r.body.substr(0, 300));
    REQUIRE(r.status == 200);
    return json::parse(r.body);
  }

 private:
  Fixture() {
    briefing::RunOptions options;
    options.db_path = (dir_ / "x.db").string();
    options.sources = {std::string(BRIEFING_TESTS_DIR) + "/data/small",
                       std::string(BRIEFING_TESTS_DIR) + "/data/hostile"};
    briefing::run_indexer(options);
    searchd_ = std::make_unique<SearchdProcess>(options.db_path);
  }
  ScratchDir dir_{"search-http"};
  std::unique_ptr<SearchdProcess> searchd_;
};

std::vector<std::string> ids(const json& answer) {
  std::vector<std::string> out;
  for (const auto& h : answer["hits"]) out.push_back(h["id"]);
  return out;
}

std::set<std::string> id_set(const json& answer) {
  auto v = ids(answer);
  return {v.begin(), v.end()};
}

std::uint64_t facet_count(const json& answer, const std::string& facet, const std::string& value) {
  for (const auto& v : answer["facets"][facet])
    if (v["value"] == value) return v["count"];
  return 0;
}

const std::string kAlpha = "2026-04-01-alpha", kBeta = "2026-05-05-beta",
                  kGamma = "2026-05-20-gamma", kDelta = "2026-06-02-delta",
                  kEpsilon = "2026-06-09-epsilon", kUntitled = "untitled-id",
                  kXss = "2026-03-11-xss-payloads";

}  // namespace

TEST_CASE("search: query syntax finds exactly the expected briefings", "[search]") {
  struct Row {
    std::string q;
    std::set<std::string> expected;
  };
  const Row rows[] = {
      {"UNC1069", {kAlpha, kBeta, kXss}},
      {"unc1069", {kAlpha, kBeta, kXss}},
      // "North Korean" names a region: briefings about North Korea match as well as the words
      {"north korean", {kAlpha, kBeta, kGamma}},
      {"\"joint incident response\"", {kGamma}},
      {"\"response incident joint\"", {}},
      {"pledge OR routers", {kEpsilon, kDelta}},
      {"UNC1069 -axios", {kBeta, kXss}},
      {"UNC1069 NOT axios", {kBeta, kXss}},
      {"regul*", {kEpsilon}},
      {"exploited", {kBeta, kDelta}},   // stemmed: delta's "exploited", beta's "exploitation"
      {"exploiting", {kBeta, kDelta}},  // another form of the same stem
      {"title:cluster", {kBeta}},       // alpha has "cluster" only in its summary
      {"cluster", {kAlpha, kBeta}},
      {"title:\"registry attack\"", {kBeta}},
      {"actor:unc1069", {kAlpha, kBeta, kXss}},
      {"actor:UAT-8616", {kBeta, kDelta}},
      {"vendor:cisco", {kBeta, kDelta}},
      {"region:\"South Korea\"", {kGamma}},
      {"region:kr", {kGamma}},
      {"actor:nobody", {}},
      {"CVE-2026-20182", {kBeta}},
      {"20182", {kBeta}},
      {"uat-8616 cisco", {kBeta, kDelta}},
      {"북한", {kGamma}},
      {"fortinet appliances", {kUntitled}},
      {"-unc1069 cisco", {kDelta}},
  };
  auto& f = Fixture::get();
  for (const auto& row : rows) {
    INFO("q=" << row.q);
    json answer = f.search("q=" + url_encode(row.q) + "&per_page=100");
    CHECK(id_set(answer) == row.expected);
    CHECK(answer["total"] == row.expected.size());
    CHECK(answer["total_exact"] == true);
  }
}

TEST_CASE("search: odd queries are answered, never a 5xx", "[search]") {
  const char* queries[] = {"\"",
                           "(((",
                           ")",
                           "-",
                           "*",
                           "**",
                           "title:",
                           "actor:",
                           "OR",
                           "NOT",
                           "AND OR NOT",
                           "\"\"",
                           "a**",
                           "-\"\"",
                           "title:\"",
                           "actor:\"\"",
                           "\xE2\x80\x94",
                           "OR OR OR axios",
                           "NOT NOT",
                           "&&||!!",
                           "\\",
                           "%",
                           "region:",
                           "axios*",
                           "\"a b c d e f g h i j k l m n o p\""};
  auto& f = Fixture::get();
  for (const char* q : queries) {
    INFO("q=" << q);
    HttpReply r = f.get_raw("/search?q=" + url_encode(q));
    CHECK(r.status == 200);
    CHECK(json::parse(r.body).contains("hits"));
  }
}

TEST_CASE("search: a title match ranks above a body match", "[search]") {
  json answer = Fixture::get().search("q=cluster");
  REQUIRE(answer["hits"].size() == 2);
  CHECK(answer["hits"][0]["id"] == kBeta);
  CHECK(answer["hits"][0]["score"].get<double>() > answer["hits"][1]["score"].get<double>());
}

TEST_CASE("search: empty q browses everything newest first, with pages", "[search]") {
  auto& f = Fixture::get();
  json all = f.search("");
  CHECK(all["total"] == 7);
  CHECK(ids(all) ==
        std::vector<std::string>{kUntitled, kEpsilon, kDelta, kGamma, kBeta, kAlpha, kXss});
  json page2 = f.search("per_page=2&page=2");
  CHECK(ids(page2) == std::vector<std::string>{kDelta, kGamma});
  CHECK(page2["page"] == 2);
  CHECK(page2["per_page"] == 2);
  CHECK(page2["total"] == 7);
  json beyond = f.search("per_page=5&page=3");
  CHECK(beyond["hits"].empty());
  CHECK(beyond["total"] == 7);
  json by_date = f.search("q=unc1069&sort=date");
  CHECK(ids(by_date) == std::vector<std::string>{kBeta, kAlpha, kXss});
}

TEST_CASE("search: date filters are inclusive and the histogram is by month", "[search]") {
  auto& f = Fixture::get();
  json may = f.search("from=2026-05-01&to=2026-05-31");
  CHECK(id_set(may) == std::set<std::string>{kBeta, kGamma});  // gamma is 19 May 23:00 UTC
  CHECK(id_set(f.search("from=2026-06-09&to=2026-06-09")) == std::set<std::string>{kEpsilon});
  CHECK(id_set(f.search("to=2026-03-31")) == std::set<std::string>{kXss});
  // The date facet ignores the date filter (so another range can be chosen) and is in time order.
  std::vector<std::string> months;
  for (const auto& m : may["facets"]["date"]) months.push_back(m["value"]);
  CHECK(months == std::vector<std::string>{"2026-03", "2026-04", "2026-05", "2026-06", "2026-07"});
  CHECK(facet_count(may, "date", "2026-06") == 2);
  CHECK(may["facets"]["date"][2]["label"] == "May 2026");
}

TEST_CASE("search: facet counts are exact and match the hits they promise", "[search][facets]") {
  auto& f = Fixture::get();
  json all = f.search("");
  // Counted by hand from tests/data/small and tests/data/hostile.
  CHECK(facet_count(all, "actor", "UNC1069") == 3);
  CHECK(facet_count(all, "actor", "UAT-8616") == 2);
  CHECK(facet_count(all, "vendor", "Cisco") == 2);
  CHECK(facet_count(all, "region", "KP") == 3);
  CHECK(facet_count(all, "region", "US") == 3);
  CHECK(facet_count(all, "series", "Cybersecurity: Threats and Defences") == 3);
  CHECK(facet_count(all, "status", "Breaking") == 2);
  CHECK(all["facets"]["actor"][0]["value"] == "UNC1069");  // by count
  // Every facet value's count is the total its filter returns.
  for (const char* facet : {"actor", "vendor", "region", "series", "category", "status"}) {
    for (const auto& v : all["facets"][facet]) {
      std::string value = v["value"];
      INFO(facet << "=" << value);
      json filtered = f.search(std::string(facet) + "=" + url_encode(value));
      CHECK(filtered["total"] == v["count"]);
    }
  }
  // The same with a query.
  json q = f.search("q=cisco");
  for (const auto& v : q["facets"]["region"]) {
    json filtered = f.search("q=cisco&region=" + url_encode(v["value"]));
    CHECK(filtered["total"] == v["count"]);
  }
}

TEST_CASE("search: facet counts are disjunctive", "[search][facets]") {
  auto& f = Fixture::get();
  // Ticking one actor keeps the other actor's full count, and ORs the two.
  json one = f.search("actor=UNC1069");
  CHECK(one["total"] == 3);
  CHECK(facet_count(one, "actor", "UNC1069") == 3);
  CHECK(facet_count(one, "actor", "UAT-8616") == 2);
  json both = f.search("actor=UNC1069&actor=UAT-8616");
  CHECK(both["total"] == 4);  // alpha, beta, delta, xss
  CHECK(facet_count(both, "actor", "UAT-8616") == 2);
  CHECK(facet_count(both, "actor", "UNC1069") == 3);
  // Other facets apply: region=US narrows the actor counts; the actor filter narrows regions.
  json mixed = f.search("actor=UNC1069&region=US");
  CHECK(ids(mixed) == std::vector<std::string>{kAlpha});
  CHECK(facet_count(mixed, "actor", "UNC1069") == 1);
  CHECK(facet_count(mixed, "actor", "UAT-8616") == 1);  // delta is US
  CHECK(facet_count(mixed, "region", "KP") == 2);       // alpha, beta
  CHECK(facet_count(mixed, "region", "NL") == 1);       // xss
  CHECK(facet_count(mixed, "region", "US") == 1);
  // A selected value with no matches is still listed, with 0.
  json none = f.search("actor=Nobody");
  CHECK(none["total"] == 0);
  bool listed = false;
  for (const auto& v : none["facets"]["actor"])
    listed = listed || (v["value"] == "Nobody" && v["count"] == 0);
  CHECK(listed);
}

TEST_CASE("search: facet values carry display labels", "[search][facets]") {
  json all = Fixture::get().search("");
  std::map<std::string, std::string> labels;
  for (const auto& v : all["facets"]["region"]) labels[v["value"]] = v["label"];
  CHECK(labels["KP"] == "North Korea");
  CHECK(labels["GB"] == "United Kingdom");
  CHECK(labels["NL"] == "Netherlands");
  CHECK(Fixture::get().search("facet_limit=1")["facets"]["region"].size() == 1);
}

TEST_CASE("search: snippets mark matches and escape everything else", "[search][snippets]") {
  auto& f = Fixture::get();
  // Both words required (+word): one briefing has them, and relaxation may not add others.
  json answer = f.search("q=%2Bscript+%2Balert");
  REQUIRE(ids(answer) == std::vector<std::string>{kXss});
  std::string snippet = answer["hits"][0]["snippet"];
  CHECK(snippet.find("<mark>") != std::string::npos);
  // Remove the marks: no other tag may remain.
  std::string rest = snippet;
  for (const char* tag : {"<mark>", "</mark>"})
    for (std::size_t at; (at = rest.find(tag)) != std::string::npos;)
      rest.erase(at, std::string(tag).size());
  CHECK(rest.find('<') == std::string::npos);
  CHECK(rest.find('>') == std::string::npos);
  CHECK(snippet.find("&lt;") != std::string::npos);
  // The title is plain text in JSON (the page inserts it as text), not HTML.
  CHECK(answer["hits"][0]["title"] == "Portal flaw lets <script> run in the login page");
  // Stemmed forms are marked: the query "compromised" marks beta's "compromise".
  json stems = f.search("q=compromised");
  for (const auto& h : stems["hits"])
    if (h["id"] == kBeta)
      CHECK(h["snippet"].get<std::string>().find("<mark>compromise</mark>") != std::string::npos);
}

TEST_CASE("search: every hit carries its fields and related events", "[search][related]") {
  json answer = Fixture::get().search("q=UNC1069");
  for (const auto& h : answer["hits"]) {
    for (const char* key : {"id", "title", "published", "url", "score", "snippet", "series",
                            "status", "actors", "vendors", "regions", "related"})
      CHECK(h.contains(key));
    if (h["id"] == kAlpha) {
      REQUIRE_FALSE(h["related"].empty());
      CHECK(h["related"][0]["id"] == kBeta);
      CHECK(h["related"][0]["reason"] == "link");
      CHECK(h["actors"] == json::array({"UNC1069"}));
    }
  }
  CHECK(Fixture::get().search("q=UNC1069&related=0")["hits"][0]["related"].empty());
}

TEST_CASE("briefings: the whole briefing, its related events, and 404s", "[related]") {
  auto& f = Fixture::get();
  HttpReply b = f.get_raw("/briefings/" + kAlpha);
  REQUIRE(b.status == 200);
  json alpha = json::parse(b.body);
  CHECK(alpha["title"] == "UNC1069 compromises a popular npm package");
  CHECK(alpha["outlook"][0]["probability"] == 0.7);

  HttpReply r = f.get_raw("/briefings/" + kAlpha + "/related");
  REQUIRE(r.status == 200);
  json related = json::parse(r.body);
  CHECK(related["id"] == kAlpha);
  std::map<std::string, std::string> reasons;
  for (const auto& item : related["related"]) reasons[item["id"]] = item["reason"];
  CHECK(reasons[kBeta] == "link");
  CHECK(reasons[kXss] == "shared actor UNC1069");
  CHECK(reasons.count(kAlpha) == 0);                 // never itself
  CHECK(related["related"][0]["reason"] == "link");  // links first

  // Linked from elsewhere counts as a link too (beta links to alpha).
  json beta_related = json::parse(f.get_raw("/briefings/" + kBeta + "/related").body);
  CHECK(beta_related["related"][0]["id"] == kAlpha);

  for (const std::string target : {"/briefings/nope", "/briefings/nope/related", "/briefings/"}) {
    HttpReply missing = f.get_raw(target);
    INFO(target);
    CHECK(missing.status == 404);
    CHECK(missing.headers["content-type"] == "application/problem+json");
  }
  CHECK(json::parse(f.get_raw("/briefings/nope").body)["detail"] == "no briefing with id 'nope'");
}

TEST_CASE("search: bad parameters are 400 problem documents naming them", "[search]") {
  auto& f = Fixture::get();
  struct Row {
    const char* query;
    const char* named;
  };
  const Row rows[] = {{"per_page=1000", "per_page"},
                      {"sort=best", "sort"},
                      {"from=tomorrow", "from"},
                      {"page=-1", "page"},
                      {"q=%C3%28", "q"}};
  for (const auto& row : rows) {
    HttpReply r = f.get_raw(std::string("/search?") + row.query);
    INFO(row.query);
    CHECK(r.status == 400);
    CHECK(r.headers["content-type"] == "application/problem+json");
    json problem = json::parse(r.body);
    CHECK(problem["status"] == 400);
    CHECK(problem["title"] == "Bad request");
    CHECK_THAT(problem["detail"].get<std::string>(), Catch::Contains(row.named));
  }
}

TEST_CASE("search: a query that finds less than a page gives up words and says which",
          "[search][relax]") {
  struct Row {
    std::string query_string;
    std::vector<std::string> relaxed;
    std::set<std::string> expected;
  };
  const Row rows[] = {
      {"q=routers+xqzvw", {"xqzvw"}, {kDelta}},
      {"q=registry+routers", {"routers"}, {kAlpha, kBeta}},
      {"q=regulators", {}, {kEpsilon}},
      // Never given up: a phrase, +word, AND, NOT, a field scope, a facet filter.
      {"q=%22fresh+wave%22+registry", {"registry"}, {kDelta}},
      {"q=%2Bxqzvw+routers", {}, {}},
      {"q=routers+AND+registry", {}, {}},
      {"q=registry+-axios+routers", {"routers"}, {kBeta}},
      {"q=title:cluster+routers", {"routers"}, {kBeta}},
      {"q=registry+routers&vendor=Cisco", {"routers"}, {kBeta}},
  };
  auto& f = Fixture::get();
  for (const auto& row : rows) {
    INFO(row.query_string);
    json answer = f.search(row.query_string);
    CHECK(answer["relaxed"] == row.relaxed);
    CHECK(id_set(answer) == row.expected);
    CHECK(answer["total"] == row.expected.size());
  }
  // Briefings with the given-up words still rank first: delta has both words.
  json both = f.search("q=cisco+routers+xqzvw");
  CHECK(both["relaxed"] == std::vector<std::string>{"routers", "xqzvw"});
  REQUIRE(both["hits"].size() == 2);
  CHECK(both["hits"][0]["id"] == kDelta);
}

TEST_CASE("search: an unknown word with a close spelling gets a suggestion", "[search]") {
  auto& f = Fixture::get();
  json answer = f.search("q=regulatrs");
  CHECK(answer["total"] == 0);
  CHECK(answer["suggestion"] == "regulators");
  CHECK(f.search("q=regulators")["suggestion"].is_null());
  CHECK(f.search("q=xqzvw")["suggestion"].is_null());
}

TEST_CASE("metrics and openapi describe the service", "[search]") {
  auto& f = Fixture::get();
  f.search("q=axios");
  HttpReply m = f.get_raw("/metrics");
  REQUIRE(m.status == 200);
  CHECK(m.headers["content-type"].rfind("text/plain", 0) == 0);
  CHECK(m.body.find("searchd_requests_total{route=\"/search\",status=\"200\"}") !=
        std::string::npos);
  CHECK(m.body.find("searchd_request_duration_seconds_bucket{route=\"/search\",le=\"+Inf\"}") !=
        std::string::npos);
  CHECK(m.body.find("searchd_index_documents 7") != std::string::npos);

  HttpReply o = f.get_raw("/openapi.json");
  REQUIRE(o.status == 200);
  json api = json::parse(o.body);
  CHECK(api["openapi"] == "3.0.3");
  for (const char* path : {"/search", "/briefings/{id}", "/briefings/{id}/related", "/healthz",
                           "/metrics", "/openapi.json", "/export"})
    CHECK(api["paths"].contains(path));
  CHECK(
      api["paths"]["/feed"]["get"]["responses"]["200"]["content"].contains("application/atom+xml"));
  const json& format = api["paths"]["/export"]["get"]["parameters"][0];
  CHECK(format["name"] == "format");
  CHECK(format["schema"]["enum"] == json::array({"csv", "ndjson", "stix"}));
  for (const char* media : {"text/csv", "application/x-ndjson", "application/stix+json"})
    CHECK(api["paths"]["/export"]["get"]["responses"]["200"]["content"].contains(media));
  CHECK(api["components"]["schemas"]["SearchResult"]["properties"]["relaxed"]["type"] == "array");
}
