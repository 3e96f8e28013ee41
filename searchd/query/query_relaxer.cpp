// What the index says about each part (from term statistics, or a bounded match for the parts
// that are not one term), then the parts given up in that order, counting after each step.
#include "query_relaxer.h"

namespace briefing {
namespace {

RelaxCandidate candidate(const Xapian::Database& db, const QueryPart& part,
                         const MatchCounter& at_least) {
  RelaxCandidate c{part.rule};
  if (part.rule == RelaxRule::kNever) return c;
  const Xapian::Query& q = part.query;
  if (q.get_type() == Xapian::Query::LEAF_TERM && q.get_terms_begin() != q.get_terms_end()) {
    c.frequency = db.get_termfreq(*q.get_terms_begin());
    c.absent = c.frequency == 0;
  } else {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    c.frequency = enquire.get_mset(0, 0).get_matches_estimated();
    c.absent = at_least(q) == 0;
  }
  c.common = 2 * c.frequency > db.get_doccount();
  return c;
}

}  // namespace

bool relax_query(const Xapian::Database& db, BuiltQuery& built, Xapian::doccount enough,
                 const MatchCounter& at_least) {
  if (!relaxable(built)) return false;
  std::vector<RelaxCandidate> candidates;
  for (const QueryPart& part : built.parts) candidates.push_back(candidate(db, part, at_least));
  const Xapian::doccount strict = at_least(built.matching);
  std::size_t kept = built.parts.size(), absent_kept = 0;
  for (const RelaxCandidate& c : candidates) absent_kept += c.absent ? 1 : 0;
  Xapian::doccount found = strict;
  for (std::size_t i : relaxation_order(candidates)) {
    if (kept == 1 || found >= enough) break;
    built.parts[i].relaxed = true;
    --kept;
    if (candidates[i].absent) --absent_kept;
    // While a part that matches nothing is still required, counting would find nothing.
    if (absent_kept > 0) continue;
    assemble(built);
    found = at_least(built.matching);
  }
  // Nothing gained (a required part matches nothing, say): the query stays as typed.
  if (found <= strict)
    for (QueryPart& part : built.parts) part.relaxed = false;
  assemble(built);
  return found > strict;
}

}  // namespace briefing
