// Changed briefings: a value range over layout::kIndexedAt filters the query, and the documents are
// read in write order (values only: the caller reads the briefings it keeps), so a caller can
// resume from the newest write time it saw.
#include "changed_since.h"

#include <algorithm>
#include <cmath>

#include "index_layout.h"

namespace briefing {
namespace {

std::int64_t seconds_in(const std::string& serialised) {
  if (serialised.empty()) return 0;
  return static_cast<std::int64_t>(std::llround(Xapian::sortable_unserialise(serialised)));
}

}  // namespace

ChangedBriefings find_changed(const Xapian::Database& db, const Xapian::Query& query,
                              std::int64_t since, std::size_t limit) {
  ChangedBriefings out;
  out.newest_indexed_at = seconds_in(db.get_value_upper_bound(layout::kIndexedAt));
  const Xapian::Query written_since(Xapian::Query::OP_VALUE_GE, layout::kIndexedAt,
                                    Xapian::sortable_serialise(static_cast<double>(since)));
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, written_since));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_sort_by_value_then_relevance(layout::kIndexedAt, /*reverse=*/false);
  const auto wanted = static_cast<Xapian::doccount>(std::min<std::size_t>(limit + 1, 1u << 30));
  const Xapian::MSet mset = enquire.get_mset(0, wanted);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    if (out.briefings.size() == limit) {
      out.truncated = true;
      break;
    }
    const Xapian::Document doc = it.get_document();
    out.briefings.push_back({doc.get_value(layout::kIdValue),
                             seconds_in(doc.get_value(layout::kIndexedAt)),
                             doc.get_value(layout::kContentHash)});
  }
  return out;
}

}  // namespace briefing
