// FTS5: the schema, loading the briefings, and the SQL that answers what /search answers (the
// count, the top 10 with snippets and each hit's entities, facet counts by entity and month).
#include "fts5_index.h"

#include <chrono>
#include <stdexcept>

#include "briefing_text.h"
#include "search_params.h"

namespace briefing::bench {
namespace {

using Clock = std::chrono::steady_clock;

void step_done(sqlite3_stmt* s) {
  if (sqlite3_step(s) != SQLITE_DONE) throw std::runtime_error("sqlite step failed");
  sqlite3_reset(s);
}

void bind_text(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

std::string join_text(const Briefing& b) {
  std::string out;
  for_each_text(b, [&](TextField kind, const std::string& s) {
    if (kind == TextField::kTitle && &s == &b.title) return;
    if (!out.empty()) out += "\n\n";
    out += s;
  });
  for_each_entity_name(b, [&](const std::string& s) { out += "\n" + s; });
  return out;
}

// The three INSERTs that store one briefing.
struct Inserts {
  sqlite3_stmt* doc;
  sqlite3_stmt* text;
  sqlite3_stmt* entity;
};

void insert_entities(const Inserts& in, sqlite3_int64 rowid, const Briefing& b) {
  auto add = [&](const char* kind, const std::string& value) {
    if (value.empty()) return;
    sqlite3_bind_int64(in.entity, 1, rowid);
    sqlite3_bind_text(in.entity, 2, kind, -1, SQLITE_STATIC);
    bind_text(in.entity, 3, value);
    step_done(in.entity);
  };
  for (const auto& v : b.actors) add("actor", v);
  for (const auto& v : b.vendors) add("vendor", v);
  for (const auto& v : b.regions) add("region", v);
  add("series", b.series);
  add("category", b.category);
  add("status", b.status);
}

void insert_briefing(const Inserts& in, sqlite3_int64 rowid, const Briefing& b) {
  sqlite3_bind_int64(in.doc, 1, rowid);
  bind_text(in.doc, 2, b.id);
  bind_text(in.doc, 3, b.title);
  sqlite3_bind_int64(in.doc, 4, b.published);
  bind_text(in.doc, 5, b.url);
  step_done(in.doc);
  sqlite3_bind_int64(in.text, 1, rowid);
  bind_text(in.text, 2, b.title);
  bind_text(in.text, 3, join_text(b));
  step_done(in.text);
  insert_entities(in, rowid, b);
}

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

}  // namespace

Sqlite::Sqlite(const std::string& path) {
  if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK)
    throw std::runtime_error("sqlite3_open " + path);
}

Sqlite::~Sqlite() {
  sqlite3_close(db_);
}

void Sqlite::exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "?";
    sqlite3_free(error);
    throw std::runtime_error("sqlite: " + message + " in " + sql);
  }
}

sqlite3_stmt* Sqlite::prepare(const std::string& sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK)
    throw std::runtime_error(std::string("sqlite prepare: ") + sqlite3_errmsg(db_) + " in " + sql);
  return s;
}

void build_fts5(const std::vector<Briefing>& briefings, const std::string& path) {
  Sqlite db(path);
  db.exec(
      "CREATE TABLE briefings(rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, title TEXT, "
      "published INTEGER, url TEXT);"
      "CREATE INDEX briefings_published ON briefings(published);"
      "CREATE TABLE briefing_entities(rowid INTEGER, kind TEXT, value TEXT);"
      "CREATE VIRTUAL TABLE fts USING fts5(title, text, tokenize = 'porter unicode61 "
      "remove_diacritics 2');");
  db.exec("BEGIN");
  const Inserts in{db.prepare("INSERT INTO briefings VALUES(?, ?, ?, ?, ?)"),
                   db.prepare("INSERT INTO fts(rowid, title, text) VALUES(?, ?, ?)"),
                   db.prepare("INSERT INTO briefing_entities VALUES(?, ?, ?)")};
  sqlite3_int64 rowid = 0;
  for (const auto& b : briefings) insert_briefing(in, ++rowid, b);
  for (sqlite3_stmt* s : {in.doc, in.text, in.entity}) sqlite3_finalize(s);
  db.exec(
      "CREATE INDEX entities_kind_value ON briefing_entities(kind, value, rowid);"
      "CREATE INDEX entities_rowid ON briefing_entities(rowid);");
  db.exec("COMMIT");
  db.exec("INSERT INTO fts(fts) VALUES('optimize')");
  db.exec("ANALYZE");
}

Fts5Query::Fts5Query(Sqlite& db, const Fts5Terms& q, std::int64_t now) : terms_(q) {
  if (*q.from) from_ = *parse_date_param(q.from, now, false);
  if (*q.to) to_ = *parse_date_param(q.to, now, true);
  std::string conds;
  if (*q.from) conds += " AND b.published BETWEEN :from AND :to";
  if (*q.kind)
    conds +=
        " AND b.rowid IN (SELECT rowid FROM briefing_entities WHERE kind = :kind AND value = "
        ":value)";
  const bool text = *q.match;
  const std::string from_where =
      text ? " FROM fts JOIN briefings b ON b.rowid = fts.rowid WHERE fts MATCH :q" + conds
           : " FROM briefings b WHERE 1" + conds;
  const std::string matched = "SELECT b.rowid" + from_where;
  total_ = db.prepare("SELECT count(*)" + from_where);
  top_ = db.prepare(text ? "SELECT b.rowid, b.id, b.title, b.published, b.url, "
                           "snippet(fts, -1, '<mark>', '</mark>', '…', 24), bm25(fts, 3.0, 1.0) "
                           "AS s" +
                               from_where + " ORDER BY s LIMIT 10"
                         : "SELECT b.rowid, b.id, b.title, b.published, b.url" + from_where +
                               " ORDER BY b.published DESC LIMIT 10");
  hit_entities_ = db.prepare("SELECT kind, value FROM briefing_entities WHERE rowid = ?");
  facets_ = db.prepare("SELECT kind, value, count(*) AS n FROM briefing_entities WHERE rowid IN (" +
                       matched + ") GROUP BY kind, value ORDER BY kind, n DESC");
  months_ = db.prepare(
      "SELECT strftime('%Y-%m', published, 'unixepoch') AS m, count(*) FROM briefings WHERE "
      "rowid IN (" +
      matched + ") GROUP BY m");
}

Fts5Query::~Fts5Query() {
  for (auto* s : {total_, top_, hit_entities_, facets_, months_}) sqlite3_finalize(s);
}

Fts5Query::Answer Fts5Query::run() {
  Answer a;
  read_top(a);
  bind(total_);
  if (sqlite3_step(total_) == SQLITE_ROW) a.total = sqlite3_column_int64(total_, 0);
  sqlite3_reset(total_);
  read_facets(a);
  return a;
}

void Fts5Query::read_top(Answer& a) {
  auto started = Clock::now();
  bind(top_);
  while (sqlite3_step(top_) == SQLITE_ROW) {
    ++a.hits;
    for (int c = 1; c < sqlite3_column_count(top_); ++c) sqlite3_column_text(top_, c);
    sqlite3_bind_int64(hit_entities_, 1, sqlite3_column_int64(top_, 0));
    while (sqlite3_step(hit_entities_) == SQLITE_ROW) sqlite3_column_text(hit_entities_, 1);
    sqlite3_reset(hit_entities_);
  }
  sqlite3_reset(top_);
  a.top_ms = ms_since(started);
}

void Fts5Query::read_facets(Answer& a) {
  bind(facets_);
  std::string kind;
  int in_kind = 0;
  while (sqlite3_step(facets_) == SQLITE_ROW) {  // the top 50 values of each kind
    const char* k = reinterpret_cast<const char*>(sqlite3_column_text(facets_, 0));
    if (kind != k) kind = k, in_kind = 0;
    if (++in_kind <= 50) sqlite3_column_text(facets_, 1), ++a.facet_values;
  }
  sqlite3_reset(facets_);
  bind(months_);
  while (sqlite3_step(months_) == SQLITE_ROW) ++a.facet_values;
  sqlite3_reset(months_);
}

void Fts5Query::bind(sqlite3_stmt* s) {
  auto set = [s](const char* name, auto&& binder) {
    int i = sqlite3_bind_parameter_index(s, name);
    if (i > 0) binder(i);
  };
  set(":q", [&](int i) { sqlite3_bind_text(s, i, terms_.match, -1, SQLITE_STATIC); });
  set(":kind", [&](int i) { sqlite3_bind_text(s, i, terms_.kind, -1, SQLITE_STATIC); });
  set(":value", [&](int i) { sqlite3_bind_text(s, i, terms_.value, -1, SQLITE_STATIC); });
  set(":from", [&](int i) { sqlite3_bind_int64(s, i, from_); });
  set(":to", [&](int i) { sqlite3_bind_int64(s, i, to_); });
}

}  // namespace briefing::bench
