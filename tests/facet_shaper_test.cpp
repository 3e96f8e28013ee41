// The one facet shaper: which values an answer lists and in what order, the selected values kept
// past the cut or added at zero, months in time order, and labels.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "facet_shaper.h"

using namespace briefing;

namespace {

// "value:count" per shaped value, in answer order.
std::vector<std::string> listed(const FacetCounts& shaped) {
  std::vector<std::string> out;
  for (const FacetCount& c : shaped.values) out.push_back(c.value + ":" + std::to_string(c.count));
  return out;
}

}  // namespace

TEST_CASE("facet shaper: order, cut, selected values and months") {
  const ValueCounts actors = {
      {"APT28", 5}, {"APT29", 5}, {"Lazarus", 9}, {"Sandworm", 1}, {"Turla", 2}};
  const ValueCounts months = {{"2026-05", 1}, {"2025-12", 7}, {"2026-01", 3}};
  struct Row {
    const char* what;
    Facet facet;
    const ValueCounts& counts;
    std::vector<std::string> selected;
    int limit;
    std::vector<std::string> expected;
  };
  const std::vector<Row> rows = {
      {"most first, ties by value",
       Facet::kActor,
       actors,
       {},
       20,
       {"Lazarus:9", "APT28:5", "APT29:5", "Turla:2", "Sandworm:1"}},
      {"cut to the limit", Facet::kActor, actors, {}, 2, {"Lazarus:9", "APT28:5"}},
      {"a selected value past the cut stays",
       Facet::kActor,
       actors,
       {"Sandworm"},
       2,
       {"Lazarus:9", "APT28:5", "Sandworm:1"}},
      {"several past the cut, most first",
       Facet::kActor,
       actors,
       {"Sandworm", "Turla"},
       1,
       {"Lazarus:9", "Turla:2", "Sandworm:1"}},
      {"a selected value nothing has shows at zero",
       Facet::kActor,
       actors,
       {"APT41"},
       2,
       {"Lazarus:9", "APT28:5", "APT41:0"}},
      {"no limit",
       Facet::kActor,
       actors,
       {},
       -1,
       {"Lazarus:9", "APT28:5", "APT29:5", "Turla:2", "Sandworm:1"}},
      {"months in time order, never cut",
       Facet::kDate,
       months,
       {},
       1,
       {"2025-12:7", "2026-01:3", "2026-05:1"}},
  };
  for (const Row& r : rows) {
    INFO(r.what);
    CHECK(listed(shape_value_counts(r.facet, r.counts, r.selected, r.limit)) == r.expected);
  }
}

TEST_CASE("facet shaper: labels for months and regions, values otherwise") {
  struct Row {
    Facet facet;
    std::string value, label;
  };
  const std::vector<Row> rows = {
      {Facet::kDate, "2026-05", "May 2026"}, {Facet::kDate, "2025-12", "December 2025"},
      {Facet::kDate, "2026-13", "2026-13"},  {Facet::kRegion, "KP", "North Korea"},
      {Facet::kActor, "APT28", "APT28"},     {Facet::kSeries, "2026-05", "2026-05"},
  };
  for (const Row& r : rows) {
    INFO(r.value);
    const FacetCounts shaped = shape_value_counts(r.facet, {{r.value, 1}}, {}, 20);
    REQUIRE(shaped.values.size() == 1);
    CHECK(shaped.values.front().label == r.label);
  }
}
