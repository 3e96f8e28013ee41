#include "plain_xapian_build.h"

#include <exception>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>
#include <nlohmann/json.hpp>

namespace briefing::bench {
namespace fs = std::filesystem;
namespace {

// The same commit interval as the engine's shards (indexer/parallel_build.cpp), so that the
// comparison is of the work per document, not of Xapian's flush setting.
constexpr Xapian::doccount kCommitEvery = 1000;

// Thread `k` of `n` indexes lines k, k + n, k + 2n...: the engine deals briefings out the same
// way. Each reads the whole file; skipping a line costs a getline, not a parse.
void build_part(const fs::path& file, const fs::path& part, unsigned k, unsigned n) {
  Xapian::WritableDatabase db(part.string(), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
  Xapian::TermGenerator terms;
  terms.set_stemmer(Xapian::Stem("english"));
  std::ifstream in(file, std::ios::binary);
  std::size_t line_number = 0;
  Xapian::doccount uncommitted = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line_number++ % n != k) continue;
    const auto j = nlohmann::json::parse(line);
    Xapian::Document doc;
    terms.set_document(doc);
    terms.index_text(j.value("title", ""));
    terms.increase_termpos();
    terms.index_text(j.value("body", ""));
    doc.add_boolean_term("Q" + j.value("id", ""));
    db.add_document(doc);
    if (++uncommitted == kCommitEvery) {
      db.commit();
      uncommitted = 0;
    }
  }
  db.commit();
}

}  // namespace

std::size_t build_plain_xapian(const fs::path& file, const fs::path& db, unsigned threads) {
  fs::remove_all(db);
  std::vector<fs::path> parts;
  for (unsigned k = 0; k < threads; ++k) {
    parts.push_back(db.string() + ".part" + std::to_string(k));
    fs::remove_all(parts.back());  // one an interrupted run left behind
  }
  std::vector<std::exception_ptr> errors(threads);
  std::vector<std::thread> workers;
  for (unsigned k = 0; k < threads; ++k)
    workers.emplace_back([&, k] {
      try {
        build_part(file, parts[k], k, threads);
      } catch (...) {
        errors[k] = std::current_exception();
      }
    });
  for (std::thread& t : workers) t.join();
  for (const std::exception_ptr& e : errors)
    if (e) std::rethrow_exception(e);
  Xapian::Database all;
  for (const fs::path& p : parts) all.add_database(Xapian::Database(p.string()));
  all.compact(db.string(), Xapian::DBCOMPACT_MULTIPASS);
  const std::size_t documents = all.get_doccount();
  all.close();
  for (const fs::path& p : parts) fs::remove_all(p);
  return documents;
}

}  // namespace briefing::bench
