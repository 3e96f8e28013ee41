// The plain structs at the seam between the HTTP layer and the search library.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "facet.h"

namespace briefing {

// kUpdated: when the indexer last wrote the briefing, newest first (what a feed lists); briefings
// indexed before that time was kept come after, newest published first.
// kOldest: oldest published first, the reverse of kDate.
enum class SortOrder { kRelevance, kDate, kUpdated, kOldest };

struct SearchRequest {
  std::string q;  // query text; empty = browse everything, newest first
  // Selected facet values: values of one facet OR, different facets AND. The facets selected
  // by range (facet.h: the date) are selected with from/to instead.
  PerFacet<std::vector<std::string>> selected;
  std::optional<std::int64_t> from;  // seconds since the epoch, inclusive
  std::optional<std::int64_t> to;    // inclusive
  std::optional<SortOrder> sort;     // default: relevance with a query, date without
  int page = 1;                      // from 1
  int per_page = 10;
  int facet_limit = 20;
  int related_per_hit = 3;
  bool snippets = true;
  bool facets = true;  // benchmarks turn counting off to measure what it costs
  // A query that finds fewer than a page is relaxed (page_relaxation); a feed turns this off, so
  // that it lists only briefings that match the search as typed.
  bool relax = true;
  // Near-duplicates (the indexer's groups) fold into the best-ranked of them, which lists the
  // others as `similar`; the total and the facet counts still count every matching briefing.
  // An export turns this off: it lists every match; the last-written order (feeds) never folds.
  bool collapse = true;
  // Wall-clock budget for the whole search; 0: none. When it runs out the answer still comes,
  // with the hits found so far ranked, and says which counts are not exact.
  double time_limit_seconds = 0;

  std::vector<std::string>& values(Facet f) { return selected[facet_index(f)]; }
  const std::vector<std::string>& values(Facet f) const { return selected[facet_index(f)]; }
};

struct RelatedItem {
  std::string id, title, published, reason;
};

// A briefing of a story thread (Searcher::thread): `update` is N of its "Update #N", 0 for the
// briefing the updates follow or one that looks back on them.
struct ThreadItem {
  std::string id, title, published;
  int update = 0;
};

// A near-duplicate folded into a hit: it matches the search too.
struct SimilarItem {
  std::string id, title, published;
};

struct Hit {
  std::string id, title, published, url, series, status;
  // RFC 3339: the start of the indexer run that last wrote the briefing's content; empty for a
  // briefing written before the index kept that time.
  std::string indexed_at;
  double score = 0;
  std::string snippet;  // HTML: text escaped, matches in <mark>
  std::vector<std::string> actors, vendors, regions;
  std::vector<RelatedItem> related;
  // The matching near-duplicates folded into this hit (newest first; at most kSimilarListed of
  // them listed, similar_count says how many there are).
  std::uint64_t similar_count = 0;
  std::vector<SimilarItem> similar;
};
inline constexpr std::size_t kSimilarListed = 10;

struct FacetCount {
  std::string value, label;
  std::uint64_t count = 0;
};

struct FacetCounts {
  Facet facet;
  std::vector<FacetCount> values;
};

struct SearchResult {
  std::uint64_t total = 0;
  bool total_exact = true;
  bool facets_exact = true;  // false when the time limit cut counting short
  bool timed_out = false;
  int page = 1, per_page = 10;
  double took_ms = 0;
  std::optional<std::string> suggestion;
  // The words given up because the query as typed found fewer than a page, as typed; they
  // still rank (briefings that have them come first). Empty when nothing was relaxed.
  std::vector<std::string> relaxed;
  std::vector<Hit> hits;
  std::vector<FacetCounts> facets;  // every facet, in kAllFacets order (none when not asked)
  // Timings of the parts, for /metrics and benchmarks.
  double facets_ms = 0, snippets_ms = 0, related_ms = 0;
};

}  // namespace briefing
