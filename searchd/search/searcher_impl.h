// The Searcher's state, shared by the files that implement its parts (searcher.cpp: searches,
// briefings, exports; one file for each later kind of answer), so that each stays small.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "index_handles.h"
#include "query_builder.h"
#include "result_export.h"
#include "result_stream.h"
#include "revision_caches.h"
#include "search_admission.h"
#include "searcher.h"
#include "suggester.h"
#include "wildcard_expander.h"

namespace briefing {

// Whether `path` is a stub naming remote shards (read here first: Xapian would run the program of
// a "remote :CMD" line, which read_stub refuses).
bool names_remote_shards(const std::string& path);
// The document of briefing `id`, if there is one.
std::optional<Xapian::docid> docid_of(const Xapian::Database& db, const std::string& id);

// Over remote shards the facet table is not built (its value streams would be read document by
// document over the network): every search counts with the stock spies (index_match.cpp), and
// its passes are not cut by the deadline decider, which a shard cannot run (time_budget.h).
struct Searcher::Impl {
  Impl(std::string path, SearcherOptions options)
      : remote(names_remote_shards(path)),
        handles(std::move(path)),
        tables(handles, options.facet_table && !remote, options.background_table_past_ms),
        admission(options.concurrent_searches),
        spelling_db(options.spelling_db),
        folds(options.fold_near_duplicates && !remote) {}

  // IndexHandles::with_handle on the version the facet table serves (version_to_serve()).
  template <class Work>
  auto with_table_handle(Work&& work) {
    return handles.with_handle(HandleWanted{tables.version_to_serve()}, std::forward<Work>(work));
  }
  // IndexHandles::with_handle on the index as it is now, sparing the handles kept for searches.
  template <class Work>
  auto with_latest_handle(Work&& work) {
    return handles.with_handle(HandleWanted{.spare = tables.version_to_serve()},
                               std::forward<Work>(work));
  }
  SearchResult search(IndexHandle& h, const SearchRequest& request);
  BuiltQuery build_query(IndexHandle& h, const Gazetteer& gazetteer, const SearchRequest& request);
  std::optional<std::string> suggestion(IndexHandle& h, const std::string& q,
                                        const std::vector<std::string>& words);
  ExportOrder export_order(IndexHandle& h, const ExportRequest& request);

  const bool remote;
  IndexHandles handles;
  FacetTableCache tables;
  EntityCache entities;
  WildcardCache wildcards;
  SuggestionCache suggestions;
  SearchAdmission admission;
  // Opened for each suggestion (a local open is cheap, and rare: few hits or a relaxed query),
  // so it follows the indexer without a pool of its own.
  const std::string spelling_db;
  const bool folds;  // near-duplicates fold into one hit (SearcherOptions)
};

}  // namespace briefing
