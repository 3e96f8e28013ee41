// Shingles, MinHash signatures and LSH band keys (near_duplicate.h).
#include "near_duplicate.h"

#include <algorithm>
#include <cstdio>
#include <limits>

namespace briefing::near_duplicate {
namespace {

constexpr std::uint64_t kFnvOffset = 1469598103934665603ULL;
constexpr std::uint64_t kFnvPrime = 1099511628211ULL;
// Fixed, so that a signature stored by one run compares with one computed by the next.
constexpr std::uint64_t kSeedBase = 0x6e6561722d647570ULL;  // "near-dup"

// FNV-1a: stable across builds and platforms, unlike std::hash.
std::uint64_t fnv1a(std::uint64_t hash, std::string_view bytes) {
  for (unsigned char c : bytes) hash = (hash ^ c) * kFnvPrime;
  return hash;
}

// SplitMix64's finaliser: every input bit reaches every output bit.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::vector<const std::string*> shingle_words(const std::vector<Token>& tokens) {
  std::vector<const std::string*> words;
  words.reserve(tokens.size());
  for (const Token& t : tokens)
    if (t.role != TokenRole::kPart) words.push_back(&t.term);
  return words;
}

}  // namespace

std::vector<std::uint64_t> shingles(Analyser& analyser, std::string_view text, std::size_t words) {
  std::vector<Token> tokens;
  analyser.analyse(text, tokens);
  return shingles(tokens, words);
}

std::vector<std::uint64_t> shingles(const std::vector<Token>& tokens, std::size_t words) {
  const std::vector<const std::string*> terms = shingle_words(tokens);
  std::vector<std::uint64_t> out;
  if (terms.empty() || words == 0) return out;
  const std::size_t width = std::min(words, terms.size());
  for (std::size_t first = 0; first + width <= terms.size(); ++first) {
    std::uint64_t hash = kFnvOffset;
    for (std::size_t i = first; i < first + width; ++i)
      hash = fnv1a(fnv1a(hash, *terms[i]), "\x1f");  // a separator: "ab c" is not "a bc"
    out.push_back(hash);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double jaccard(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  std::size_t shared = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++shared, ++i, ++j;
    }
  }
  const std::size_t either = a.size() + b.size() - shared;
  return either == 0 ? 0.0 : static_cast<double>(shared) / static_cast<double>(either);
}

Signature minhash(const std::vector<std::uint64_t>& shingles, std::size_t size) {
  if (shingles.empty()) return {};
  Signature signature(size, std::numeric_limits<std::uint32_t>::max());
  for (std::size_t row = 0; row < size; ++row) {
    const std::uint64_t seed = mix(kSeedBase + row);
    std::uint32_t least = std::numeric_limits<std::uint32_t>::max();
    for (std::uint64_t s : shingles)
      least = std::min(least, static_cast<std::uint32_t>(mix(s ^ seed) >> 32));
    signature[row] = least;
  }
  return signature;
}

double estimated_similarity(const Signature& a, const Signature& b) {
  if (a.empty() || a.size() != b.size()) return 0.0;
  std::size_t agree = 0;
  for (std::size_t i = 0; i < a.size(); ++i) agree += a[i] == b[i] ? 1 : 0;
  return static_cast<double>(agree) / static_cast<double>(a.size());
}

bool near_duplicates(const Signature& a, const Signature& b) {
  if (a.size() != kSignatureSize || b.size() != kSignatureSize) return false;
  // Most pairs a settling walk compares are far apart: counting stops once the rows left could
  // not lift the pair to the threshold. After the last rows this is estimated_similarity's test.
  constexpr std::size_t kStep = 16;
  std::size_t agree = 0;
  for (std::size_t at = 0; at < kSignatureSize; at += kStep) {
    for (std::size_t i = at; i < at + kStep; ++i) agree += a[i] == b[i] ? 1 : 0;
    const std::size_t best = agree + (kSignatureSize - at - kStep);
    if (static_cast<double>(best) / static_cast<double>(kSignatureSize) < kThreshold) return false;
  }
  for (std::size_t band = 0; band < kBands; ++band)
    if (std::equal(a.begin() + band * kRows, a.begin() + (band + 1) * kRows,
                   b.begin() + band * kRows))
      return true;
  return false;
}

std::vector<std::string> band_keys(const Signature& signature) {
  std::vector<std::string> keys;
  if (signature.size() < kBands * kRows) return keys;
  for (std::size_t band = 0; band < kBands; ++band) {
    std::uint64_t hash = kFnvOffset;
    for (std::size_t row = band * kRows; row < (band + 1) * kRows; ++row)
      hash = mix(hash ^ signature[row]);
    char key[2 + 16 + 1];
    std::snprintf(key, sizeof key, "%02zu%016llx", band % 100,
                  static_cast<unsigned long long>(hash));
    keys.emplace_back(key);
  }
  return keys;
}

const std::string& compared_text(const Briefing& b) {
  return b.body.empty() ? b.summary : b.body;
}

Signature signature_of(Analyser& analyser, const Briefing& b) {
  return minhash(shingles(analyser, compared_text(b)));
}

std::string encode_signature(const Signature& signature) {
  std::string value;
  value.reserve(signature.size() * 4);
  for (std::uint32_t row : signature)
    for (int shift = 0; shift < 32; shift += 8)
      value.push_back(static_cast<char>((row >> shift) & 0xFF));
  return value;
}

std::optional<Signature> decode_signature(std::string_view value) {
  if (value.size() % 4 != 0) return std::nullopt;
  Signature signature(value.size() / 4);
  for (std::size_t i = 0; i < signature.size(); ++i) {
    std::uint32_t row = 0;
    for (int byte = 3; byte >= 0; --byte)
      row = (row << 8) | static_cast<unsigned char>(value[i * 4 + static_cast<std::size_t>(byte)]);
    signature[i] = row;
  }
  return signature;
}

}  // namespace briefing::near_duplicate
