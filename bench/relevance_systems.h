// relevance: the three systems the relevance benchmark compares, each built over the same
// advisories and asked for its top 10 ids of a query.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace relevance {

// One advisory of wasoc-advisories.jsonl: its id, title and Markdown text.
struct Advisory {
  std::string id, title, text;
};

// Reads the JSONL file; throws when it cannot be read or a line lacks id, title or text.
std::vector<Advisory> read_advisories(const std::string& jsonl_path);

// A search system under test: built once, then asked query after query.
class RankedSystem {
 public:
  virtual ~RankedSystem() = default;
  virtual const char* name() const = 0;
  virtual std::uint64_t documents() = 0;  // how many advisories it holds (checked: all of them)
  // The ids of the best `depth` advisories for the query text, best first; empty: no match.
  virtual std::vector<std::string> top(const std::string& query, std::size_t depth) = 0;
};

// This engine: the advisories written as Markdown files under `work`/md, indexed with
// briefing::run_indexer (with the given entity files) and searched through briefing::Searcher.
std::unique_ptr<RankedSystem> build_engine(const std::vector<Advisory>& advisories,
                                           const std::string& work,
                                           const std::vector<std::string>& entity_files);

// SQLite FTS5 over title and body, bm25 with the title weighted 3x, every word required.
std::unique_ptr<RankedSystem> build_fts5(const std::vector<Advisory>& advisories,
                                         const std::string& work);

// Plain Xapian BM25: TermGenerator (English, STEM_SOME, title x5 and "S"-prefixed) and a
// QueryParser with the default OR.
std::unique_ptr<RankedSystem> build_plain_xapian(const std::vector<Advisory>& advisories,
                                                 const std::string& work);

}  // namespace relevance
