// Dates the schema accepts, as a table.
#include <optional>

#include <catch2/catch.hpp>

#include "timestamp.h"

using briefing::format_timestamp;
using briefing::parse_timestamp;

TEST_CASE("timestamps: accepted forms, stored in UTC", "[timestamp]") {
  struct Row {
    const char* text;
    const char* utc;  // nullptr: must be refused
  };
  const Row rows[] = {
      {"2026-05-29T14:17:00Z", "2026-05-29T14:17:00Z"},
      {"2026-05-29T14:17Z", "2026-05-29T14:17:00Z"},
      {"2026-05-29", "2026-05-29T00:00:00Z"},
      {"2026-05-29T23:30:00+09:00", "2026-05-29T14:30:00Z"},
      {"2026-05-29T10:00:00-05:30", "2026-05-29T15:30:00Z"},
      {"2026-05-29T14:17:00.123Z", "2026-05-29T14:17:00Z"},
      {"2024-02-29", "2024-02-29T00:00:00Z"},
      {"1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"},
      {"2026-02-29", nullptr},
      {"2026-13-01", nullptr},
      {"2026-05-29T14:17:00", nullptr},  // no offset: ambiguous
      {"2026-05-29T25:00:00Z", nullptr},
      {"29 May 2026", nullptr},
      {"", nullptr},
      {"2026-05-29Tjunk", nullptr},
  };
  for (const auto& row : rows) {
    INFO(row.text);
    auto parsed = parse_timestamp(row.text);
    if (row.utc) {
      REQUIRE(parsed.has_value());
      CHECK(format_timestamp(*parsed) == row.utc);
    } else {
      CHECK_FALSE(parsed.has_value());
    }
  }
}
