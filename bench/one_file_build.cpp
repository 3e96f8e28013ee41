#include "one_file_build.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "fts5_index.h"
#include "index_run.h"
#include "latency_stats.h"
#include "plain_xapian_build.h"

namespace briefing::bench {
namespace fs = std::filesystem;
namespace {

fs::path concatenate_parts(const fs::path& corpus, const fs::path& work) {
  std::vector<fs::path> parts;
  for (const auto& entry : fs::directory_iterator(corpus))
    if (entry.path().extension() == ".jsonl") parts.push_back(entry.path());
  std::sort(parts.begin(), parts.end());
  if (parts.empty()) throw std::runtime_error("no .jsonl parts in " + corpus.string());
  fs::create_directories(work);
  const fs::path one = work / "one.jsonl";
  std::ofstream out(one, std::ios::binary);
  for (const fs::path& p : parts) out << std::ifstream(p, std::ios::binary).rdbuf();
  if (!out.flush()) throw std::runtime_error("cannot write " + one.string());
  return one;
}

std::size_t build_engine(const fs::path& file, const fs::path& db) {
  fs::remove_all(db.parent_path());
  fs::create_directories(db.parent_path());
  RunOptions options;
  options.db_path = db.string();
  options.sources = {file.string()};
  options.full = true;
  return run_indexer(options).added;
}

// What a plain full-text build does: one transaction of title and body rows, parsed from the
// lines as they are read, with the same tokenizer as the main comparison and no merge afterwards.
std::size_t build_fts5_plain(const fs::path& file, const fs::path& db_path) {
  fs::remove(db_path);
  Sqlite db(db_path.string());
  db.exec(
      "CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize = 'porter unicode61 "
      "remove_diacritics 2');");
  db.exec("BEGIN");
  sqlite3_stmt* insert = db.prepare("INSERT INTO fts(title, body) VALUES(?, ?)");
  std::ifstream in(file, std::ios::binary);
  std::size_t rows = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line);
    const std::string title = j.value("title", ""), body = j.value("body", "");
    sqlite3_bind_text(insert, 1, title.data(), static_cast<int>(title.size()), SQLITE_STATIC);
    sqlite3_bind_text(insert, 2, body.data(), static_cast<int>(body.size()), SQLITE_STATIC);
    if (sqlite3_step(insert) != SQLITE_DONE) throw std::runtime_error("FTS5 insert failed");
    sqlite3_reset(insert);
    ++rows;
  }
  sqlite3_finalize(insert);
  db.exec("COMMIT");
  return rows;
}

}  // namespace

OneFileFigures build_one_file(const fs::path& corpus, const fs::path& work, int rounds) {
  const fs::path file = concatenate_parts(corpus, work);
  const fs::path engine_db = work / "one-engine" / "db", fts5_db = work / "one-fts5.db",
                 xapian_db = work / "one-xapian";
  // As many threads as the engine's shards (RunOptions::jobs 0: one per core).
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  OneFileFigures f;
  auto timed = [](std::vector<double>& runs, auto&& build) {
    auto t = Clock::now();
    build();
    runs.push_back(ms_since(t) / 1000);
  };
  auto engine = [&] {
    timed(f.engine_runs, [&] { f.engine_briefings = build_engine(file, engine_db); });
  };
  auto fts5 = [&] { timed(f.fts5_runs, [&] { f.fts5_rows = build_fts5_plain(file, fts5_db); }); };
  auto xapian = [&] {
    timed(f.xapian_runs,
          [&] { f.xapian_documents = build_plain_xapian(file, xapian_db, threads); });
  };
  const std::function<void()> sides[] = {engine, fts5, xapian};
  for (int round = 0; round < rounds; ++round)
    for (int i = 0; i < 3; ++i) sides[(round + i) % 3]();
  if (f.engine_briefings != f.fts5_rows || f.engine_briefings != f.xapian_documents)
    throw std::runtime_error("one-file build: the engine indexed " +
                             std::to_string(f.engine_briefings) + " briefings, FTS5 " +
                             std::to_string(f.fts5_rows) + " rows, plain Xapian " +
                             std::to_string(f.xapian_documents) + " documents");
  fs::remove_all(work / "one-engine");
  fs::remove(fts5_db);
  fs::remove_all(xapian_db);
  fs::remove(file);
  return f;
}

}  // namespace briefing::bench
