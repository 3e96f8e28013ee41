// The search's budgets and its start-up refusals: bounded wildcard expansion, a deadline that
// ends every pass, and an index searchd cannot read (corrupt, or a stub that would run a
// program) as an error naming it, never an abort. Real Xapian databases and the real searchd.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <xapian.h>
#include <catch2/catch.hpp>

#include "errors.h"
#include "index_run.h"
#include "scratch_dir.h"
#include "search_admission.h"
#include "searcher.h"
#include "subprocess.h"
#include "wildcard_expander.h"

using briefing::testing::ScratchDir;
namespace fs = std::filesystem;

namespace {

// A database whose terms "explo<N>" occur in N documents each, N = 1..9, plus "other".
std::string frequencies_db(const ScratchDir& dir) {
  const std::string path = (dir / "terms").string();
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
  for (int doc = 1; doc <= 9; ++doc) {
    Xapian::Document d;
    for (int n = doc; n <= 9; ++n) d.add_term("explo" + std::to_string(n));
    d.add_term("other");
    db.add_document(d);
  }
  db.commit();
  return path;
}

std::string small_index(const ScratchDir& dir) {
  briefing::RunOptions options;
  options.db_path = (dir / "x.db").string();
  options.sources = {std::string(BRIEFING_TESTS_DIR) + "/data/small"};
  briefing::run_indexer(options);
  return options.db_path;
}

}  // namespace

TEST_CASE("wildcards: the most frequent terms within the budget", "[budget]") {
  ScratchDir dir("wildcards");
  Xapian::Database db(frequencies_db(dir));
  struct Row {
    const char* prefix;
    briefing::WildcardBudget budget;
    std::vector<std::string> terms;  // most frequent first
    bool truncated;
  };
  const Row rows[] = {
      {"explo", {100, 3}, {"explo9", "explo8", "explo7"}, true},
      {"explo",
       {100, 20},
       {"explo9", "explo8", "explo7", "explo6", "explo5", "explo4", "explo3", "explo2", "explo1"},
       false},
      // the term list is read in order: a scan cut at 2 terms sees explo1 and explo2 only
      {"explo", {2, 20}, {"explo2", "explo1"}, true},
      {"explo9", {100, 20}, {"explo9"}, false},
      {"zzz", {100, 20}, {}, false},
  };
  for (const auto& row : rows) {
    INFO(row.prefix << " scanned " << row.budget.max_scanned << " kept " << row.budget.max_terms);
    briefing::Expansion e = briefing::expand_wildcard(db, row.prefix, row.budget);
    CHECK(e.terms == row.terms);
    CHECK(e.truncated == row.truncated);
  }
}

TEST_CASE("wildcards: an expansion is remembered for its revision only", "[budget]") {
  ScratchDir dir("wildcard-cache");
  Xapian::Database db(frequencies_db(dir));
  briefing::WildcardCache cache(2);
  auto first = cache.expand(db, "explo", {1, 1}, {});
  CHECK(cache.expand(db, "explo", {1, 1}, {}) == first);  // the same object: not read again
  CHECK(cache.expand(db, "explo", {1, 2}, {}) != first);  // a new revision reads again
  // Least recently used out: with room for two, a third prefix pushes out the oldest.
  auto a = cache.expand(db, "explo1", {1, 2}, {});
  cache.expand(db, "explo2", {1, 2}, {});
  cache.expand(db, "explo3", {1, 2}, {});
  CHECK(cache.expand(db, "explo1", {1, 2}, {}) != a);
}

TEST_CASE("deadline: a search out of time still answers with hits, unranked, and says so",
          "[budget]") {
  ScratchDir dir("deadline");
  const std::string db = small_index(dir);
  briefing::Searcher with_table(db), without_table(db, {.facet_table = false});
  for (auto [q, searcher] : {std::pair{"a*", &with_table},
                             {"attack", &with_table},
                             {"attack a*", &with_table},
                             {"a* OR b*", &with_table},
                             {"a*", &without_table},
                             {"attack a*", &without_table}}) {
    INFO(q << (searcher == &with_table ? " (facet table)" : " (index only)"));
    briefing::SearchRequest request;
    request.q = q;
    request.time_limit_seconds = 1e-9;
    briefing::SearchResult out = searcher->search(request);
    CHECK(out.timed_out);
    CHECK_FALSE(out.hits.empty());
    request.time_limit_seconds = 0;  // no limit: the same search is complete
    briefing::SearchResult full = searcher->search(request);
    CHECK_FALSE(full.timed_out);
    CHECK(full.total_exact);
    CHECK(full.total >= out.hits.size());
  }
}

TEST_CASE("searchd: an index it cannot read is an error naming it, not an abort", "[budget]") {
  ScratchDir dir("unreadable");
  const std::string db = small_index(dir);
  // The live generation's posting table cut in half.
  fs::path postlist;
  for (const auto& e : fs::recursive_directory_iterator(db + ".d"))
    if (e.path().filename() == "postlist.glass") postlist = e.path();
  REQUIRE_FALSE(postlist.empty());
  fs::resize_file(postlist, fs::file_size(postlist) / 2);
  CHECK_THROWS_AS(briefing::Searcher(db), briefing::IndexError);
  auto run = briefing::testing::run({BRIEFING_SEARCHD, "--db", db, "--listen", "127.0.0.1:0"});
  CHECK(run.exit_code == 1);
  CHECK_THAT(run.err, Catch::Contains(db));
}

TEST_CASE("searchd: a stub line that would run a program is refused, and it never runs",
          "[budget]") {
  ScratchDir dir("prog-stub");
  const fs::path ran = dir / "ran";
  const std::string stub = (dir / "evil.db").string();
  std::ofstream(stub) << "remote :/bin/touch " << ran.string() << "\n";
  CHECK_THROWS_AS(briefing::Searcher(stub), briefing::IndexError);
  auto run = briefing::testing::run({BRIEFING_SEARCHD, "--db", stub, "--listen", "127.0.0.1:0"});
  CHECK(run.exit_code == 1);
  CHECK_THAT(run.err, Catch::Contains("would run a program"));
  CHECK_FALSE(fs::exists(ran));
}

TEST_CASE("admission: searches past the slots wait their budget, then are refused", "[budget]") {
  briefing::SearchAdmission admission(1);
  {
    briefing::SearchAdmission::Ticket held = admission.enter(0);
    CHECK_THROWS_AS(admission.enter(0.05), briefing::SearchBusy);
    // A waiter gets the slot as soon as it is given back within its wait.
    std::thread release([ticket = std::move(held)]() mutable {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      auto gone = std::move(ticket);
    });
    CHECK_NOTHROW(admission.enter(5));
    release.join();
  }
  CHECK_NOTHROW(admission.enter(0));  // every ticket given back
}
