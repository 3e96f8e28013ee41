// Schema validation as a table: documents that must be refused name the field and the reason;
// good documents survive a round trip through the canonical JSON unchanged.
#include <string>

#include <catch2/catch.hpp>

#include "briefing_json.h"
#include "errors.h"
#include "stored_briefing.h"
#include "timestamp.h"

using briefing::briefing_from_json;
using briefing::InvalidBriefing;
using briefing::parse_json_text;
using nlohmann::json;

namespace {

const char* kGood = R"({
  "id": "2026-05-29-csis", "title": "CSIS calls for an alliance", "series": "Cyber",
  "published": "2026-05-29T16:17:00+02:00", "category": "Technology", "status": "Developing",
  "read_minutes": 3, "summary": "Lede.", "key_takeaway": "Takeaway.", "body": "One.\n\nTwo.",
  "analysis": {"plain_english": "Plain.", "root_causes": "Causes."},
  "outlook": [{"kind": "Opportunity", "text": "Maybe.", "horizon": "Short", "probability": 0.65}],
  "first_reported": {"title": "Update #3", "source": "CSIS", "date": "2026-05-08", "url": "https://x"},
  "causes_effects": "Effects.",
  "perspectives": [{"party": "GTIG", "text": "View."}],
  "actors": ["UNC1069", "UNC1069"], "vendors": ["Axios"], "regions": ["us", "KR"],
  "related": ["2026-05-05-gtig"], "url": "https://briefings.example.org/x"
})";

json good_with(const std::string& key, json value) {
  json j = json::parse(kGood);
  if (value.is_null() && key.find('.') == std::string::npos)
    j.erase(key);
  else
    j[json::json_pointer("/" + key)] = value;
  return j;
}

}  // namespace

TEST_CASE("schema: a good document is read and normalised", "[schema]") {
  auto b = briefing_from_json(json::parse(kGood));
  CHECK(b.id == "2026-05-29-csis");
  CHECK(briefing::format_timestamp(b.published) == "2026-05-29T14:17:00Z");
  CHECK(b.outlook.at(0).kind == "opportunity");
  CHECK(b.outlook.at(0).horizon == "short");
  CHECK(b.actors == std::vector<std::string>{"UNC1069"});    // duplicates dropped
  CHECK(b.regions == std::vector<std::string>{"US", "KR"});  // codes upper case
  CHECK(b.first_reported.source == "CSIS");
  CHECK(b.perspectives.at(0).party == "GTIG");
}

TEST_CASE("schema: canonical JSON round-trips", "[schema]") {
  auto b = briefing_from_json(json::parse(kGood));
  json once = briefing::to_json(b);
  auto again = briefing_from_json(once);
  CHECK(briefing::to_json(again) == once);
  CHECK(once["published"] == "2026-05-29T14:17:00Z");
}

TEST_CASE("schema: a missing id falls back to the file name", "[schema]") {
  auto b = briefing_from_json(good_with("id", nullptr), "file-stem");
  CHECK(b.id == "file-stem");
}

TEST_CASE("schema: bad documents name the field and the reason", "[schema]") {
  struct Row {
    const char* key;
    json value;  // null: the key is removed
    const char* field;
    const char* reason;
  };
  const Row rows[] = {
      {"title", nullptr, "title", "required"},
      {"title", "   ", "title", "required"},
      {"title", 12, "title", "must be a string"},
      {"published", nullptr, "published", "required"},
      {"published", "29 May 2026", "published", "not an RFC 3339"},
      {"published", "2026-02-30", "published", "not an RFC 3339"},
      {"read_minutes", "three", "read_minutes", "integer"},
      {"read_minutes", -4, "read_minutes", "between"},
      {"outlook", json::array({{{"kind", "hope"}, {"text", "x"}}}), "outlook[0].kind",
       "not opportunity"},
      {"outlook", json::array({{{"kind", "risk"}, {"horizon", "soon"}}}), "outlook[0].horizon",
       "not short"},
      {"outlook", json::array({{{"kind", "risk"}, {"probability", 65}}}), "outlook[0].probability",
       "between 0 and 1"},
      {"outlook", json::array({{{"kind", "risk"}, {"probability", "high"}}}),
       "outlook[0].probability", "number"},
      {"outlook", "soon", "outlook", "must be an array"},
      {"regions", json::array({"USA"}), "regions[0]", "alpha-2"},
      {"actors", json::array({"APT28", 7}), "actors[1]", "must be a string"},
      {"analysis", "text", "analysis", "must be an object"},
      {"first_reported", {{"date", "last week"}}, "first_reported.date", "not a date"},
      {"perspectives", json::array({"GTIG"}), "perspectives[0]", "must be an object"},
      {"id", std::string(201, 'x'), "id", "longer than 200"},
      {"body_blocks", "text", "body_blocks", "must be an array"},
      {"body_blocks", json::array({{{"type", "table"}}}), "body_blocks[0].type", "must be heading"},
      {"body_blocks", json::array({{{"type", "heading"}, {"level", 7}, {"spans", {"x"}}}}),
       "body_blocks[0].level", "between 1 and 6"},
      {"body_blocks", json::array({{{"type", "heading"}, {"spans", {"x"}}}}),
       "body_blocks[0].level", "required"},
      {"body_blocks", json::array({{{"type", "paragraph"}, {"lines", {{7}}}}}),
       "body_blocks[0].lines[0][0]", "string or an object"},
      {"body_blocks", json::array({{{"type", "paragraph"}, {"lines", {{{{"href", "x"}}}}}}}),
       "body_blocks[0].lines[0][0].text", "required"},
      {"body_blocks",
       json::array(
           {{{"type", "list"},
             {"items",
              {{{"spans", {"a"}},
                {"list",
                 {{"items", {{{"spans", {"b"}}, {"list", {{"items", json::array()}}}}}}}}}}}}}),
       "body_blocks[0].items[0].list.items[0].list", "one level deep"},
      {"body_blocks",
       json::array({{{"type", "list"}, {"ordered", "yes"}, {"items", json::array()}}}),
       "body_blocks[0].ordered", "true or false"},
      {"body_blocks", json::array({{{"type", "code"}, {"text", 1}}}), "body_blocks[0].text",
       "must be a string"},
  };
  for (const auto& row : rows) {
    INFO(row.key << " = " << row.value.dump());
    try {
      briefing_from_json(good_with(row.key, row.value));
      FAIL("accepted");
    } catch (const InvalidBriefing& e) {
      CHECK(e.field() == row.field);
      CHECK_THAT(e.reason(), Catch::Contains(row.reason));
    }
  }
}

TEST_CASE("schema: a briefing needs a summary or a body", "[schema]") {
  json j = json::parse(kGood);
  j.erase("summary");
  j.erase("body");
  CHECK_THROWS_AS(briefing_from_json(j), InvalidBriefing);
  j["body"] = "Only a body.";
  CHECK_NOTHROW(briefing_from_json(j));
}

TEST_CASE("schema: JSON text that is not JSON or nests too deep is refused before use",
          "[schema]") {
  CHECK_THROWS_WITH(parse_json_text("{\"id\": "), Catch::Contains("not valid JSON"));
  CHECK_THROWS_WITH(parse_json_text(std::string(100000, '[') + std::string(100000, ']')),
                    Catch::Contains("deeper than 64"));
  // brackets inside strings do not count
  CHECK_NOTHROW(parse_json_text("{\"title\": \"" + std::string(500, '[') + "\"}"));
  CHECK(parse_json_text("[1, 2]").size() == 2);
}

namespace {

// A document with the given body_blocks, read and validated.
briefing::Briefing with_blocks(const json& blocks) {
  json j = json::parse(kGood);
  j["body_blocks"] = blocks;
  return briefing_from_json(j);
}

}  // namespace

TEST_CASE("schema: body_blocks round-trip through the canonical JSON", "[schema][structure]") {
  const json blocks = json::parse(R"([
    {"type": "heading", "level": 2, "spans": ["Overview"]},
    {"type": "paragraph", "lines": [["See ", {"text": "the advisory", "href": "https://x.example/a"}, "."], ["Next line"]]},
    {"type": "list", "ordered": true, "start": 3, "items": [{"spans": ["three"]},
      {"spans": ["four"], "list": {"ordered": false, "items": [{"spans": ["four.a"]}]}}]},
    {"type": "code", "text": "reg query HKLM\\x\n  indented"}])");
  briefing::Briefing b = with_blocks(blocks);
  REQUIRE(b.body_blocks.size() == 4);
  CHECK(b.body_blocks[1].lines[0][1].href == "https://x.example/a");
  CHECK(b.body_blocks[2].items[1].sublist.at(0).spans.at(0).text == "four.a");
  json once = briefing::to_json(b);
  CHECK(once["body_blocks"] == blocks);
  CHECK(briefing::to_json(briefing::briefing_fields_from_json(once)) == once);
  auto stored = briefing::read_stored_briefing(once.dump());  // hits and snippets skip it
  REQUIRE(stored);
  CHECK(stored->body_blocks.empty());
  CHECK(stored->body == b.body);
  CHECK(stored->title == b.title);
  CHECK(stored->actors == b.actors);
  CHECK_FALSE(briefing::to_json(briefing_from_json(json::parse(kGood))).contains("body_blocks"));
}

TEST_CASE("schema: a link target that is no web link is dropped, its text kept",
          "[schema][structure]") {
  struct Row {
    std::string href;
    bool kept;
  };
  const Row rows[] = {
      {"https://example.org/a?b=c#d", true},
      {"HTTP://EXAMPLE.ORG/", true},
      {"http://10.0.0.1:8080/x", true},
      {"javascript:alert(1)", false},
      {"JavaScript:alert(1)", false},
      {"data:text/html,<script>", false},
      {"/relative/path", false},
      {"advisory.md", false},
      {"//example.org/protocol-relative", false},
      {"https:///no-host", false},
      {"https://", false},
      {"https://example.org/a b", false},
      {"https://example.org/\ttab", false},
      {"https://example.org/\x7f", false},
      {"https://example.org/" + std::string(2100, 'a'), false},
  };
  for (const Row& row : rows) {
    INFO(row.href);
    json line = json::array({"see ", {{"text", "this"}, {"href", row.href}}});
    json paragraph = {{"type", "paragraph"}, {"lines", json::array({line})}};
    auto b = with_blocks(json::array({paragraph}));
    const auto& span = b.body_blocks.at(0).lines.at(0).at(1);
    CHECK(span.text == "this");
    CHECK(span.href == (row.kept ? row.href : ""));
  }
}

TEST_CASE("schema: empty parts go, oversized structure is refused", "[schema][structure]") {
  auto b = with_blocks(json::parse(R"([{"type": "paragraph", "lines": [[""], []]},
    {"type": "code", "text": "  "}, {"type": "list", "items": [{"spans": [""]}]},
    {"type": "heading", "level": 1, "spans": ["kept"]}])"));
  REQUIRE(b.body_blocks.size() == 1);
  CHECK(b.body_blocks[0].kind == briefing::BodyBlockKind::kHeading);

  briefing::BriefingLimits limits;
  limits.max_body_parts = 10;
  json many = json::array();
  for (int i = 0; i < 6; ++i) many.push_back({{"type", "paragraph"}, {"lines", {{"x"}}}});
  CHECK_THROWS_WITH(check_limits(with_blocks(many), limits),
                    Catch::Contains("over the limit of 10"));
  many.erase(many.begin() + 2, many.end());
  CHECK_NOTHROW(check_limits(with_blocks(many), limits));

  limits.max_field_bytes = 100;
  json big = json::array({{{"type", "code"}, {"text", std::string(150, 'x')}}});
  CHECK_NOTHROW(check_limits(with_blocks(big), limits));
  big[0]["text"] = std::string(201, 'x');
  CHECK_THROWS_WITH(check_limits(with_blocks(big), limits), Catch::Contains("bytes of text"));
}

TEST_CASE("schema: a date alone is kept a date alone", "[schema]") {
  struct Row {
    const char* published;
    bool has_time;
    const char* written;
  };
  const Row rows[] = {
      {"2024-01-09", false, "2024-01-09"},
      {"2024-01-09T10:00:00Z", true, "2024-01-09T10:00:00Z"},
      {"2024-01-09T00:00:00Z", true, "2024-01-09T00:00:00Z"},
      {"2024-01-09T01:00:00+02:00", true, "2024-01-08T23:00:00Z"},
  };
  for (const Row& row : rows) {
    INFO(row.published);
    auto b = briefing_from_json(good_with("published", row.published));
    CHECK(b.published_has_time == row.has_time);
    json once = briefing::to_json(b);
    CHECK(once["published"] == row.written);
    auto again = briefing::briefing_fields_from_json(once);
    CHECK(again.published == b.published);
    CHECK(again.published_has_time == row.has_time);
  }
}
