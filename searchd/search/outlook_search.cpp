#include "outlook_search.h"

#include <algorithm>
#include <cmath>

#include "index_layout.h"
#include "shingles.h"
#include "stored_briefing.h"
#include "timestamp.h"

namespace briefing {

namespace {

// An item that passed the filters, before the page is read.
struct Candidate {
  Xapian::docid docid;
  std::uint32_t item;  // index in the briefing's outlook
  int percent;         // -1: no probability
  double published;
};

// A query's words as index terms: unprefixed (free text, not title:, party: or filters), and the
// words of the shingles a phrase is read from.
std::vector<std::string> words_of(const Xapian::Query& q) {
  std::vector<std::string> words;
  auto add = [&words](const std::string& w) {
    if (std::find(words.begin(), words.end(), w) == words.end()) words.push_back(w);
  };
  for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) {
    const std::string& term = *t;
    if (term.starts_with(layout::kShingle))
      for (const std::string& word : words_of_shingle(term)) add(word);
    else if (!term.empty() && !(term[0] >= 'A' && term[0] <= 'Z'))
      add(term);
  }
  return words;
}

// The query's words less the excluded ones: an item holds the query when one of them sits among
// its positions.
std::vector<std::string> item_terms(const BuiltQuery& built) {
  if (built.everything) return {};
  std::vector<std::string> excluded;
  for (const Xapian::Query& q : built.excluded)
    for (std::string& word : words_of(q)) excluded.push_back(std::move(word));
  std::vector<std::string> terms = words_of(built.matching);
  std::erase_if(terms, [&excluded](const std::string& t) {
    return std::find(excluded.begin(), excluded.end(), t) != excluded.end();
  });
  return terms;
}

bool holds_a_term(const Xapian::Database& db, Xapian::docid d, const OutlookRecord& r,
                  const std::vector<std::string>& terms) {
  for (const std::string& term : terms)
    for (auto p = db.positionlist_begin(d, term); p != db.positionlist_end(d, term); ++p) {
      if (*p > r.last_position) break;
      if (*p >= r.first_position) return true;
    }
  return false;
}

bool passes(const OutlookRecord& r, const OutlookRequest& request) {
  if (request.kind && r.kind != *request.kind) return false;
  if (request.horizon && r.horizon != *request.horizon) return false;
  if (request.min_probability &&
      (!r.percent || *r.percent + 1e-9 < std::round(*request.min_probability * 100)))
    return false;
  return true;
}

std::vector<Xapian::docid> matching_docids(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  std::vector<Xapian::docid> docids;
  docids.reserve(mset.size());
  for (auto m = mset.begin(); m != mset.end(); ++m) docids.push_back(*m);
  std::sort(docids.begin(), docids.end());  // the value streams below are read in docid order
  return docids;
}

std::vector<Candidate> candidates(const Xapian::Database& db, const Xapian::Query& query,
                                  const BuiltQuery& built, const OutlookRequest& request) {
  const std::vector<std::string> terms = item_terms(built);
  std::vector<Candidate> out;
  Xapian::ValueIterator items = db.valuestream_begin(layout::kOutlookItems);
  Xapian::ValueIterator dates = db.valuestream_begin(layout::kPublished);
  const Xapian::ValueIterator end = db.valuestream_end(layout::kOutlookItems);
  for (Xapian::docid d : matching_docids(db, query)) {
    items.skip_to(d);
    if (items == end) break;
    if (items.get_docid() != d) continue;
    const std::vector<OutlookRecord> records = decode_outlook(*items);
    double published = 0;
    if (dates.skip_to(d), dates != db.valuestream_end(layout::kPublished) && dates.get_docid() == d)
      published = Xapian::sortable_unserialise(*dates);
    for (std::uint32_t i = 0; i < records.size(); ++i) {
      const OutlookRecord& r = records[i];
      if (!passes(r, request) || (!terms.empty() && !holds_a_term(db, d, r, terms))) continue;
      out.push_back({d, i, r.percent ? *r.percent : -1, published});
    }
  }
  return out;
}

void sort_candidates(std::vector<Candidate>& all, OutlookOrder order) {
  const auto key = [order](const Candidate& c) {
    const double percent = -c.percent, published = -c.published;
    return order == OutlookOrder::kProbability ? std::make_pair(percent, published)
                                               : std::make_pair(published, percent);
  };
  std::sort(all.begin(), all.end(), [&key](const Candidate& a, const Candidate& b) {
    const auto ka = key(a);
    const auto kb = key(b);
    if (ka != kb) return ka < kb;
    return a.docid != b.docid ? a.docid < b.docid : a.item < b.item;
  });
}

OutlookHit read_item(const Xapian::Database& db, const Candidate& c) {
  OutlookHit hit;
  std::optional<Briefing> b = read_stored_briefing(db.get_document(c.docid).get_data());
  if (!b || c.item >= b->outlook.size()) return hit;
  const OutlookItem& item = b->outlook[c.item];
  hit.id = b->id;
  hit.title = b->title;
  hit.published = format_timestamp(b->published);
  hit.kind = item.kind;
  hit.horizon = item.horizon;
  hit.probability = item.probability;
  hit.text = item.text;
  return hit;
}

}  // namespace

OutlookResult find_outlook(const Xapian::Database& db, const Xapian::Query& briefings,
                           const BuiltQuery& built, const OutlookRequest& request) {
  const Xapian::Query query(
      Xapian::Query::OP_FILTER, briefings,
      Xapian::Query(outlook_filter_term(layout::kOutlook, request.kind, request.horizon)));
  std::vector<Candidate> all = candidates(db, query, built, request);
  sort_candidates(all, request.order);
  OutlookResult result;
  result.total = all.size();
  result.page = request.search.page;
  result.per_page = request.search.per_page;
  const std::size_t first =
      static_cast<std::size_t>(result.page - 1) * static_cast<std::size_t>(result.per_page);
  for (std::size_t i = first; i < all.size() && i < first + result.per_page; ++i)
    result.items.push_back(read_item(db, all[i]));
  return result;
}

}  // namespace briefing
