// Near-duplicate briefings: word shingles of a body, their MinHash signature, the LSH band keys
// that find candidate pairs without comparing every pair, and the similarity two signatures
// estimate. The parameters were chosen on the real advisories (README "Near-duplicates";
// bench/near_duplicate_study.cpp measures them against tests/data/near_duplicate_pairs.tsv).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyser.h"
#include "briefing.h"

namespace briefing::near_duplicate {

// Consecutive words per shingle: long enough that shared boilerplate sentences of one template
// weigh less than shared findings, short enough that an edited sentence still leaves most of its
// shingles intact.
inline constexpr std::size_t kShingleWords = 5;
// MinHash rows; the first kBands * kRows of them, in kBands bands of kRows, make the band terms.
// A pair of similarity s shares at least one band with probability 1 - (1 - s^kRows)^kBands:
// 0.99999 at the threshold (less than the estimate's own error there: 0.035 for 128 rows), 0.88
// at s = 0.5 (the advisories' shared templates). 32 bands of 4 rows missed fewer pairs at the
// threshold (5e-8) but every band term is a term of its own in the index, nearly all of them held
// by one briefing: half as many made a 20,000-briefing build a tenth faster (README
// "Near-duplicates").
inline constexpr std::size_t kSignatureSize = 128;
inline constexpr std::size_t kBands = 16;
inline constexpr std::size_t kRows = 3;
static_assert(kBands * kRows <= kSignatureSize);
// Estimated Jaccard similarity at and above which two briefings are near-duplicates. Below it
// the advisories hold mostly pairs written from one template about different vulnerabilities
// or releases (README "Near-duplicates").
inline constexpr double kThreshold = 0.8;

using Signature = std::vector<std::uint32_t>;

// Hashes of the distinct `words`-word shingles of `text`, sorted. The words are the analyser's
// terms (normalised, folded, stemmed; the parts of a compound are left out, the compound kept),
// so case, punctuation and markup do not make two texts differ. Fewer words than `words` give
// one shingle of them all; no words give none.
std::vector<std::uint64_t> shingles(Analyser& analyser, std::string_view text,
                                    std::size_t words = kShingleWords);
// The same from tokens the analyser has already given (the indexer analyses the body once).
std::vector<std::uint64_t> shingles(const std::vector<Token>& tokens,
                                    std::size_t words = kShingleWords);

// Exact Jaccard similarity of two sorted, distinct shingle sets; 0 when both are empty.
double jaccard(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);

// The MinHash signature: per row, the least of the shingles' hashes under that row's fixed seed.
// Empty for no shingles.
Signature minhash(const std::vector<std::uint64_t>& shingles, std::size_t size = kSignatureSize);

// The share of rows where two signatures agree: an estimate of the Jaccard similarity of their
// shingle sets. 0 when either is empty or their sizes differ.
double estimated_similarity(const Signature& a, const Signature& b);

// The rule the index groups by: the signatures share a band (what finds the candidates) and
// their estimated similarity reaches kThreshold.
bool near_duplicates(const Signature& a, const Signature& b);

// One key per band: the band's number and a hash of its rows ("07" + 16 hex digits). Two
// signatures sharing a key agree on every row of that band. None for a signature shorter than
// kBands * kRows (an empty one: a briefing without text).
std::vector<std::string> band_keys(const Signature& signature);

// What is compared of a briefing: its body, or its summary when it has no body (a briefing given
// as JSON may carry its text there alone).
const std::string& compared_text(const Briefing& b);
// minhash(shingles(compared_text(b))): the signature the indexer stores.
Signature signature_of(Analyser& analyser, const Briefing& b);

// The signature as a value (four bytes a row, little-endian) and back; nullopt for a value that
// is not one.
std::string encode_signature(const Signature& signature);
std::optional<Signature> decode_signature(std::string_view value);

}  // namespace briefing::near_duplicate
