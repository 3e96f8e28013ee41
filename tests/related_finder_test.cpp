// RelatedFinder as a table over a real index of eight briefings spelled out below: a briefing ->
// its related events in order with their reasons (links both ways first, then shared actors and
// vendors within a year, most shared then nearest in time, then similar text), the same with
// the facet table and without it.
#include <string>
#include <vector>

#include <xapian.h>
#include <catch2/catch.hpp>

#include "facet_table.h"
#include "related_finder.h"
#include "small_index.h"

using briefing::FacetTable;
using briefing::RelatedFinder;
using briefing::RelatedOptions;
using briefing::testing::SmallIndex;

namespace {

// r1..r6 are 2026 and share actors and vendors in overlapping pairs; r7 shares APT28 and
// Microsoft with r1 but two years earlier; r8 names nothing, and only r4's words are like its.
const briefing::testing::SmallBriefing kBriefings[] = {
    {"r1",
     "2026-01-10T12:00:00Z",
     "Harvest moon dispatch",
     "Quarterly harvest figures.",
     {"APT28"},
     {"Microsoft"},
     {},
     "",
     "",
     {"r4"}},
    {"r2",
     "2026-02-10T12:00:00Z",
     "Violin workshop notes",
     "Luthiers compare varnish.",
     {"APT28", "Lazarus Group"},
     {"Cisco"}},
    {"r3",
     "2026-03-10T12:00:00Z",
     "Glacier survey",
     "Ice cores from the plateau.",
     {"Lazarus Group"},
     {"Microsoft", "Cisco"}},
    {"r4",
     "2026-04-10T12:00:00Z",
     "Turbine gearbox lubricant recall",
     "Operators found the lubricant thinned inside each turbine gearbox.",
     {},
     {"Microsoft"}},
    {"r5",
     "2026-05-10T12:00:00Z",
     "Orchard frost warning",
     "Blossoms at risk tonight.",
     {"APT28"},
     {}},
    {"r6",
     "2026-06-10T12:00:00Z",
     "Lighthouse keepers retire",
     "Automation ends a trade.",
     {"Lazarus Group"},
     {"Cisco"},
     {},
     "",
     "",
     {"r1"}},
    {"r7",
     "2024-01-10T12:00:00Z",
     "Chess olympiad results",
     "Endgames decided the final.",
     {"APT28"},
     {"Microsoft"}},
    {"r8",
     "2026-03-01T12:00:00Z",
     "Gearbox lubricant recall widens to turbine fleets",
     "More turbine gearbox lubricant batches were recalled.",
     {},
     {}},
};

const SmallIndex& index() {
  static const SmallIndex index("related-finder", {std::begin(kBriefings), std::end(kBriefings)});
  return index;
}

// "r4 (link)": one related item as the rows spell it.
std::vector<std::string> related(const RelatedFinder& finder, const std::string& id,
                                 const RelatedOptions& options) {
  std::vector<std::string> out;
  for (const briefing::RelatedItem& item : finder.find(index().docid(id), options))
    out.push_back(item.id + " (" + item.reason + ")");
  return out;
}

}  // namespace

TEST_CASE("related finder: links, then shared entities near in time, then similar text",
          "[related]") {
  const auto table = FacetTable::build(index().db());
  const RelatedFinder from_table(index().db(), table.get());
  const RelatedFinder from_index(index().db());
  struct Row {
    const char* id;
    std::size_t limit;
    bool similar_text;
    std::vector<std::string> expected;
  };
  const Row rows[] = {
      // its own link, the briefing linking to it, then one shared entity each, nearest first;
      // r7 shares both of r1's entities but is two years away
      {"r1",
       10,
       false,
       {"r4 (link)", "r6 (link)", "r2 (shared actor APT28)", "r3 (shared vendor Microsoft)",
        "r5 (shared actor APT28)"}},
      {"r1", 3, false, {"r4 (link)", "r6 (link)", "r2 (shared actor APT28)"}},
      // two shared (actor and vendor) before one, however near the one is
      {"r2",
       10,
       false,
       {"r3 (shared actor Lazarus Group)", "r6 (shared actor Lazarus Group)",
        "r1 (shared actor APT28)", "r5 (shared actor APT28)"}},
      {"r5", 10, false, {"r2 (shared actor APT28)", "r1 (shared actor APT28)"}},
      // linked from r1; r3 shares its vendor; then the one briefing with words like its own
      {"r4", 3, true, {"r1 (link)", "r3 (shared vendor Microsoft)", "r8 (similar text)"}},
      // nothing within a year shares an entity, and no text was asked for
      {"r7", 10, false, {}},
      // no entities, no links: similar text alone
      {"r8", 1, true, {"r4 (similar text)"}},
  };
  for (const Row& row : rows) {
    INFO(row.id << ", limit " << row.limit << (row.similar_text ? ", similar text" : ""));
    const RelatedOptions options{row.limit, row.similar_text};
    CHECK(related(from_table, row.id, options) == row.expected);
    CHECK(related(from_index, row.id, options) == row.expected);
  }
}

TEST_CASE("related finder: the table and the index give the same titles and dates", "[related]") {
  const auto table = FacetTable::build(index().db());
  const RelatedFinder from_table(index().db(), table.get());
  const RelatedFinder from_index(index().db());
  for (const char* id : {"r1", "r2", "r4"}) {
    const auto a = from_table.find(index().docid(id), {});
    const auto b = from_index.find(index().docid(id), {});
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      INFO(id << " -> " << a[i].id);
      CHECK(a[i].id == b[i].id);
      CHECK(a[i].title == b[i].title);
      CHECK(a[i].published == b[i].published);
      CHECK_FALSE(a[i].title.empty());
    }
  }
}
