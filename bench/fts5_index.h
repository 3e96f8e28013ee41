// The SQLite FTS5 side of compare_fts5: the database built from the same briefings as this
// engine's index, and each query of the mix translated to prepared statements and timed.
#pragma once

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "briefing.h"

namespace briefing::bench {

// One query as FTS5 sees it: a MATCH expression, one entity filter and a date range.
struct Fts5Terms {
  const char* match;  // "" = no text query (browse)
  const char* kind;   // entity filter kind, "" = none
  const char* value;
  const char* from;  // YYYY-MM-DD, "" = none
  const char* to;
};

// An open database (closed by its destructor); errors throw, naming the SQL.
class Sqlite {
 public:
  explicit Sqlite(const std::string& path);
  ~Sqlite();
  Sqlite(const Sqlite&) = delete;
  Sqlite& operator=(const Sqlite&) = delete;
  void exec(const std::string& sql);
  sqlite3_stmt* prepare(const std::string& sql);

 private:
  sqlite3* db_ = nullptr;
};

// Writes the briefings into a new FTS5 database at `path` in one transaction (title and text
// with the porter stemmer, entities in a table of their own), then merges its segments.
void build_fts5(const std::vector<Briefing>& briefings, const std::string& path);

// One query's prepared statements: total, top 10 (bm25 with title weighted 3x, snippet; newest
// first without a text query), each hit's entities, facet counts (entities and months).
class Fts5Query {
 public:
  Fts5Query(Sqlite& db, const Fts5Terms& terms, std::int64_t now);
  ~Fts5Query();
  Fts5Query(const Fts5Query&) = delete;
  Fts5Query& operator=(const Fts5Query&) = delete;

  struct Answer {
    std::int64_t total = 0;
    std::size_t hits = 0, facet_values = 0;
    double top_ms = 0;  // the top 10 with snippets (and each hit's entities) alone
  };
  Answer run();

 private:
  void read_top(Answer& a);
  void read_facets(Answer& a);
  void bind(sqlite3_stmt* s);

  const Fts5Terms& terms_;
  std::int64_t from_ = 0, to_ = 0;
  sqlite3_stmt *total_, *top_, *hit_entities_, *facets_, *months_;
};

}  // namespace briefing::bench
