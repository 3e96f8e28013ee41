// Searcher: a pool of handles (a Xapian::Database and an Analyser are not safe to share between
// threads), each checked out for one request and brought up to date before use.
#include "searcher.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <span>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "analyser.h"
#include "date_terms.h"
#include "errors.h"
#include "facet_counter.h"
#include "facet_fields.h"
#include "facet_table.h"
#include "filter_tally.h"
#include "gazetteer.h"
#include "index_layout.h"
#include "index_stub.h"
#include "query_builder.h"
#include "query_relaxer.h"
#include "region_names.h"
#include "related_finder.h"
#include "search_admission.h"
#include "search_deadline.h"
#include "snippet_builder.h"
#include "wildcard_expander.h"

namespace briefing {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// One page of ranked documents, whichever path found them.
struct Ranked {
  Xapian::docid docid;
  double weight;
};

struct Handle {
  explicit Handle(const std::string& path, std::uint64_t gen) : db(path), generation(gen) {}
  Xapian::Database db;
  Analyser analyser;
  std::uint64_t generation;
};

// What identifies the file at the index path: a rebuilt index renames a new stub into place.
struct FileStamp {
  ino_t inode = 0;
  std::int64_t mtime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};

FileStamp stamp(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  return {st.st_ino,
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::optional<EntityKind> entity_kind(Facet facet) {
  switch (facet) {
    case Facet::kActor:
      return EntityKind::kActor;
    case Facet::kVendor:
      return EntityKind::kVendor;
    case Facet::kRegion:
      return EntityKind::kRegion;
    default:
      return std::nullopt;
  }
}

// Canonical values of a facet for what a user typed: exact, an alias the gazetteer knows, else
// any case; regions also by country name.
std::vector<std::string> resolve_facet_value(const Xapian::Database& db, const Gazetteer& gazetteer,
                                             Facet facet, const std::string& typed) {
  const std::string prefix(facet_field(facet).prefix);
  if (db.term_exists(prefix + typed)) return {typed};
  if (auto kind = entity_kind(facet)) {
    std::string canonical = gazetteer.canonical(*kind, typed);
    if (db.term_exists(prefix + canonical)) return {canonical};
  }
  if (facet == Facet::kRegion) {
    if (auto code = region_code(typed); code && db.term_exists(prefix + *code)) return {*code};
  }
  std::vector<std::string> out;
  const std::string wanted = lower(typed);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    std::string value = (*it).substr(prefix.size());
    if (lower(value) == wanted) out.push_back(value);
  }
  return out;
}

std::vector<std::string> json_strings(const nlohmann::json& data, const char* key) {
  std::vector<std::string> out;
  if (auto it = data.find(key); it != data.end() && it->is_array())
    for (const auto& v : *it)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

// The text fields a snippet may come from, in order of preference.
std::vector<std::string_view> snippet_fields(const nlohmann::json& data) {
  std::vector<std::string_view> out;
  auto add = [&out](const nlohmann::json& object, const char* key) {
    if (auto it = object.find(key); it != object.end() && it->is_string())
      out.push_back(it->get_ref<const std::string&>());
  };
  add(data, "summary");
  add(data, "key_takeaway");
  add(data, "body");
  if (auto a = data.find("analysis"); a != data.end() && a->is_object()) {
    add(*a, "plain_english");
    add(*a, "root_causes");
  }
  add(data, "causes_effects");
  for (const char* list : {"outlook", "perspectives"})
    if (auto items = data.find(list); items != data.end() && items->is_array())
      for (const auto& item : *items)
        if (item.is_object()) add(item, "text");
  return out;
}

}  // namespace

// The gazetteer searchd resolves names with: the compiled-in one plus the entities the indexer
// imported (stored in the index).
struct EntityState {
  std::string stored;
  Gazetteer gazetteer;
};

struct Searcher::Impl {
  std::string path;
  SearcherOptions options;
  WildcardCache wildcards;
  std::unique_ptr<SearchAdmission> admission;
  std::shared_ptr<const EntityState> entities;  // guarded by mutex

  std::shared_ptr<const EntityState> entities_for(const Xapian::Database& db) {
    std::string stored = db.get_metadata(std::string(layout::kEntitiesKey));
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (entities && entities->stored == stored) return entities;
    }
    auto state = std::make_shared<EntityState>(EntityState{stored, Gazetteer::builtin()});
    state->gazetteer.add_json(nlohmann::json::parse(stored, nullptr, false));
    std::lock_guard<std::mutex> lock(mutex);
    entities = state;
    return state;
  }
  std::mutex mutex;
  std::vector<std::unique_ptr<Handle>> idle;
  std::shared_ptr<const FacetTable> table;  // guarded by mutex
  std::pair<std::uint64_t, Xapian::rev> table_key{};
  bool table_building = false;

  // The FacetTable of the handle's revision. The first request on a new revision builds it; any
  // that arrive meanwhile get nullptr and count from the index (slower, equally exact).
  std::shared_ptr<const FacetTable> table_for(Handle& h) {
    if (!options.facet_table) return nullptr;
    const std::pair<std::uint64_t, Xapian::rev> key{h.generation, h.db.get_revision()};
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (table && table_key == key) return table;
      if (table_building) return nullptr;
      table_building = true;
    }
    std::shared_ptr<const FacetTable> built;
    try {
      built = FacetTable::build(h.db);
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex);
      table_building = false;
      throw;
    }
    std::lock_guard<std::mutex> lock(mutex);
    table_building = false;
    table = built;
    table_key = key;
    return built;
  }
  FileStamp stub_stamp;
  std::uint64_t generation = 0;

  // A handle on the index as it is now: reopened if it changed, rebuilt if the stub switched.
  std::unique_ptr<Handle> checkout() {
    std::unique_ptr<Handle> h;
    std::uint64_t current;
    {
      std::lock_guard<std::mutex> lock(mutex);
      FileStamp now = stamp(path);
      if (!(now == stub_stamp)) {
        stub_stamp = now;
        ++generation;
        idle.clear();  // handles on the old generation are dropped as they come back
      }
      current = generation;
      if (!idle.empty()) {
        h = std::move(idle.back());
        idle.pop_back();
      }
    }
    if (h && h->generation == current) {
      h->db.reopen();
      return h;
    }
    return std::make_unique<Handle>(path, current);
  }

  void give_back(std::unique_ptr<Handle> h) {
    std::lock_guard<std::mutex> lock(mutex);
    if (h->generation == generation) idle.push_back(std::move(h));
  }

  // Runs `work` on a fresh handle; a DatabaseModifiedError (the indexer committed twice while we
  // read) is answered by reopening and trying again, so an indexer run never fails a request.
  // Xapian's errors (which are not std::exceptions) leave here as IndexError, the one place they
  // are converted.
  template <class Work>
  auto with_handle(Work&& work) {
    for (int attempt = 0;; ++attempt) {
      try {
        std::unique_ptr<Handle> h = checkout();
        auto result = work(*h);
        give_back(std::move(h));
        return result;
      } catch (const Xapian::DatabaseModifiedError& e) {
        if (attempt >= 3)
          throw IndexError("the index kept changing while it was read: " + e.get_msg());
      } catch (const Xapian::DatabaseOpeningError& e) {
        // The generation we held was removed by a switch: the next checkout re-reads the stub.
        if (attempt >= 3) throw IndexError("cannot open the index: " + e.get_msg());
        std::lock_guard<std::mutex> lock(mutex);
        stub_stamp = {};
      } catch (const Xapian::Error& e) {
        throw IndexError(e.get_type() + std::string(": ") + e.get_msg());
      }
    }
  }

  SearchResult search(Handle& h, const SearchRequest& request);
  void browse(const FacetTable& table, const SearchRequest& request,
              const std::vector<std::vector<std::string>>& selected, SearchResult& result,
              std::vector<Ranked>& page);
  Xapian::MSet match_from_index(Handle& h, const BuiltQuery& built, const SearchRequest& request,
                                const std::vector<Xapian::Query>& filters,
                                const std::vector<std::vector<std::string>>& selected,
                                const std::function<double()>& left, Xapian::Enquire& enquire,
                                SearchResult& result);
  void match(Handle& h, const FacetTable* table, const BuiltQuery& built,
             const SearchRequest& request, const std::vector<Xapian::Query>& filters,
             const std::vector<std::vector<std::string>>& selected,
             const std::function<double()>& left, SearchResult& result, std::vector<Ranked>& page);
};

Searcher::Searcher(std::string db_path, SearcherOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->path = std::move(db_path);
  impl_->options = options;
  impl_->admission = std::make_unique<SearchAdmission>(options.concurrent_searches);
  // A stub is read here first: Xapian would run the program of a "remote :CMD" line.
  if (std::filesystem::is_regular_file(impl_->path)) read_stub(impl_->path);
  // Everything that reads the index at start is inside the try: a corrupt or unreachable index
  // is an IndexError naming it (searchd exits 1 with the message), never an abort.
  try {
    std::unique_ptr<Handle> h = impl_->checkout();
    std::string version = h->db.get_metadata(std::string(layout::kSchemaVersionKey));
    if (version != layout::kSchemaVersion)
      throw IndexError("index " + impl_->path + " has schema version '" + version +
                       "'; this searchd reads version " + std::string(layout::kSchemaVersion) +
                       " (rebuild it with indexer --full)");
    impl_->table_for(*h);
    impl_->give_back(std::move(h));
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot read index " + impl_->path + ": " + e.get_type() + ": " + e.get_msg());
  }
}

Searcher::~Searcher() = default;

IndexStatus Searcher::status() {
  return impl_->with_handle([this](Handle& h) {
    IndexStatus s;
    s.documents = h.db.get_doccount();
    s.revision = h.db.get_revision();
    s.schema_version = h.db.get_metadata(std::string(layout::kSchemaVersionKey));
    s.last_change = h.db.get_metadata(std::string(layout::kLastChangeKey));
    s.database = impl_->path;
    std::lock_guard<std::mutex> lock(impl_->mutex);
    if (impl_->table && impl_->table_key.first == h.generation)
      s.facet_table_revision = impl_->table_key.second;
    return s;
  });
}

std::optional<std::string> Searcher::briefing_json(const std::string& id) {
  return impl_->with_handle([&id](Handle& h) -> std::optional<std::string> {
    const std::string term = std::string(layout::kId) + id;
    auto it = h.db.postlist_begin(term);
    if (it == h.db.postlist_end(term)) return std::nullopt;
    return h.db.get_document(*it).get_data();
  });
}

std::optional<std::vector<RelatedItem>> Searcher::related(const std::string& id,
                                                          std::size_t limit) {
  return impl_->with_handle([&](Handle& h) -> std::optional<std::vector<RelatedItem>> {
    const std::string term = std::string(layout::kId) + id;
    auto it = h.db.postlist_begin(term);
    if (it == h.db.postlist_end(term)) return std::nullopt;
    std::shared_ptr<const FacetTable> table = impl_->table_for(h);
    std::vector<RelatedItem> items = RelatedFinder(h.db, table.get()).find(*it, {limit, true});
    return items;
  });
}

void Searcher::warm() {
  impl_->with_handle([this](Handle& h) {
    impl_->table_for(h);
    return 0;
  });
}

SearchResult Searcher::search(const SearchRequest& request) {
  const auto arrived = Clock::now();
  // Without a time limit a search waits as long as a slow one may take.
  constexpr double kUnlimitedWait = 30;
  SearchAdmission::Ticket ticket = impl_->admission->enter(
      request.time_limit_seconds > 0 ? request.time_limit_seconds : kUnlimitedWait);
  SearchRequest budgeted = request;
  if (request.time_limit_seconds > 0)
    budgeted.time_limit_seconds =
        std::max(request.time_limit_seconds - ms_since(arrived) / 1000, 1e-6);
  return impl_->with_handle([&](Handle& h) { return impl_->search(h, budgeted); });
}

// ---- search -------------------------------------------------------------------------------------

namespace {

// The filter for one facet's selected values (OR), or an empty query when nothing is selected.
Xapian::Query facet_filter(const Xapian::Database& db, const Gazetteer& gazetteer, Facet facet,
                           const std::vector<std::string>& values,
                           std::vector<std::string>& canonical) {
  std::vector<Xapian::Query> terms;
  for (const std::string& v : values) {
    std::vector<std::string> resolved = resolve_facet_value(db, gazetteer, facet, v);
    if (resolved.empty()) resolved.push_back(v);  // unknown: matches nothing, still shown ticked
    for (const auto& r : resolved) {
      canonical.push_back(r);
      terms.emplace_back(std::string(facet_field(facet).prefix) + r);
    }
  }
  if (terms.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// With the table, as date terms (Xapian skips to the briefings in the range instead of reading
// every candidate's timestamp), an open end closed at the oldest or newest briefing; without it,
// as a range over the timestamp slot.
Xapian::Query date_filter(const SearchRequest& r, const FacetTable* table) {
  if (!r.from && !r.to) return Xapian::Query();
  if (table && table->documents() > 0) {
    const auto& all = table->newest_first();
    const auto oldest = static_cast<std::int64_t>(table->published(all.back()));
    const auto newest = static_cast<std::int64_t>(table->published(all.front()));
    return date_range_terms(std::max(r.from.value_or(oldest), oldest),
                            std::min(r.to.value_or(newest), newest));
  }
  double from = r.from ? static_cast<double>(*r.from) : -1e18;
  double to = r.to ? static_cast<double>(*r.to) : 1e18;
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, layout::kPublished,
                       Xapian::sortable_serialise(from), Xapian::sortable_serialise(to));
}

Xapian::Query filtered(const Xapian::Query& text, const std::vector<Xapian::Query>& filters) {
  std::vector<Xapian::Query> present;
  for (const auto& f : filters)
    if (!f.empty()) present.push_back(f);
  if (present.empty()) return text;
  return Xapian::Query(Xapian::Query::OP_FILTER, text,
                       Xapian::Query(Xapian::Query::OP_AND, present.begin(), present.end()));
}

// How many briefings `matching` finds under the filters, counting no further than `limit`, within
// `seconds` (0: no limit).
Xapian::doccount count_at_least(const Xapian::Database& db, const Xapian::Query& matching,
                                const std::vector<Xapian::Query>& filters, Xapian::doccount limit,
                                double seconds) {
  Xapian::Enquire enquire(db);
  enquire.set_query(filtered(matching, filters));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::DONT_CARE);
  // Out of time, nothing more is counted: relaxation then stops where it is.
  auto counted = get_mset_within(enquire, 0, 0, limit,
                                 seconds > 0 ? std::optional<double>(seconds) : std::nullopt);
  return counted ? counted->get_matches_lower_bound() : 0;
}

// Relaxes `built` until it finds a page under the filters (query_relaxer.h); true when it did.
bool relax_for_page(const Xapian::Database& db, BuiltQuery& built,
                    const std::vector<Xapian::Query>& filters, const SearchRequest& request,
                    const std::function<double()>& left) {
  const auto enough = static_cast<Xapian::doccount>(request.per_page);
  return relax_query(db, built, enough, [&](const Xapian::Query& matching) {
    return count_at_least(db, matching, filters, enough,
                          request.time_limit_seconds > 0 ? std::max(left(), 0.001) : 0);
  });
}

// Did-you-mean: the query with each unknown word replaced by the closest spelling the index
// knows, when that spelling would find something.
std::optional<std::string> suggest(Handle& h, const std::string& q,
                                   const std::vector<std::string>& words) {
  std::string out = q, lowered = lower(q);
  bool changed = false;
  for (const std::string& word : words) {
    if (word.size() < 3 || h.db.term_exists(h.analyser.stem(word))) continue;
    std::string better = h.db.get_spelling_suggestion(word, 2);
    if (better.empty() || !h.db.term_exists(h.analyser.stem(better))) continue;
    std::size_t at = lowered.find(word);
    if (at == std::string::npos) continue;
    out.replace(at, word.size(), better);
    lowered.replace(at, word.size(), better);
    changed = true;
  }
  if (!changed) return std::nullopt;
  return out;
}

}  // namespace

// No query text: the match set, its counts and its newest page come from the table alone.
void Searcher::Impl::browse(const FacetTable& table, const SearchRequest& request,
                            const std::vector<std::vector<std::string>>& selected,
                            SearchResult& result, std::vector<Ranked>& page) {
  FilterTally tally(table, request, selected, request.facets);
  const std::vector<Facet>& filtered = tally.filtered();
  // The matches, newest first: a list the table holds already, or `merged` when it does not.
  std::span<const Xapian::docid> ordered;
  std::vector<Xapian::docid> merged;
  if (filtered.empty()) {
    ordered = table.newest_first();
    tally.count_everything();
  } else if (filtered.size() == 1) {
    // One filter: the table lists its documents newest first already. Counted from the
    // co-occurrence square for one value or the newest-first run for a date range, else its own
    // facet over everything and the rest over its documents.
    const Facet f = filtered.front();
    if (f == Facet::kDate) {
      ordered = table.in_range(
          request.from ? std::optional<double>(static_cast<double>(*request.from)) : std::nullopt,
          request.to ? std::optional<double>(static_cast<double>(*request.to)) : std::nullopt);
    } else {
      std::vector<ValueId> values;
      for (const std::string& name : selected[static_cast<int>(f)])
        if (auto v = table.find(f, name);
            v && std::find(values.begin(), values.end(), *v) == values.end())
          values.push_back(*v);
      if (values.size() == 1) {
        ordered = table.postings(values.front());
      } else {
        for (ValueId v : values) {
          const auto& list = table.postings(v);
          const auto middle = merged.insert(merged.end(), list.begin(), list.end());
          std::inplace_merge(merged.begin(), middle, merged.end(), table.newer());
        }
        merged.erase(std::unique(merged.begin(), merged.end()), merged.end());
        ordered = merged;
      }
    }
    if (!tally.count_everything()) {
      tally.add_everything(f);
      for (Xapian::docid d : ordered) tally.add_match(d);
    }
  } else {
    for (Xapian::docid d : table.newest_first())
      if (tally.add(d)) merged.push_back(d);
    ordered = merged;
  }
  result.total = ordered.size();
  const auto offset = static_cast<std::size_t>(request.page - 1) * request.per_page;
  for (std::size_t i = offset; i < ordered.size() && i < offset + request.per_page; ++i)
    page.push_back({ordered[i], 0.0});
  if (!request.facets) return;
  for (Facet f : kAllFacets)
    result.facets.push_back(shape_tally(f, table, tally.counts(f), selected[static_cast<int>(f)],
                                        f == Facet::kDate ? -1 : request.facet_limit));
}

// Query text: Xapian ranks the page. With the table, in two passes, each cheaper than one
// exhaustive pass: the table counts every match of the text and decides the filters, giving the
// exact total and every facet's counts at once; then Xapian ranks only as far as the page needs
// (check_at_least = the page, not every document), skipping what cannot reach it. A phrase is
// checked against positions once in the first pass and, in the second, only for candidates that
// could still make the page.
void Searcher::Impl::match(Handle& h, const FacetTable* table, const BuiltQuery& built,
                           const SearchRequest& request, const std::vector<Xapian::Query>& filters,
                           const std::vector<std::vector<std::string>>& selected,
                           const std::function<double()>& left, SearchResult& result,
                           std::vector<Ranked>& page) {
  Xapian::Enquire enquire(h.db);
  SortOrder sort = request.sort.value_or(built.has_text ? SortOrder::kRelevance : SortOrder::kDate);
  if (sort == SortOrder::kDate || !built.has_text)
    enquire.set_sort_by_value_then_relevance(layout::kPublished, /*reverse=*/true);
  else
    enquire.set_sort_by_relevance_then_value(layout::kPublished, true);
  enquire.set_query(filtered(built.query, filters));
  const auto offset = static_cast<Xapian::doccount>((request.page - 1) * request.per_page);
  const auto per_page = static_cast<Xapian::doccount>(request.per_page);
  auto take_page = [&](const Xapian::MSet& mset) {
    for (auto it = mset.begin(); it != mset.end(); ++it)
      page.push_back({*it, built.has_text ? it.get_weight() : 0.0});
  };

  if (!table) {
    take_page(match_from_index(h, built, request, filters, selected, left, enquire, result));
    return;
  }
  FilterTally tally(*table, request, selected, request.facets);
  const bool complete =
      count_matches(h.db, built.matching, built.single_term, tally,
                    request.time_limit_seconds > 0 ? std::optional<double>(left()) : std::nullopt);
  // Counting that ran out of time leaves nothing for ranking: the page is then unranked.
  RankedPage ranked =
      rank_within(enquire, offset, per_page, offset + per_page,
                  request.time_limit_seconds > 0 ? std::optional<double>(complete ? left() : 0.0)
                                                 : std::nullopt);
  const Xapian::MSet& mset = ranked.mset;
  take_page(mset);
  result.total = std::max<std::uint64_t>(tally.matched(), mset.get_matches_lower_bound());
  result.total_exact = complete;
  result.facets_exact = complete;
  result.timed_out = ranked.cut;
  if (request.facets)
    for (Facet f : kAllFacets)
      result.facets.push_back(shape_tally(f, *table, tally.counts(f), selected[static_cast<int>(f)],
                                          f == Facet::kDate ? -1 : request.facet_limit));
}

// Without the table (requests on a new revision while the first one builds it): one exhaustive
// ranking pass that counts the facets without a filter through a spy reading value slots, and a
// boolean pass per filtered facet for its disjunctive counts.
Xapian::MSet Searcher::Impl::match_from_index(Handle& h, const BuiltQuery& built,
                                              const SearchRequest& request,
                                              const std::vector<Xapian::Query>& filters,
                                              const std::vector<std::vector<std::string>>& selected,
                                              const std::function<double()>& left,
                                              Xapian::Enquire& enquire, SearchResult& result) {
  const Xapian::doccount doccount = h.db.get_doccount();
  std::vector<Facet> counted_in_main, counted_alone;
  if (request.facets)
    for (Facet f : kAllFacets)
      (filters[static_cast<int>(f)].empty() ? counted_in_main : counted_alone).push_back(f);
  FacetSpy main(counted_in_main);
  if (!counted_in_main.empty()) enquire.add_matchspy(&main);
  const auto offset = static_cast<Xapian::doccount>((request.page - 1) * request.per_page);
  // check_at_least = every document: the total and the facet counts are exact, unless the time
  // limit turns it off (then Xapian returns what it ranked so far and the bounds differ).
  const std::optional<double> seconds =
      request.time_limit_seconds > 0 ? std::optional<double>(left()) : std::nullopt;
  RankedPage ranked = rank_within(enquire, offset, static_cast<Xapian::doccount>(request.per_page),
                                  doccount, seconds);
  Xapian::MSet mset = ranked.mset;
  result.total = mset.get_matches_estimated();
  result.total_exact =
      !ranked.cut && mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  result.facets_exact = result.total_exact;
  result.timed_out = ranked.cut;

  // Disjunctive counts: each selected facet counted with every filter but its own.
  std::vector<std::unique_ptr<FacetSpy>> alone;
  for (Facet f : counted_alone) {
    alone.push_back(std::make_unique<FacetSpy>(std::vector<Facet>{f}));
    if (left() <= 0) {
      result.facets_exact = false;
      continue;
    }
    std::vector<Xapian::Query> others = filters;
    others[static_cast<int>(f)] = Xapian::Query();
    Xapian::Enquire e(h.db);
    e.set_query(filtered(built.query, others));
    e.set_weighting_scheme(Xapian::BoolWeight());
    e.set_docid_order(Xapian::Enquire::DONT_CARE);
    e.add_matchspy(alone.back().get());
    auto counted = get_mset_within(e, 0, 0, doccount, left());
    if (!counted || counted->get_matches_lower_bound() != counted->get_matches_upper_bound())
      result.facets_exact = false;
  }
  for (Facet f : kAllFacets) {
    if (!request.facets) break;
    const FacetSpy* spy = &main;
    for (std::size_t i = 0; i < counted_alone.size(); ++i)
      if (counted_alone[i] == f) spy = alone[i].get();
    result.facets.push_back(shape_facet(f, spy->counts(f), selected[static_cast<int>(f)],
                                        f == Facet::kDate ? -1 : request.facet_limit));
  }
  return mset;
}

SearchResult Searcher::Impl::search(Handle& h, const SearchRequest& request) {
  const auto started = Clock::now();
  SearchResult result;
  result.page = request.page;
  result.per_page = request.per_page;
  auto left = [&]() {
    return request.time_limit_seconds <= 0 ? 1e9
                                           : request.time_limit_seconds - ms_since(started) / 1000;
  };

  std::shared_ptr<const EntityState> names = entities_for(h.db);
  const Gazetteer& gazetteer = names->gazetteer;
  QueryBuilder builder(
      h.analyser,
      [&h, &gazetteer](Facet f, const std::string& typed) {
        return resolve_facet_value(h.db, gazetteer, f, typed);
      },
      &gazetteer);
  const std::pair<std::uint64_t, std::uint64_t> revision{h.generation, h.db.get_revision()};
  builder.set_wildcard_expander([this, &h, revision](const std::string& prefix, std::size_t n) {
    const std::vector<std::string>& terms =
        wildcards.expand(h.db, prefix, revision, WildcardBudget{})->terms;
    return std::vector<std::string>(terms.begin(), terms.begin() + std::min(n, terms.size()));
  });
  BuiltQuery built = builder.build(drop_repeated_clauses(parse_query_syntax(request.q)));

  // One filter per facet; a facet's own filter is left out when counting that facet.
  std::vector<Xapian::Query> filters(7);
  std::vector<std::vector<std::string>> selected(7);
  for (Facet f : kAllFacets) {
    if (f == Facet::kDate) continue;
    int i = static_cast<int>(f);
    filters[i] = facet_filter(h.db, gazetteer, f, request.values(f), selected[i]);
  }
  std::shared_ptr<const FacetTable> table = table_for(h);
  filters[static_cast<int>(Facet::kDate)] = date_filter(request, table.get());

  const auto counting_started = Clock::now();
  std::vector<Ranked> page;
  if (table && built.everything)
    browse(*table, request, selected, result, page);
  else
    match(h, table.get(), built, request, filters, selected, left, result, page);
  // Fewer than a page: relax the query and match again (the first match found few, so was cheap).
  if (!built.everything && result.total < static_cast<std::uint64_t>(request.per_page) &&
      relax_for_page(h.db, built, filters, request, left)) {
    result.facets.clear();
    page.clear();
    match(h, table.get(), built, request, filters, selected, left, result, page);
    result.relaxed = relaxed_words(built);
  }
  result.facets_ms = ms_since(counting_started);

  // Hits: stored fields, snippets over the analyser's tokens, related events.
  SnippetBuilder snippets(h.analyser);
  RelatedFinder related(h.db, table.get());
  for (const Ranked& ranked : page) {
    // From the match, so it exists: Xapian need not look it up twice.
    Xapian::Document doc = h.db.get_document(ranked.docid, Xapian::DOC_ASSUME_VALID);
    auto data = nlohmann::json::parse(doc.get_data(), nullptr, false);
    if (!data.is_object()) continue;
    Hit hit;
    hit.id = data.value("id", "");
    hit.title = data.value("title", "");
    hit.published = data.value("published", "");
    hit.url = data.value("url", "");
    hit.series = data.value("series", "");
    hit.status = data.value("status", "");
    hit.score = ranked.weight;
    hit.actors = json_strings(data, "actors");
    hit.vendors = json_strings(data, "vendors");
    hit.regions = json_strings(data, "regions");
    if (request.snippets) {
      auto t = Clock::now();
      // Out of time: the opening of the text, which costs no analysis.
      hit.snippet =
          snippets.build(snippet_fields(data), left() > 0 ? built.highlight : HighlightTerms{});
      result.snippets_ms += ms_since(t);
    }
    if (request.related_per_hit > 0 && left() > 0) {
      auto t = Clock::now();
      std::vector<std::string> links = json_strings(data, "related");
      hit.related = related.find(
          ranked.docid, {static_cast<std::size_t>(request.related_per_hit), false}, &links);
      result.related_ms += ms_since(t);
    }
    result.hits.push_back(std::move(hit));
  }
  if (!built.words.empty() && (result.total < 3 || !result.relaxed.empty()))
    result.suggestion = suggest(h, request.q, built.words);
  result.took_ms = ms_since(started);
  result.timed_out = result.timed_out || !result.total_exact || !result.facets_exact || left() <= 0;
  return result;
}

}  // namespace briefing
