// The near-duplicate library alone: shingles of analysed words, the MinHash estimate against
// exact Jaccard, band keys, and the signature's value encoding.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "analyser.h"
#include "index_layout.h"
#include "near_duplicate.h"

using namespace briefing;
namespace nd = briefing::near_duplicate;

namespace {

// "w0 w1 ... w(n-1)" from `first`: texts whose shingle overlap is known in advance.
std::string numbered_words(int first, int count) {
  std::string text;
  for (int i = first; i < first + count; ++i) text += "word" + std::to_string(i) + " ";
  return text;
}

}  // namespace

TEST_CASE("near-duplicate: shingles are of normalised words", "[near-duplicate]") {
  Analyser analyser;
  struct Row {
    const char* a;
    const char* b;
    bool same;
  };
  const std::vector<Row> rows = {
      {"Patch the VPN appliances now.", "patch THE vpn Appliances now", true},    // case
      {"Patch the VPN appliances now.", "Patch the VPN appliances, now!", true},  // punctuation
      {"Attackers exploited the flaw", "attacker exploits the flaws", true},      // stemmed
      {"Patch the VPN appliances now.", "Patch the VPN appliances later.", false},
      {"one two three four five six", "six five four three two one", false},  // order counts
  };
  for (const Row& r : rows) {
    INFO(r.a << " | " << r.b);
    CHECK((nd::shingles(analyser, r.a) == nd::shingles(analyser, r.b)) == r.same);
  }
  CHECK(nd::shingles(analyser, "").empty());
  CHECK(nd::shingles(analyser, "too short").size() == 1);  // fewer words than a shingle: one
  CHECK(nd::shingles(analyser, numbered_words(0, 20)).size() == 20 - nd::kShingleWords + 1);
}

TEST_CASE("near-duplicate: identical texts are 1, disjoint ones 0, exact and estimated",
          "[near-duplicate]") {
  Analyser analyser;
  const auto a = nd::shingles(analyser, numbered_words(0, 200));
  const auto b = nd::shingles(analyser, numbered_words(1000, 200));
  CHECK(nd::jaccard(a, a) == 1.0);
  CHECK(nd::jaccard(a, b) == 0.0);
  CHECK(nd::jaccard({}, {}) == 0.0);
  CHECK(nd::estimated_similarity(nd::minhash(a), nd::minhash(a)) == 1.0);
  CHECK(nd::estimated_similarity(nd::minhash(a), nd::minhash(b)) < 0.05);
  CHECK(nd::estimated_similarity({}, {}) == 0.0);  // no text is like nothing
  CHECK(nd::minhash({}).empty());
  CHECK(nd::minhash(a).size() == nd::kSignatureSize);
}

TEST_CASE("near-duplicate: the estimate is close to the exact Jaccard similarity",
          "[near-duplicate]") {
  Analyser analyser;
  // Two runs of 400 numbered words, the second shifted: the overlap sets the exact similarity.
  for (int shift : {0, 40, 100, 160, 240, 320, 400}) {
    const auto a = nd::shingles(analyser, numbered_words(0, 400));
    const auto b = nd::shingles(analyser, numbered_words(shift, 400));
    const double exact = nd::jaccard(a, b);
    const double estimate = nd::estimated_similarity(nd::minhash(a), nd::minhash(b));
    INFO("shift " << shift << " exact " << exact << " estimate " << estimate);
    // 128 rows: the estimate's standard deviation is at most 0.044; four of them is far enough
    // that a fixed-seed signature fails only if the hashing is broken.
    CHECK(std::abs(estimate - exact) <= 0.15);
  }
}

TEST_CASE("near-duplicate: band keys are shared exactly where a band's rows agree",
          "[near-duplicate]") {
  Analyser analyser;
  const nd::Signature a = nd::minhash(nd::shingles(analyser, numbered_words(0, 300)));
  nd::Signature b = a;
  b[0] ^= 1;  // the first row of the first band differs
  const auto keys_a = nd::band_keys(a), keys_b = nd::band_keys(b);
  REQUIRE(keys_a.size() == nd::kBands);
  CHECK(keys_a[0] != keys_b[0]);
  for (std::size_t i = 1; i < nd::kBands; ++i) CHECK(keys_a[i] == keys_b[i]);
  CHECK(keys_a[0].substr(0, 2) == "00");
  // The band's number leads the key: equal rows in other bands give other keys.
  char last[3];
  std::snprintf(last, sizeof last, "%02zu", nd::kBands - 1);
  CHECK(keys_a[nd::kBands - 1].substr(0, 2) == last);
  CHECK(nd::band_keys({}).empty());
}

TEST_CASE("near-duplicate: the rule needs a shared band as well as the similarity",
          "[near-duplicate]") {
  Analyser analyser;
  const nd::Signature a = nd::minhash(nd::shingles(analyser, numbered_words(0, 300)));
  struct Row {
    const char* what;
    std::size_t bands_broken;  // the first rows of this many bands differ
    bool near;
  };
  const Row rows[] = {
      {"every band broken, 112 of 128 rows alike", nd::kBands, false},
      {"one band intact, 113 of 128 rows alike", nd::kBands - 1, true},
      {"nothing changed", 0, true},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    nd::Signature b = a;
    for (std::size_t band = 0; band < row.bands_broken; ++band) b[band * nd::kRows] ^= 1;
    REQUIRE(nd::estimated_similarity(a, b) >= nd::kThreshold);
    CHECK(nd::near_duplicates(a, b) == row.near);
  }
}

// The band terms are written into the index: other bands, other rows in them or another key are
// another schema. The keys of a fixed signature are pinned, as the shingle words are.
TEST_CASE("near-duplicate: the bands change only with the schema version", "[near-duplicate]") {
  nd::Signature fixed(nd::kSignatureSize);
  for (std::size_t row = 0; row < fixed.size(); ++row)
    fixed[row] = static_cast<std::uint32_t>(row * 2654435761u);
  std::uint64_t digest = 14695981039346656037ull;  // FNV-1a over the keys, each ended by a newline
  for (const std::string& key : nd::band_keys(fixed))
    for (char c : key + "\n") digest = (digest ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  INFO("the keys' digest is " << digest);
  CHECK(nd::kBands == 16);
  CHECK(nd::kRows == 3);
  CHECK(briefing::layout::kSchemaVersion == "7");
  CHECK(digest == 4450777890674250506ull);
}

TEST_CASE("near-duplicate: a signature reads back from its value", "[near-duplicate]") {
  Analyser analyser;
  const nd::Signature s = nd::minhash(nd::shingles(analyser, numbered_words(0, 50)));
  const std::string value = nd::encode_signature(s);
  CHECK(value.size() == 4 * nd::kSignatureSize);
  CHECK(nd::decode_signature(value) == s);
  CHECK(nd::decode_signature("") == nd::Signature{});
  CHECK(nd::decode_signature(std::string(4, '\0')) == nd::Signature{0});
  CHECK(nd::decode_signature(std::string("\x01\x02\x03\x04", 4)) == nd::Signature{0x04030201});
  CHECK_FALSE(nd::decode_signature("abc"));
}
