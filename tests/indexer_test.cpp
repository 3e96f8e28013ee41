// The indexer against real Xapian databases built from tests/data/small: what it writes (terms,
// values, data), what it skips, and what a second, changed or shrunk run does.
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include <xapian.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "analyser.h"
#include "errors.h"
#include "index_layout.h"
#include "index_run.h"
#include "index_store.h"
#include "scratch_dir.h"

namespace fs = std::filesystem;
using briefing::run_indexer;
using briefing::RunOptions;
using briefing::RunSummary;
using briefing::testing::ScratchDir;

namespace {

const fs::path kSmall = fs::path(BRIEFING_TESTS_DIR) / "data" / "small";

struct Indexed {
  ScratchDir dir{"indexer"};
  fs::path corpus = dir / "corpus";
  std::string db = (dir / "x.db").string();
  std::vector<briefing::SourceProblem> skipped;

  Indexed() { fs::copy(kSmall, corpus, fs::copy_options::recursive); }

  RunSummary run(bool full = false) {
    RunOptions options;
    options.db_path = db;
    options.sources = {corpus.string()};
    options.full = full;
    briefing::RunObserver observer;
    observer.skipped = [this](const briefing::SourceProblem& p) { skipped.push_back(p); };
    return run_indexer(options, observer);
  }
  Xapian::Database open() const { return Xapian::Database(db); }
};

Xapian::Document by_id(const Xapian::Database& db, const std::string& id) {
  auto it = db.postlist_begin("Q" + id);
  REQUIRE(it != db.postlist_end("Q" + id));
  return db.get_document(*it);
}

bool has_term(const Xapian::Document& doc, const std::string& term) {
  auto it = doc.termlist_begin();
  it.skip_to(term);
  return it != doc.termlist_end() && *it == term;
}

}  // namespace

TEST_CASE("indexer: a folder is indexed, bad files and records are skipped, not fatal",
          "[indexer]") {
  Indexed x;
  RunSummary s = x.run();
  CHECK(s.added == 6);
  CHECK(s.indexed() == 6);
  CHECK(s.skipped == 2);  // the untitled record in stream.jsonl and truncated.json
  CHECK(s.total == 6);
  CHECK(x.open().get_doccount() == 6);
  std::set<std::string> where;
  for (const auto& p : x.skipped) where.insert(fs::path(p.where).filename().string());
  CHECK(where == std::set<std::string>{"stream.jsonl:2", "truncated.json"});
  for (const auto& p : x.skipped) CHECK_FALSE(p.reason.empty());
}

TEST_CASE("indexer: a second run over the same sources changes nothing", "[indexer]") {
  Indexed x;
  x.run();
  auto revision = x.open().get_revision();
  RunSummary s = x.run();
  CHECK(s.added == 0);
  CHECK(s.changed == 0);
  CHECK(s.deleted == 0);
  CHECK(s.unchanged == 6);
  CHECK(s.total == 6);
  CHECK(x.open().get_doccount() == 6);
  CHECK(x.open().get_revision() == revision + 1);  // one commit, holding no document changes
}

TEST_CASE("indexer: changed, added and deleted sources are each counted once", "[indexer]") {
  Indexed x;
  x.run();
  {  // change one briefing, add one file, delete one file
    std::ofstream(x.corpus / "stream.jsonl", std::ios::app)
        << R"({"id": "2026-06-20-zeta", "title": "Another record", "published": "2026-06-20", "body": "New."})"
        << "\n";
    std::ifstream in(x.corpus / "alpha.json");
    nlohmann::json alpha = nlohmann::json::parse(in);
    alpha["title"] = "UNC1069 compromises a popular npm package (updated)";
    std::ofstream(x.corpus / "alpha.json") << alpha.dump(2);
    std::ofstream(x.corpus / "new.json")
        << R"({"id": "2026-08-01-new", "title": "New file", "published": "2026-08-01", "body": "Fresh."})";
    fs::remove(x.corpus / "untitled-id.json");
  }
  RunSummary s = x.run();
  CHECK(s.added == 2);    // zeta in stream.jsonl, new.json
  CHECK(s.changed == 1);  // alpha
  CHECK(s.deleted == 1);  // untitled-id
  CHECK(s.total == 7);
  auto db = x.open();
  CHECK(db.get_doccount() == 7);
  CHECK(db.get_termfreq("Quntitled-id") == 0);
  CHECK(has_term(by_id(db, "2026-04-01-alpha"), "Supdat"));
}

TEST_CASE("indexer: fields land in the terms, values and data of index_layout.h", "[indexer]") {
  Indexed x;
  x.run();
  auto db = x.open();
  CHECK(db.get_metadata(std::string(briefing::layout::kSchemaVersionKey)) ==
        briefing::layout::kSchemaVersion);
  Xapian::Document beta = by_id(db, "2026-05-05-beta");

  for (const char* term :
       {"XAUNC1069", "XAUAT-8616", "XVGoogle", "XVCisco", "XRKP", "XESeries", "XCTechnology",
        "XTUpdate", "D20260505", "M202605", "Y2026", "XL2026-04-01-alpha", "cve-2026-20182",
        "20182", "uat-8616", "unc1069", "Sthreat", "threat", "attribut"}) {
    INFO(term);
    if (std::string(term) == "XESeries")
      CHECK(has_term(beta, "XECybersecurity: Threats and Defences"));
    else
      CHECK(has_term(beta, term));
  }
  CHECK(beta.get_value(briefing::layout::kActorSet) == "UAT-8616\x1fUNC1069");
  CHECK(beta.get_value(briefing::layout::kMonthValue) == "2026-05");
  CHECK(Xapian::sortable_unserialise(beta.get_value(briefing::layout::kPublished)) == 1777939200.0);
  auto data = nlohmann::json::parse(beta.get_data());
  CHECK(data["published"] == "2026-05-05");  // the source gave the day alone
  CHECK(data["actors"] == nlohmann::json::array({"UNC1069", "UAT-8616"}));

  // Title words weigh more than body words, and have positions for phrase search.
  Xapian::Document alpha = by_id(db, "2026-04-01-alpha");
  auto t = alpha.termlist_begin();
  t.skip_to("unc1069");
  REQUIRE(*t == "unc1069");
  CHECK(t.get_wdf() >= briefing::layout::kTitleWeight + 1);
  CHECK(t.positionlist_count() >= 2);

  // Offsets and time zones: 08:00+09:00 on 20 May is 23:00 UTC on 19 May.
  CHECK(nlohmann::json::parse(by_id(db, "2026-05-20-gamma").get_data())["published"] ==
        "2026-05-19T23:00:00Z");
  CHECK(has_term(by_id(db, "2026-05-20-gamma"), "북한"));
  // A single-briefing file without an id takes the file name.
  CHECK(db.get_termfreq("Quntitled-id") == 1);
}

TEST_CASE("indexer: every term the analyser makes of a stored field is in the document",
          "[indexer]") {
  Indexed x;
  x.run();
  auto db = x.open();
  briefing::Analyser analyser;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    Xapian::Document doc = db.get_document(*it);
    auto data = nlohmann::json::parse(doc.get_data());
    for (const char* field : {"title", "summary", "body"}) {
      if (!data.contains(field)) continue;
      for (const auto& term : analyser.terms(data[field].get<std::string>())) {
        INFO(data["id"] << " " << field << " " << term);
        CHECK(db.get_termfreq(term) > 0);
        CHECK(has_term(doc, term));
      }
    }
  }
}

TEST_CASE("indexer: a full rebuild switches generations and keeps the same documents",
          "[indexer]") {
  Indexed x;
  x.run();
  briefing::IndexStore store(x.db);
  auto first = store.live();
  RunSummary s = x.run(/*full=*/true);
  CHECK(s.unchanged == 6);
  CHECK(s.added == 0);
  CHECK(s.total == 6);
  auto second = store.live();
  REQUIRE(first);
  REQUIRE(second);
  CHECK(*first != *second);
  CHECK(x.open().get_doccount() == 6);
  x.run(true);
  CHECK_FALSE(fs::exists(*first));  // generations older than the previous one are removed
  CHECK(fs::exists(*second));
}

TEST_CASE("indexer: a second writer is refused while the lock is held", "[indexer]") {
  Indexed x;
  x.run();
  briefing::IndexStore store(x.db);
  auto held = store.lock(0);
  CHECK_THROWS_AS(x.run(), briefing::IndexLocked);
}

TEST_CASE("indexer: a missing source fails the run and changes nothing", "[indexer]") {
  Indexed x;
  x.run();
  RunOptions options;
  options.db_path = x.db;
  options.sources = {x.corpus.string(), (x.dir / "nowhere").string()};
  CHECK_THROWS_AS(run_indexer(options), briefing::IndexError);
  CHECK(x.open().get_doccount() == 6);
}

TEST_CASE("indexer: two files claiming one id: the first in path order wins", "[indexer]") {
  Indexed x;
  std::ofstream(x.corpus / "zz-copy.json")
      << R"({"id": "2026-04-01-alpha", "title": "A copy", "published": "2026-04-01", "body": "Copy."})";
  RunSummary s = x.run();
  CHECK(s.skipped == 3);
  bool named = false;
  for (const auto& p : x.skipped)
    named = named || (p.where.find("zz-copy.json") != std::string::npos &&
                      p.reason.find("alpha.json") != std::string::npos);
  CHECK(named);
  CHECK(nlohmann::json::parse(by_id(x.open(), "2026-04-01-alpha").get_data())["title"] != "A copy");
}

TEST_CASE("indexer: an index of another schema version is refused until rebuilt with --full",
          "[indexer]") {
  Indexed x;
  x.run();
  {
    auto live = briefing::IndexStore(x.db).live();
    Xapian::WritableDatabase w(live->string());
    w.set_metadata(std::string(briefing::layout::kSchemaVersionKey), "0");
    w.commit();
  }
  try {
    x.run();
    FAIL("accepted an index of schema version 0");
  } catch (const briefing::IndexError& e) {
    CHECK_THAT(e.what(), Catch::Contains("schema version '0'"));
    CHECK_THAT(e.what(), Catch::Contains("--full"));
  }
  CHECK(x.run(/*full=*/true).total == 6);
  CHECK(x.open().get_metadata(std::string(briefing::layout::kSchemaVersionKey)) ==
        briefing::layout::kSchemaVersion);
}

TEST_CASE("indexer: a briefing's indexed-at time moves only when its content or file changes",
          "[indexer]") {
  Indexed x;
  x.run();
  const auto indexed_at = [&x](const std::string& id) {
    return by_id(x.open(), id).get_value(briefing::layout::kIndexedAt);
  };
  const std::string alpha = indexed_at("2026-04-01-alpha");
  REQUIRE_FALSE(alpha.empty());
  const double first = Xapian::sortable_unserialise(alpha);
  CHECK(std::abs(first - static_cast<double>(std::time(nullptr))) < 60);
  // Runs a second or more apart, so that a restamped value would differ (seconds resolution).
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  x.run();
  x.run(/*full=*/true);
  CHECK(indexed_at("2026-04-01-alpha") == alpha);  // unchanged, and through a new generation
  {
    std::ifstream in(x.corpus / "alpha.json");
    nlohmann::json changed = nlohmann::json::parse(in);
    changed["title"] = "UNC1069 compromises a popular npm package (updated)";
    std::ofstream(x.corpus / "alpha.json") << changed.dump(2);
  }
  x.run();
  CHECK(Xapian::sortable_unserialise(indexed_at("2026-04-01-alpha")) > first);
}
