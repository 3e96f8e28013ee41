// Date ranges as date terms against the timestamp slot itself: the same briefings for every
// range, whole or cut within a day, across months and years, open or empty.
#include <set>
#include <string>
#include <vector>

#include <xapian.h>
#include <catch2/catch.hpp>

#include "date_terms.h"
#include "index_layout.h"
#include "index_run.h"
#include "scratch_dir.h"
#include "timestamp.h"

using briefing::epoch_seconds;
using briefing::testing::ScratchDir;

namespace {

std::set<Xapian::docid> matches(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  std::set<Xapian::docid> out;
  Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  for (auto it = mset.begin(); it != mset.end(); ++it) out.insert(*it);
  return out;
}

Xapian::Query by_slot(std::int64_t from, std::int64_t to) {
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, briefing::layout::kPublished,
                       Xapian::sortable_serialise(static_cast<double>(from)),
                       Xapian::sortable_serialise(static_cast<double>(to)));
}

}  // namespace

TEST_CASE("date terms: the same briefings as the timestamp slot", "[search][dates]") {
  ScratchDir dir("date-terms");
  briefing::RunOptions options;
  options.db_path = (dir / "x.db").string();
  options.sources = {std::string(BRIEFING_SOURCE_DIR) + "/corpus",
                     std::string(BRIEFING_TESTS_DIR) + "/data/small"};
  briefing::run_indexer(options);
  Xapian::Database db(options.db_path);

  struct Range {
    const char* label;
    std::int64_t from, to;
  };
  const std::int64_t end_of = 86399;
  std::vector<Range> ranges = {
      {"a whole year", epoch_seconds({2026, 1, 1}), epoch_seconds({2026, 12, 31}) + end_of},
      {"whole months", epoch_seconds({2026, 3, 1}), epoch_seconds({2026, 6, 30}) + end_of},
      {"cut within both days", epoch_seconds({2026, 3, 15, 12}),
       epoch_seconds({2026, 5, 20, 6, 30})},
      {"part of one day", epoch_seconds({2026, 5, 29}), epoch_seconds({2026, 5, 29, 12})},
      {"one whole day", epoch_seconds({2026, 5, 29}), epoch_seconds({2026, 5, 29}) + end_of},
      {"across a new year", epoch_seconds({2025, 11, 17, 8}), epoch_seconds({2026, 2, 3}) + end_of},
      {"decades", epoch_seconds({1990, 1, 1}), epoch_seconds({2040, 12, 31}) + end_of},
      {"before 1970", epoch_seconds({1969, 12, 30, 5}), epoch_seconds({1970, 1, 2, 7})},
      {"empty: to before from", epoch_seconds({2026, 5, 1}), epoch_seconds({2026, 4, 1})},
  };
  // Every briefing's own second, and the second either side of it.
  for (auto it = db.valuestream_begin(briefing::layout::kPublished);
       it != db.valuestream_end(briefing::layout::kPublished); ++it) {
    const auto t = static_cast<std::int64_t>(Xapian::sortable_unserialise(*it));
    ranges.push_back({"one briefing's second", t, t});
    ranges.push_back({"up to the second before", t - 86400 * 40, t - 1});
    ranges.push_back({"from the second after", t + 1, t + 86400 * 40});
  }
  std::size_t nonempty = 0;
  for (const Range& r : ranges) {
    INFO(r.label << ": " << r.from << " .. " << r.to);
    auto expected = matches(db, by_slot(r.from, r.to));
    CHECK(matches(db, briefing::date_range_terms(r.from, r.to)) == expected);
    if (!expected.empty()) ++nonempty;
  }
  CHECK(nonempty > ranges.size() / 2);
}
