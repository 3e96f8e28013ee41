// The relevance benchmark's measures (bench/relevance_judged.cpp): nDCG@10, P@5 and reciprocal
// rank against hand-computed rows, and the judged set's checks on bad files.
#include <cmath>
#include <fstream>
#include <stdexcept>

#include <catch2/catch.hpp>

#include "relevance_judged.h"
#include "scratch_dir.h"

using briefing::testing::ScratchDir;

namespace {

relevance::JudgedSet judged_abc() {
  relevance::JudgedSet set;
  set.queries = {{"q1", "some text", "vague-topic"}};
  set.grades["q1"] = {{"a", 2}, {"b", 1}, {"c", 0}};
  return set;
}

const double kIdeal = 2 + 1 / std::log2(3.0);  // a then b

}  // namespace

TEST_CASE("relevance: nDCG@10, P@5 and reciprocal rank of ranked lists", "[relevance]") {
  struct Row {
    std::vector<std::string> ranked;
    double ndcg10, p5, rr;
    std::size_t unjudged;
  };
  const std::vector<std::string> eleven = {"x1", "x2", "x3", "x4",  "x5", "x6",
                                           "x7", "x8", "x9", "x10", "a"};
  const Row rows[] = {
      {{"a", "b"}, 1.0, 0.4, 1.0, 0},
      {{"b", "a"}, (1 + 2 / std::log2(3.0)) / kIdeal, 0.4, 1.0, 0},
      {{"c", "x", "a"}, (2 / std::log2(4.0)) / kIdeal, 0.2, 1.0 / 3, 1},
      {{"c", "c2"}, 0.0, 0.0, 0.0, 1},
      {{"x1", "x2", "x3", "x4", "x5", "a"}, (2 / std::log2(7.0)) / kIdeal, 0.0, 1.0 / 6, 5},
      {{}, 0.0, 0.0, 0.0, 0},
      {eleven, 0.0, 0.0, 0.0, 10},  // the 11th is beyond the cut-off
  };
  const relevance::JudgedSet set = judged_abc();
  for (const Row& row : rows) {
    INFO("ranked list of " << row.ranked.size());
    relevance::QueryScore s = relevance::score(set, set.queries[0], row.ranked);
    CHECK(s.ndcg10 == Approx(row.ndcg10));
    CHECK(s.p5 == Approx(row.p5));
    CHECK(s.rr == Approx(row.rr));
    CHECK(s.unjudged == row.unjudged);
    CHECK(s.returned == row.ranked.size());
  }
}

TEST_CASE("relevance: a judged set with a wrong row is refused, naming the line", "[relevance]") {
  struct Row {
    const char* judgments;
    const char* message;  // part of the error; "" = accepted
  };
  const Row rows[] = {
      {"query\tdoc\tgrade\twhy\nq1\ta\t2\tabout it\n", ""},
      {"# a comment\nq1\ta\t1\tpartly\n\nq1\tb\t0\tno\n", ""},
      {"q9\ta\t2\twhy\n", "unknown query q9"},
      {"q1\tzzz\t2\twhy\n", "unknown advisory zzz"},
      {"q1\ta\t3\twhy\n", "grade is not 0, 1 or 2"},
      {"q1\ta\t2\twhy\nq1\ta\t1\tagain\n", "judged.tsv:2: judged twice"},
      {"q1\ta\n", "fewer than 3"},
  };
  ScratchDir dir("relevance");
  std::ofstream(dir / "queries.json") << R"([{"id": "q1", "text": "t", "class": "cve-id"}])";
  for (const Row& row : rows) {
    INFO(row.judgments);
    std::ofstream((dir / "judged.tsv").string(), std::ios::trunc) << row.judgments;
    auto read = [&] {
      return relevance::read_judged_set((dir / "queries.json").string(),
                                        (dir / "judged.tsv").string(), {"a", "b"});
    };
    if (*row.message == '\0') {
      CHECK_NOTHROW(read());
    } else {
      CHECK_THROWS_WITH(read(), Catch::Contains(row.message));
    }
  }
}

TEST_CASE("relevance: queries with a repeated id or an unknown class are refused", "[relevance]") {
  const std::pair<const char*, const char*> rows[] = {
      {R"([{"id": "q1", "text": "t", "class": "cve-id"}, {"id": "q1", "text": "u", "class": "cve-id"}])",
       "query id repeats: q1"},
      {R"([{"id": "q1", "text": "t", "class": "gossip"}])", "unknown class gossip"},
  };
  ScratchDir dir("relevance-queries");
  std::ofstream(dir / "judged.tsv") << "";
  for (const auto& [queries, message] : rows) {
    INFO(queries);
    std::ofstream((dir / "queries.json").string(), std::ios::trunc) << queries;
    CHECK_THROWS_WITH(relevance::read_judged_set((dir / "queries.json").string(),
                                                 (dir / "judged.tsv").string(), {"a"}),
                      Catch::Contains(message));
  }
}
