// Searcher: the search library's face (searcher.h). It admits a search, checks out a handle, and
// runs the stages in order: the query built, the filters resolved, the match (match_plan.h),
// relaxed when it found less than a page, the hits read, and a spelling suggestion.
#include "searcher.h"

#include "searcher_impl.h"

#include <algorithm>
#include <filesystem>

#include "changed_since.h"
#include "hit_reader.h"
#include "index_handles.h"
#include "index_layout.h"
#include "index_stub.h"
#include "match_plan.h"
#include "query_builder.h"
#include "related_finder.h"
#include "relaxation.h"
#include "result_stream.h"
#include "revision_caches.h"
#include "schema_check.h"
#include "search_admission.h"
#include "spelling_suggester.h"
#include "story_thread.h"
#include "wildcard_expander.h"

namespace briefing {

bool names_remote_shards(const std::string& path) {
  if (!std::filesystem::is_regular_file(path)) return false;
  const std::vector<StubLine> lines = read_stub(path);
  return std::any_of(lines.begin(), lines.end(),
                     [](const StubLine& line) { return line.backend == "remote"; });
}

Searcher::Searcher(std::string db_path, SearcherOptions options)
    : impl_(std::make_unique<Impl>(std::move(db_path), options)) {
  const std::string& path = impl_->handles.path();
  // Everything that reads the index at start is inside the try: a corrupt or unreachable index
  // is an IndexError naming it (searchd exits 1 with the message), never an abort.
  try {
    std::unique_ptr<IndexHandle> h = impl_->handles.checkout();
    check_schema_versions(path, h->db);
    impl_->tables.for_handle(*h);
    impl_->handles.give_back(std::move(h));
    if (!impl_->spelling_db.empty()) Xapian::Database spelling(impl_->spelling_db);  // it opens
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot read index " + path + ": " + e.get_type() + ": " + e.get_msg());
  }
}

Searcher::~Searcher() = default;

IndexStatus Searcher::status() {
  return impl_->with_latest_handle([this](IndexHandle& h) {
    IndexStatus s;
    s.documents = h.db.get_doccount();
    s.revision = index_revision(h.db);
    s.schema_version = h.db.get_metadata(std::string(layout::kSchemaVersionKey));
    s.last_change = h.db.get_metadata(std::string(layout::kLastChangeKey));
    s.database = impl_->handles.path();
    s.generation = impl_->handles.generation_name();
    s.uuid = h.db.get_uuid();
    s.facet_table_revision = impl_->tables.revision_in(h.generation);
    return s;
  });
}

std::optional<Xapian::docid> docid_of(const Xapian::Database& db, const std::string& id) {
  const std::string term = std::string(layout::kId) + id;
  auto it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return std::nullopt;
  return *it;
}

std::optional<std::string> Searcher::briefing_json(const std::string& id) {
  return impl_->with_latest_handle([&id](IndexHandle& h) -> std::optional<std::string> {
    auto docid = docid_of(h.db, id);
    if (!docid) return std::nullopt;
    return h.db.get_document(*docid).get_data();
  });
}

std::optional<std::vector<RelatedItem>> Searcher::related(const std::string& id,
                                                          std::size_t limit) {
  return impl_->with_table_handle([&](IndexHandle& h) -> std::optional<std::vector<RelatedItem>> {
    auto docid = docid_of(h.db, id);
    if (!docid) return std::nullopt;
    std::shared_ptr<const FacetTable> table = impl_->tables.for_handle(h);
    return RelatedFinder(h.db, table.get()).find(*docid, {limit, true});
  });
}

std::optional<std::vector<ThreadItem>> Searcher::thread(const std::string& id) {
  return impl_->with_latest_handle([&](IndexHandle& h) -> std::optional<std::vector<ThreadItem>> {
    auto docid = docid_of(h.db, id);
    if (!docid) return std::nullopt;
    return story_thread(h.db, *docid);
  });
}

void Searcher::warm() {
  if (impl_->tables.version_to_serve()) return;  // the new revision's table builds meanwhile
  impl_->handles.with_handle([this](IndexHandle& h) {
    impl_->tables.for_handle(h);
    impl_->suggestions.warm(h, impl_->entities, impl_->spelling_db);
    return 0;
  });
}

ChangedBriefings Searcher::changed_since(const SearchRequest& request, std::int64_t since,
                                         std::size_t limit) {
  return impl_->with_latest_handle([&](IndexHandle& h) {
    std::shared_ptr<const EntityCache::State> names = impl_->entities.for_index(h.db);
    const BuiltQuery built = impl_->build_query(h, names->gazetteer, request);
    const FacetFilters filters = facet_filters(h.db, names->gazetteer, request, nullptr);
    return find_changed(h.db, filtered(built.query, filters.queries), since, limit);
  });
}

SearchResult Searcher::search(const SearchRequest& request) {
  const auto arrived = SearchClock::now();
  // Without a time limit a search waits as long as a slow one may take.
  constexpr double kUnlimitedWait = 30;
  SearchAdmission::Ticket ticket = impl_->admission.enter(
      request.time_limit_seconds > 0 ? request.time_limit_seconds : kUnlimitedWait);
  SearchRequest budgeted = request;
  budgeted.collapse = request.collapse && impl_->folds;
  if (request.time_limit_seconds > 0)
    budgeted.time_limit_seconds =
        std::max(request.time_limit_seconds - ms_since(arrived) / 1000, 1e-6);
  return impl_->with_table_handle([&](IndexHandle& h) { return impl_->search(h, budgeted); });
}

BuiltQuery Searcher::Impl::build_query(IndexHandle& h, const Gazetteer& gazetteer,
                                       const SearchRequest& request) {
  QueryBuilder builder(
      h.analyser,
      [&h, &gazetteer](Facet f, const std::string& typed) {
        return resolve_facet_value(h.db, gazetteer, f, typed);
      },
      &gazetteer);
  const std::pair<std::uint64_t, std::uint64_t> revision{h.generation, index_revision(h.db)};
  builder.set_wildcard_expander([this, &h, revision](const std::string& prefix, std::size_t n) {
    // Held, not only its terms: the cache may drop this expansion while it is read (another
    // thread's revision or eviction), and a reference into a freed one read garbage under a
    // wildcard flood (a rare std::bad_alloc in the load test).
    const std::shared_ptr<const Expansion> expansion =
        wildcards.expand(h.db, prefix, revision, WildcardBudget{});
    const std::vector<std::string>& terms = expansion->terms;
    return std::vector<std::string>(terms.begin(), terms.begin() + std::min(n, terms.size()));
  });
  return builder.build(drop_repeated_clauses(parse_query_syntax(request.q)));
}

std::optional<std::string> Searcher::Impl::suggestion(IndexHandle& h, const std::string& q,
                                                      const std::vector<std::string>& words) {
  std::optional<Xapian::Database> spelling;
  if (!spelling_db.empty()) spelling.emplace(spelling_db);
  return suggest_spelling(h.db, h.analyser, q, words, spelling ? &*spelling : nullptr);
}

SearchResult Searcher::Impl::search(IndexHandle& h, const SearchRequest& request) {
  const TimeBudget budget(request.time_limit_seconds, /*passes_bounded=*/!remote);
  SearchResult result;
  result.page = request.page;
  result.per_page = request.per_page;

  std::shared_ptr<const EntityCache::State> names = entities.for_index(h.db);
  BuiltQuery built = build_query(h, names->gazetteer, request);
  std::shared_ptr<const FacetTable> table = tables.for_handle(h);
  const FacetFilters filters = facet_filters(h.db, names->gazetteer, request, table.get());
  const MatchPlan plan{h.db, table.get(), built, request, filters, budget, remote};

  const auto counting_started = SearchClock::now();
  std::vector<Ranked> page = match(plan, result);
  // Fewer than a page: relax the query and match again (the first match found few, so was cheap).
  if (!built.everything && request.relax &&
      result.total < static_cast<std::uint64_t>(request.per_page) && relax_for_page(plan, built)) {
    result.facets.clear();
    page = match(plan, result);
    result.relaxed = relaxed_words(built);
  }
  result.facets_ms = ms_since(counting_started);

  read_hits({h.db, h.analyser, table.get()}, plan, page, result);
  if (!built.words.empty() && (result.total < 3 || !result.relaxed.empty()))
    result.suggestion = suggestion(h, request.q, built.words);
  result.took_ms = budget.elapsed_ms();
  result.timed_out =
      result.timed_out || !result.total_exact || !result.facets_exact || budget.spent();
  return result;
}

// ---- exports (result_export.h) ----

std::unique_ptr<ResultExport> Searcher::open_export(const ExportRequest& request) {
  constexpr double kPlanWaitSeconds = 30;
  SearchAdmission::Ticket ticket = impl_->admission.enter(kPlanWaitSeconds);
  return open_result_export(impl_->handles, impl_->admission, request,
                            [&](IndexHandle& h) { return impl_->export_order(h, request); });
}

// The matches as a search would rank them, as one page of `limit` (the exact total says whether
// the limit cut the set): no relaxation (an export is what the query matches), no facets,
// no snippets, no time limit. Without query text the facet table lists them (4 bytes a match);
// with it Xapian's MSet holds them while they are ranked.
ExportOrder Searcher::Impl::export_order(IndexHandle& h, const ExportRequest& ex) {
  SearchRequest request = ex.search;
  request.page = 1;
  request.per_page = static_cast<int>(std::min<std::size_t>(ex.limit, 1u << 30));
  request.facets = false;
  request.snippets = false;
  request.collapse = false;
  request.time_limit_seconds = 0;
  const TimeBudget budget(0, !remote);
  std::shared_ptr<const EntityCache::State> names = entities.for_index(h.db);
  BuiltQuery built = build_query(h, names->gazetteer, request);
  std::shared_ptr<const FacetTable> table = tables.for_handle(h);
  const FacetFilters filters = facet_filters(h.db, names->gazetteer, request, table.get());
  SearchResult result;
  std::vector<Ranked> ranked =
      match({h.db, table.get(), built, request, filters, budget, remote}, result);
  ExportOrder order;
  order.total = result.total;
  order.docids.reserve(ranked.size());
  for (const Ranked& r : ranked) order.docids.push_back(r.docid);
  return order;
}

}  // namespace briefing
