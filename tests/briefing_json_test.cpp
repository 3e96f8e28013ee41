// Schema validation as a table: documents that must be refused name the field and the reason;
// good documents survive a round trip through the canonical JSON unchanged.
#include <string>

#include <catch2/catch.hpp>

#include "briefing_json.h"
#include "errors.h"
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
