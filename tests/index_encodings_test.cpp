// The index encodings schema/ owns, each written and read back: date terms and the month value,
// facet value sets, the stored briefing, and the shared text helpers they rest on.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "briefing_json.h"
#include "facet_layout.h"
#include "index_dates.h"
#include "stored_briefing.h"
#include "text_util.h"
#include "timestamp.h"

using namespace briefing;

TEST_CASE("index dates: day, month and year terms and the month value read back as their dates") {
  struct Row {
    CivilTime when;
    std::string day, month, year, value;
  };
  const std::vector<Row> rows = {
      {{2026, 5, 29, 14, 17}, "D20260529", "M202605", "Y2026", "2026-05"},
      {{2024, 2, 29, 23, 59, 59}, "D20240229", "M202402", "Y2024", "2024-02"},  // leap day
      {{1970, 1, 1}, "D19700101", "M197001", "Y1970", "1970-01"},
      {{1969, 12, 31, 23}, "D19691231", "M196912", "Y1969", "1969-12"},  // before the epoch
      {{2000, 12, 31, 0, 0, 1}, "D20001231", "M200012", "Y2000", "2000-12"},
  };
  for (const Row& r : rows) {
    INFO(r.day);
    const IndexDate d = index_date(epoch_seconds(r.when));
    CHECK(day_term(d) == r.day);
    CHECK(month_term(d) == r.month);
    CHECK(year_term(d) == r.year);
    CHECK(month_value(d) == r.value);
    CHECK(parse_date_term(r.day) == d);
    CHECK(parse_date_term(r.month) == IndexDate{d.year, d.month, 1});
    CHECK(parse_date_term(r.year) == IndexDate{d.year, 1, 1});
    CHECK(parse_month_value(r.value) == IndexDate{d.year, d.month, 1});
  }
}

TEST_CASE("index dates: what is not a date term or month value is refused") {
  for (const char* term : {"D2026052", "D202605299", "D20260230", "M202613", "M20260", "Y26",
                           "X2026", "D2026O529", "", "D"}) {
    INFO(term);
    CHECK_FALSE(parse_date_term(term));
  }
  for (const char* value : {"2026-5", "2026-13", "2026/05", "202605", "2026-00", ""}) {
    INFO(value);
    CHECK_FALSE(parse_month_value(value));
  }
}

TEST_CASE("facet value sets: joined sorted and unique, read back member by member") {
  struct Row {
    std::vector<std::string> values;
    std::vector<std::string> read;
  };
  const std::vector<Row> rows = {
      {{"APT28", "APT29"}, {"APT28", "APT29"}},
      {{"Lazarus Group", "APT28", "Lazarus Group"}, {"APT28", "Lazarus Group"}},
      {{"Кибер", "中文"}, {"Кибер", "中文"}},
      {{}, {}},
  };
  for (const Row& r : rows) {
    const std::string slot = join_value_set(r.values);
    std::vector<std::string> read;
    for_each_slot_value(facet_field(Facet::kActor), slot,
                        [&read](std::string_view v) { read.emplace_back(v); });
    CHECK(read == r.read);
  }
  // A single-valued facet's slot is one value, separator or not.
  std::vector<std::string> read;
  for_each_slot_value(facet_field(Facet::kSeries),
                      "a\x1f"
                      "b",
                      [&read](std::string_view v) { read.emplace_back(v); });
  CHECK(read == std::vector<std::string>{"a\x1f"
                                         "b"});
}

TEST_CASE("stored briefing: the canonical JSON reads back, snippets come from its prose only") {
  Briefing b;
  b.id = "b1";
  b.title = "Title words";
  b.published = epoch_seconds({2026, 5, 29, 14, 17});
  b.summary = "The summary.";
  b.body = "The body.";
  b.analysis.plain_english = "Plainly.";
  b.outlook = {{"risk", "A risk.", "short", 0.5}};
  b.first_reported = {"A headline", "A source", "2026-05-28", ""};
  b.perspectives = {{"A party", "Their view."}};
  b.actors = {"APT28"};
  b.related = {"b0"};
  const auto stored = read_stored_briefing(to_json(b).dump());
  REQUIRE(stored);
  CHECK(to_json(*stored) == to_json(b));
  const std::vector<std::string_view> texts = snippet_texts(*stored);
  CHECK(texts == std::vector<std::string_view>{"The summary.", "The body.", "Plainly.", "A risk.",
                                               "Their view."});
  for (const char* data : {"", "[]", "{\"id\": 3}", "not json"}) {
    INFO(data);
    CHECK_FALSE(read_stored_briefing(data));
  }
}

TEST_CASE("text helpers: UTF-8 validity, trimming, ASCII case and digits") {
  struct Utf8Row {
    std::string text;
    std::size_t invalid_at;
  };
  const std::size_t npos = std::string::npos;
  const std::vector<Utf8Row> utf8 = {
      {"plain", npos},
      {"caf\xC3\xA9", npos},
      {"\xE2\x82\xAC", npos},
      {"\xF0\x9F\x98\x80", npos},
      {"a\xC3", 1},
      {"a\xC3z", 1},
      {"\xC0\xAF", 0},
      {"\xE0\x80\xAF", 0},
      {"\xED\xA0\x80", 0},
      {"\xF4\x90\x80\x80", 0},
      {"\xF5\x80\x80\x80", 0},
      {"ok\x80", 2},
      {"\xE2\x82", 0},
      {"\xF0\x9F\x98", 0},
  };
  for (const Utf8Row& r : utf8) {
    INFO(r.text);
    CHECK(invalid_utf8_offset(r.text) == r.invalid_at);
  }
  CHECK(trim(" \t\r\n\f\va b\v ") == "a b");
  CHECK(trim_left("  a ") == "a ");
  CHECK(ascii_lower("APT28 Ünïcode") == "apt28 Ünïcode");
  CHECK(ascii_upper("kp-ü") == "KP-ü");
  CHECK(ascii_iequals("Content-Length", "content-LENGTH"));
  CHECK_FALSE(ascii_iequals("Host", "Hosts"));
  CHECK_FALSE(ascii_iequals("Ü", "ü"));
  CHECK(all_ascii_digits("2026"));
  CHECK_FALSE(all_ascii_digits("20a6"));
  CHECK(digits_value("42 min") == 42);
  CHECK(digits_value("x") == 0);
}
