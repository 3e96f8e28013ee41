// Near-duplicate groups in real indexes: briefings whose bodies are nearly the same share a
// group (in a full run over several shards and in incremental runs), others do not, and a
// rewrite or a deletion moves briefings out of a group again.
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <xapian.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "index_layout.h"
#include "index_run.h"
#include "scratch_dir.h"

namespace fs = std::filesystem;
namespace layout = briefing::layout;
using briefing::testing::ScratchDir;

namespace {

// `count` words numbered from `first`, with the word at `changed` (if any) replaced.
std::string body(int first, int count, int changed = -1) {
  std::string text;
  for (int i = first; i < first + count; ++i)
    text += (i == changed ? std::string("altered") : "term" + std::to_string(i)) + " ";
  return text;
}

struct Corpus {
  ScratchDir dir{"near-duplicate"};
  fs::path sources = dir / "sources";
  std::string db = (dir / "x.db").string();

  Corpus() { fs::create_directories(sources); }

  void write(const std::string& id, const std::string& text,
             const std::string& title = "Briefing") const {
    nlohmann::json b = {{"id", id},
                        {"title", title + " " + id},
                        {"published", "2026-04-01T09:30:00Z"},
                        {"body", text}};
    std::ofstream(sources / (id + ".json")) << b.dump();
  }
  void remove(const std::string& id) const { fs::remove(sources / (id + ".json")); }

  briefing::RunSummary run(bool full = false, unsigned jobs = 2) const {
    briefing::RunOptions options;
    options.db_path = db;
    options.sources = {sources.string()};
    options.full = full;
    options.jobs = jobs;
    return briefing::run_indexer(options);
  }

  std::string group_of(const std::string& id) const {
    Xapian::Database x(db);
    auto it = x.postlist_begin("Q" + id);
    REQUIRE(it != x.postlist_end("Q" + id));
    return x.get_document(*it).get_value(layout::kDuplicateGroupValue);
  }
  // The ids whose group term is the group's: what a search for a group's members finds.
  std::set<std::string> members(const std::string& key) const {
    Xapian::Database x(db);
    const std::string term = std::string(layout::kDuplicateGroup) + key;
    std::set<std::string> ids;
    for (auto it = x.postlist_begin(term); it != x.postlist_end(term); ++it)
      ids.insert(x.get_document(*it).get_value(layout::kIdValue));
    return ids;
  }
};

}  // namespace

TEST_CASE("near-duplicate groups: a full run over shards groups near-identical briefings",
          "[near-duplicate]") {
  Corpus c;
  c.write("a", body(0, 150));
  c.write("b", body(1000, 150));   // unrelated
  c.write("c", body(0, 150, 75));  // "a" with one word changed
  c.write("d", body(0, 150, 20));  // and another
  c.write("e", body(2000, 150));   // unrelated
  // Two jobs deal a, c, e to one shard and b, d to the other: the group spans both.
  REQUIRE(c.run(/*full=*/true, /*jobs=*/2).added == 5);
  CHECK(c.group_of("a") == "a");
  CHECK(c.group_of("c") == "a");
  CHECK(c.group_of("d") == "a");
  CHECK(c.group_of("b") == "b");
  CHECK(c.group_of("e") == "e");
  CHECK(c.members("a") == std::set<std::string>{"a", "c", "d"});
  CHECK(c.members("b") == std::set<std::string>{"b"});
}

TEST_CASE("near-duplicate groups: incremental runs join, split and regroup", "[near-duplicate]") {
  Corpus c;
  c.write("m", body(0, 150));
  c.write("x", body(1000, 150));
  c.run();
  CHECK(c.group_of("m") == "m");

  SECTION("a new near-duplicate joins the indexed briefing's group") {
    c.write("p", body(0, 150, 60));
    REQUIRE(c.run().added == 1);
    CHECK(c.group_of("p") == "m");
    CHECK(c.members("m") == std::set<std::string>{"m", "p"});
    CHECK(c.group_of("x") == "x");

    SECTION("one with a smaller id gives the group its key; a full run agrees") {
      c.write("k", body(0, 150, 90));
      c.run();
      CHECK(c.members("k") == std::set<std::string>{"k", "m", "p"});
      CHECK(c.members("m").empty());
      c.run(/*full=*/true);
      CHECK(c.members("k") == std::set<std::string>{"k", "m", "p"});
    }
    SECTION("a rewrite outside the body keeps its group; a full run agrees") {
      c.write("p", body(0, 150, 60), "Corrected briefing");
      REQUIRE(c.run().changed == 1);
      CHECK(c.group_of("p") == "m");
      CHECK(c.members("m") == std::set<std::string>{"m", "p"});
      c.run(/*full=*/true);
      CHECK(c.members("m") == std::set<std::string>{"m", "p"});
    }
    SECTION("a rewrite that makes it differ moves it out") {
      c.write("p", body(3000, 150));
      REQUIRE(c.run().changed == 1);
      CHECK(c.group_of("p") == "p");
      CHECK(c.members("m") == std::set<std::string>{"m"});
    }
    SECTION("the group's first member deleted, the other keeps a group of its own") {
      c.remove("m");
      REQUIRE(c.run().deleted == 1);
      CHECK(c.group_of("p") == "p");
      CHECK(c.members("m").empty());
    }
    SECTION("a rewrite of the key holder moves it out, and the rest regroup without it") {
      c.write("q", body(0, 150, 30));
      c.run();
      REQUIRE(c.members("m") == std::set<std::string>{"m", "p", "q"});
      c.write("m", body(4000, 150));
      c.run();
      CHECK(c.group_of("m") == "m");
      CHECK(c.members("p") == std::set<std::string>{"p", "q"});
    }
  }
  SECTION("a briefing too short for a shingle of five words still has a group") {
    c.write("s", "Short body.");
    c.run();
    CHECK(c.group_of("s") == "s");
  }
}
