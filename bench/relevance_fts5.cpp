// relevance: SQLite FTS5 as the baseline an analyst might reach for -- title and body columns,
// the porter tokenizer, bm25 with the title weighted as bench/compare_fts5.cpp weights it, and
// every word of the query required (FTS5's implicit AND).
#include <sqlite3.h>

#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "relevance_systems.h"

namespace relevance {
namespace {

namespace fs = std::filesystem;

void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    throw std::runtime_error(std::string("sqlite ") + what + ": " + sqlite3_errmsg(db));
}

void bind_text(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

std::string column_text(sqlite3_stmt* s, int i) {
  const unsigned char* text = sqlite3_column_text(s, i);
  return text ? reinterpret_cast<const char*>(text) : "";
}

// Each of the user's words as an FTS5 string ("..."), so that punctuation such as the hyphens of
// a CVE id or a colon is matched as text and never read as query syntax.
std::string fts5_match_expression(const std::string& query) {
  std::istringstream words(query);
  std::string out;
  for (std::string word; words >> word;) {
    std::string quoted = "\"";
    for (char c : word) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    out += (out.empty() ? "" : " ") + quoted + "\"";
  }
  return out;
}

class Fts5 : public RankedSystem {
 public:
  explicit Fts5(const std::string& path) { check(sqlite3_open(path.c_str(), &db_), db_, "open"); }
  ~Fts5() override {
    sqlite3_finalize(top_);
    sqlite3_close(db_);
  }
  const char* name() const override { return "fts5"; }

  void exec(const std::string& sql) {
    check(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr), db_, sql.c_str());
  }

  void load(const std::vector<Advisory>& advisories) {
    exec(
        "CREATE TABLE advisories(rowid INTEGER PRIMARY KEY, id TEXT UNIQUE);"
        "CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize = 'porter unicode61 "
        "remove_diacritics 2');"
        "BEGIN");
    sqlite3_stmt *doc = nullptr, *text = nullptr;
    check(sqlite3_prepare_v2(db_, "INSERT INTO advisories VALUES(?, ?)", -1, &doc, nullptr), db_,
          "prepare");
    check(sqlite3_prepare_v2(db_, "INSERT INTO fts(rowid, title, body) VALUES(?, ?, ?)", -1, &text,
                             nullptr),
          db_, "prepare");
    sqlite3_int64 rowid = 0;
    for (const Advisory& a : advisories) {
      ++rowid;
      sqlite3_bind_int64(doc, 1, rowid);
      bind_text(doc, 2, a.id);
      check(sqlite3_step(doc), db_, "insert");
      sqlite3_reset(doc);
      sqlite3_bind_int64(text, 1, rowid);
      bind_text(text, 2, a.title);
      bind_text(text, 3, a.text);
      check(sqlite3_step(text), db_, "insert");
      sqlite3_reset(text);
    }
    sqlite3_finalize(doc);
    sqlite3_finalize(text);
    exec("COMMIT; INSERT INTO fts(fts) VALUES('optimize');");
    check(sqlite3_prepare_v2(db_,
                             "SELECT a.id FROM fts JOIN advisories a ON a.rowid = fts.rowid "
                             "WHERE fts MATCH ? ORDER BY bm25(fts, 3.0, 1.0) LIMIT ?",
                             -1, &top_, nullptr),
          db_, "prepare");
  }

  std::uint64_t documents() override {
    sqlite3_stmt* s = nullptr;
    check(sqlite3_prepare_v2(db_, "SELECT count(*) FROM fts", -1, &s, nullptr), db_, "prepare");
    std::uint64_t n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    return n;
  }

  std::vector<std::string> top(const std::string& query, std::size_t depth) override {
    std::vector<std::string> ids;
    const std::string match = fts5_match_expression(query);
    if (match.empty()) return ids;
    bind_text(top_, 1, match);
    sqlite3_bind_int64(top_, 2, static_cast<sqlite3_int64>(depth));
    int rc;
    while ((rc = sqlite3_step(top_)) == SQLITE_ROW) ids.push_back(column_text(top_, 0));
    sqlite3_reset(top_);
    check(rc, db_, match.c_str());
    return ids;
  }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* top_ = nullptr;
};

}  // namespace

std::unique_ptr<RankedSystem> build_fts5(const std::vector<Advisory>& advisories,
                                         const std::string& work) {
  const fs::path path = fs::path(work) / "fts5.sqlite";
  fs::remove(path);
  auto fts5 = std::make_unique<Fts5>(path.string());
  fts5->load(advisories);
  return fts5;
}

}  // namespace relevance
