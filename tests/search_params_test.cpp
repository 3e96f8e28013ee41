// /search parameters as a table: query string pairs -> request fields, or the 400 that names
// the parameter.
#include <catch2/catch.hpp>

#include "search_params.h"
#include "timestamp.h"

using briefing::parse_search_request;
using briefing::SearchRequest;
using briefing::http::HttpError;
using briefing::http::Request;

namespace {

const std::int64_t kNow = briefing::epoch_seconds({2026, 11, 25, 12, 0, 0});

Request with(std::vector<std::pair<std::string, std::string>> params) {
  Request r;
  r.method = "GET";
  r.path = "/search";
  r.params = std::move(params);
  return r;
}

}  // namespace

TEST_CASE("search params: good values", "[params]") {
  SearchRequest r = parse_search_request(with({{"q", "axios"},
                                               {"actor", "UNC1069"},
                                               {"actor", "APT45"},
                                               {"region", "KP"},
                                               {"from", "2026-05-01"},
                                               {"to", "2026-05-31"},
                                               {"sort", "date"},
                                               {"page", "2"},
                                               {"per_page", "20"},
                                               {"facet_limit", "5"},
                                               {"related", "0"}}),
                                         kNow);
  CHECK(r.q == "axios");
  CHECK(r.values(briefing::Facet::kActor) == std::vector<std::string>{"UNC1069", "APT45"});
  CHECK(r.values(briefing::Facet::kRegion) == std::vector<std::string>{"KP"});
  CHECK(briefing::format_timestamp(*r.from) == "2026-05-01T00:00:00Z");
  CHECK(briefing::format_timestamp(*r.to) == "2026-05-31T23:59:59Z");  // a bare date is inclusive
  CHECK(r.sort == briefing::SortOrder::kDate);
  CHECK(r.page == 2);
  CHECK(r.per_page == 20);
  CHECK(r.facet_limit == 5);
  CHECK(r.related_per_hit == 0);
}

TEST_CASE("search params: defaults and relative dates", "[params]") {
  SearchRequest r = parse_search_request(with({{"from", "-30d"}, {"to", "-1w"}}), kNow);
  CHECK(r.q.empty());
  CHECK(r.page == 1);
  CHECK(r.per_page == 10);
  CHECK_FALSE(r.sort.has_value());
  CHECK(*r.from == kNow - 30 * 86400);
  CHECK(*r.to == kNow - 7 * 86400);
}

TEST_CASE("search params: caller mistakes are 400s naming the parameter and value", "[params]") {
  struct Row {
    std::vector<std::pair<std::string, std::string>> params;
    const char* detail;
  };
  std::string many_words;  // 65 words in 130 bytes: over the word limit, under the byte limit
  for (int i = 0; i < 65; ++i) many_words += "w ";
  const Row rows[] = {
      {{{"per_page", "0"}}, "'per_page' = '0': must be between 1 and 100"},
      {{{"per_page", "101"}}, "'per_page' = '101'"},
      {{{"per_page", "ten"}}, "must be a whole number"},
      {{{"page", "0"}}, "'page' = '0'"},
      {{{"page", "1e3"}}, "'page' = '1e3': must be a whole number"},
      {{{"page", "200"}, {"per_page", "100"}}, "page * per_page must not exceed 10000"},
      {{{"sort", "newest"}}, "'sort' = 'newest': must be 'relevance', 'date' or 'oldest'"},
      {{{"from", "yesterday"}}, "'from' = 'yesterday': is not a date"},
      {{{"to", "2026-02-30"}}, "'to' = '2026-02-30'"},
      {{{"from", "-30x"}}, "'from' = '-30x'"},
      // found by fuzz_query_string: a negative amount overflowed
      {{{"from", "--7702671164176308d"}}, "'from' = '--7702671164176308d'"},
      {{{"to", "-999999999d"}}, "'to'"},
      {{{"from", "2026-06-01"}, {"to", "2026-05-01"}}, "is after 'to'"},
      {{{"q", std::string(1025, 'a')}}, "'q' = 'aaaa"},
      {{{"q", many_words}}, "has more than 64 words"},
      {{{"q", "\xC3\x28"}}, "'q' = '(not UTF-8)': is not valid UTF-8"},
      {{{"actor", "\xFF"}}, "'actor'"},
      {{{"facet_limit", "-1"}}, "'facet_limit'"},
      {{{"related", "11"}}, "'related'"},
      // each distinct word* reads the term list and opens posting lists
      {{{"q", "a* b* c* d* e* f* g* h* i*"}}, "more than 8 different word* wildcards"},
  };
  for (const Row& row : rows) {
    REQUIRE(std::string(row.detail).size() > 0);  // an empty detail would match any message
    INFO(row.params.front().first << "=" << row.params.front().second.substr(0, 40));
    try {
      parse_search_request(with(row.params), kNow);
      FAIL("accepted");
    } catch (const HttpError& e) {
      CHECK(e.status() == 400);
      CHECK_THAT(e.what(), Catch::Contains(row.detail));
    }
  }
}

TEST_CASE("search params: a repeated wildcard counts once against the limit", "[params]") {
  std::string repeated;
  for (int i = 0; i < 64; ++i) repeated += "-a* ";
  CHECK(parse_search_request(with({{"q", repeated}}), kNow).q == repeated);
  CHECK(parse_search_request(with({{"q", "a* b* c* d* e* f* g* h*"}}), kNow).q.size() == 23);
}
