// An export of a whole result set (Searcher::open_export): the order of every match is found once,
// over one pinned revision of the index, then the stored briefings are read in batches as the
// caller asks for them, so memory holds one batch and a docid per match, never the whole set.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "search_types.h"

namespace briefing {

struct ExportRequest {
  // The query, filters, date range and order (page, per_page, facets and snippets are not used).
  // Default order as /search: relevance with query text, newest first without.
  SearchRequest search;
  std::size_t limit = 10000;  // briefings at most; the rest of the matches are left out
  std::size_t batch = 500;    // briefings read from the index at a time
};

struct ExportSummary {
  std::uint64_t total = 0;     // matches of the search
  std::uint64_t exported = 0;  // briefings the export gives: the total, or the limit
  bool truncated = false;      // the limit left matches out
  std::uint64_t revision = 0;  // of the index, pinned for the whole export
};

class ResultExport {
 public:
  struct Impl;
  explicit ResultExport(std::unique_ptr<Impl> impl);
  ~ResultExport();
  ResultExport(const ResultExport&) = delete;
  ResultExport& operator=(const ResultExport&) = delete;

  const ExportSummary& summary() const;
  // Replaces `briefings` with the stored canonical JSON of the next batch, in order; false when
  // none are left. Each batch waits for a search slot (up to 30 s, else SearchBusy) and gives it
  // back before returning, so a client that reads slowly holds no slot while it is written to.
  // Throws IndexError when the pinned revision became unreadable (the indexer committed twice
  // since the export began: Xapian keeps one older revision readable, not more).
  bool next_batch(std::vector<std::string>& briefings);

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace briefing
