// The near-duplicate threshold against pairs of real advisories labelled by reading them
// (tests/data/near_duplicate_pairs.tsv): the advisories are read from the shared data folder as
// the indexer reads them, and their signatures computed as the indexer computes them.
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "analyser.h"
#include "markdown_reader.h"
#include "near_duplicate.h"

namespace nd = briefing::near_duplicate;

namespace {

struct LabelledPair {
  std::string a, b;
  bool duplicate;
};

std::vector<LabelledPair> labelled_pairs() {
  std::ifstream in(BRIEFING_TESTS_DIR "/data/near_duplicate_pairs.tsv");
  REQUIRE(in);
  std::vector<LabelledPair> out;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    LabelledPair p;
    std::string label;
    std::getline(fields, p.a, '\t');
    std::getline(fields, p.b, '\t');
    std::getline(fields, label, '\t');
    REQUIRE((label == "duplicate" || label == "not_duplicate"));
    p.duplicate = label == "duplicate";
    out.push_back(p);
  }
  return out;
}

std::map<std::string, nd::Signature> advisory_signatures() {
  std::ifstream in(BRIEFING_SHARED_DIR "/data/wasoc-advisories.jsonl");
  REQUIRE(in);
  briefing::Analyser analyser;
  std::map<std::string, nd::Signature> out;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    nlohmann::json row = nlohmann::json::parse(line);
    const std::string id = row.at("id");
    out[id] =
        nd::signature_of(analyser, briefing::read_markdown(row.at("text").get<std::string>(), id));
  }
  return out;
}

}  // namespace

TEST_CASE("near-duplicate: precision and recall on labelled advisory pairs", "[near-duplicate]") {
  const std::vector<LabelledPair> pairs = labelled_pairs();
  const std::map<std::string, nd::Signature> signatures = advisory_signatures();
  REQUIRE(signatures.size() == 1129);
  REQUIRE(pairs.size() >= 40);
  int true_positives = 0, false_positives = 0, false_negatives = 0;
  for (const LabelledPair& p : pairs) {
    INFO(p.a << " | " << p.b);
    REQUIRE(signatures.count(p.a));
    REQUIRE(signatures.count(p.b));
    const bool said = nd::near_duplicates(signatures.at(p.a), signatures.at(p.b));
    true_positives += said && p.duplicate;
    false_positives += said && !p.duplicate;
    false_negatives += !said && p.duplicate;
  }
  const double precision = double(true_positives) / (true_positives + false_positives);
  const double recall = double(true_positives) / (true_positives + false_negatives);
  INFO("precision " << precision << " recall " << recall << " (tp " << true_positives << ", fp "
                    << false_positives << ", fn " << false_negatives << ")");
  // What README "Near-duplicates" reports, less a margin: a detector that regresses fails here.
  CHECK(precision >= 0.80);
  CHECK(recall >= 0.40);
}
