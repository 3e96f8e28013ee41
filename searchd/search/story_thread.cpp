#include "story_thread.h"

#include <algorithm>
#include <map>
#include <set>

#include "index_layout.h"
#include "searcher_impl.h"
#include "stored_briefing.h"
#include "timestamp.h"

namespace briefing {

namespace {

// What the walk needs of each briefing it reaches.
struct Node {
  Xapian::docid docid = 0;
  Briefing briefing;
  std::optional<int> update;
};

std::optional<Node> read_node(const Xapian::Database& db, Xapian::docid docid) {
  std::optional<Briefing> b = read_stored_briefing(db.get_document(docid).get_data());
  if (!b) return std::nullopt;
  Node n{docid, std::move(*b), std::nullopt};
  n.update = update_number(n.briefing.title);
  if (!n.update) n.update = update_number(n.briefing.first_reported.title);
  return n;
}

// The briefings that link to `node` (its id's link term) and those it links to, by docid.
std::set<Xapian::docid> linked_from(const Xapian::Database& db, const Node& node) {
  std::set<Xapian::docid> out;
  const std::string term = std::string(layout::kLinksTo) + node.briefing.id;
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) out.insert(*it);
  return out;
}

std::set<Xapian::docid> links_to(const Xapian::Database& db, const Node& node) {
  std::set<Xapian::docid> out;
  for (const std::string& id : node.briefing.related)
    if (std::optional<Xapian::docid> d = docid_of(db, id)) out.insert(*d);
  return out;
}

// Whether the walk crosses from `a` to its neighbour `b`: both updates, linked either way; or one
// of them an update and the two linked both ways.
bool joined(const Node& a, const Node& b, bool both_ways) {
  if (a.update && b.update) return true;
  return (a.update || b.update) && both_ways;
}

}  // namespace

std::optional<int> update_number(std::string_view title) {
  constexpr std::string_view kWord = "update";
  if (title.size() < kWord.size()) return std::nullopt;
  for (std::size_t i = 0; i < kWord.size(); ++i)
    if ((title[i] | 0x20) != kWord[i]) return std::nullopt;
  std::size_t at = kWord.size();
  while (at < title.size() && title[at] == ' ') ++at;
  if (at < title.size() && title[at] == '#') ++at;
  int n = 0;
  const std::size_t digits = at;
  while (at < title.size() && title[at] >= '0' && title[at] <= '9' && at - digits < 4)
    n = n * 10 + (title[at++] - '0');
  if (at == digits) return std::nullopt;
  while (at < title.size() && title[at] == ' ') ++at;
  const std::string_view rest = title.substr(at);
  for (std::string_view separator : {"\u00b7", ":", "-", "\u2013", "\u2014", "|"})
    if (rest.substr(0, separator.size()) == separator) return n;
  return std::nullopt;
}

std::vector<ThreadItem> story_thread(const Xapian::Database& db, Xapian::docid docid,
                                     std::size_t limit) {
  std::map<Xapian::docid, Node> reached;
  std::vector<Xapian::docid> queue;
  if (std::optional<Node> start = read_node(db, docid)) {
    reached.emplace(docid, std::move(*start));
    queue.push_back(docid);
  }
  while (!queue.empty() && reached.size() < limit) {
    const Node& node = reached.at(queue.back());
    queue.pop_back();
    // A briefing that is no update carries the thread only from where it started.
    if (!node.update && node.docid != docid) continue;
    const std::set<Xapian::docid> in = linked_from(db, node), out = links_to(db, node);
    std::set<Xapian::docid> neighbours(in.begin(), in.end());
    neighbours.insert(out.begin(), out.end());
    for (Xapian::docid d : neighbours) {
      if (reached.count(d) || reached.size() >= limit) continue;
      std::optional<Node> next = read_node(db, d);
      if (!next || !joined(node, *next, in.count(d) && out.count(d))) continue;
      reached.emplace(d, std::move(*next));
      queue.push_back(d);
    }
  }
  std::vector<ThreadItem> thread;
  const bool has_update = std::any_of(reached.begin(), reached.end(),
                                      [](const auto& entry) { return entry.second.update; });
  if (reached.size() < 2 || !has_update) return thread;
  for (const auto& [d, node] : reached)
    thread.push_back({node.briefing.id, node.briefing.title,
                      format_timestamp(node.briefing.published), node.update.value_or(0)});
  std::sort(thread.begin(), thread.end(), [](const ThreadItem& a, const ThreadItem& b) {
    return a.published != b.published ? a.published < b.published : a.id < b.id;
  });
  return thread;
}

}  // namespace briefing
