// The matching members of a hit's near-duplicate group (similar_finder.h).
#include "similar_finder.h"

#include "index_layout.h"
#include "timestamp.h"

namespace briefing {

void find_similar(const MatchPlan& plan, Xapian::docid docid, const std::string& group, Hit& hit) {
  if (group.empty()) return;  // an index from before the groups
  const std::string term = std::string(layout::kDuplicateGroup) + group;
  if (plan.db.get_termfreq(term) < 2) return;  // nothing to fold
  Xapian::Enquire enquire(plan.db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER,
                                  filtered(plan.built.query, plan.filters.queries),
                                  Xapian::Query(term)));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_sort_by_value(layout::kOrderKey, /*reverse=*/true);  // newest first
  // Every member is checked, so the count is exact; groups are a handful of briefings.
  const Xapian::MSet members = enquire.get_mset(0, kSimilarListed + 1, plan.db.get_doccount());
  for (auto it = members.begin(); it != members.end(); ++it) {
    if (*it == docid) continue;
    if (hit.similar.size() == kSimilarListed) break;
    Xapian::Document doc = it.get_document();
    const auto published =
        static_cast<std::int64_t>(Xapian::sortable_unserialise(doc.get_value(layout::kPublished)));
    hit.similar.push_back({doc.get_value(layout::kIdValue), doc.get_value(layout::kTitleValue),
                           format_timestamp(published)});
  }
  const Xapian::doccount matching = members.get_matches_estimated();
  hit.similar_count = matching > 0 ? matching - 1 : 0;
}

}  // namespace briefing
