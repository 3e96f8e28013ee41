// Near-duplicate groups in an index: the connected components of the graph whose edges join two
// briefings that share a band term and whose signatures estimate them at least
// near_duplicate::kThreshold alike. A group's key is the least id among its members, so the
// groups are a function of the index's contents alone: a full run and any sequence of
// incremental runs over the same briefings give the same groups.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <xapian.h>

namespace briefing {

// Where a run changed the index: the briefings it wrote, and the groups that held a briefing it
// rewrote or removed (their other members may have to part).
struct GroupSeeds {
  std::set<Xapian::docid> written;
  std::set<std::string> groups;
};

struct GroupChange {
  Xapian::docid docid;
  std::string key;  // the group it now belongs to
};

// The groups of every briefing connected to the seeds, and of every member of the seeds'
// groups; returns the briefings whose stored group differs from the one they now have.
std::vector<GroupChange> settle_groups(const Xapian::Database& db, const GroupSeeds& seeds);
// The same for every briefing of `db` (a new generation).
std::vector<GroupChange> settle_all_groups(const Xapian::Database& db);

// Sets a document's group: its layout::kDuplicateGroupValue and its one "XG" term.
void set_group(Xapian::Document& doc, const std::string& key);

}  // namespace briefing
