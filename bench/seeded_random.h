// Seeded draws that give the same numbers with every standard library: only std::mt19937_64's raw
// output is specified by the standard, so the distributions are written here, not borrowed.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace briefing::bench {

class SeededRandom {
 public:
  explicit SeededRandom(std::uint64_t seed) : engine_(seed) {}

  // Uniform in [0, n); n > 0. Rejects the few lowest values that would bias the modulo.
  std::size_t index(std::size_t n) {
    const std::uint64_t range = n, threshold = (0 - range) % range;  // 2^64 mod n
    for (;;) {
      std::uint64_t x = engine_();
      if (x >= threshold) return static_cast<std::size_t>(x % range);
    }
  }
  // Uniform in [lo, hi].
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(index(static_cast<std::size_t>(hi - lo + 1)));
  }
  // Uniform in [0, 1) with 53 random bits.
  double unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }

 private:
  std::mt19937_64 engine_;
};

// Draws indexes with fixed weights (cumulative sums and a binary search).
class WeightedPick {
 public:
  WeightedPick() = default;
  explicit WeightedPick(const std::vector<double>& weights) {
    cumulative_.reserve(weights.size());
    double total = 0;
    for (double w : weights) cumulative_.push_back(total += w);
  }
  std::size_t operator()(SeededRandom& random) const {
    double target = random.unit() * cumulative_.back();
    auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), target);
    return std::min<std::size_t>(it - cumulative_.begin(), cumulative_.size() - 1);
  }
  std::size_t size() const { return cumulative_.size(); }

 private:
  std::vector<double> cumulative_;
};

// Zipf weights 1/(rank+1): a few values common, a long tail rare. (Division, not std::pow, so
// the weights are exact IEEE results on every platform.)
inline std::vector<double> zipf_weights(std::size_t n) {
  std::vector<double> weights(n);
  for (std::size_t i = 0; i < n; ++i) weights[i] = 1.0 / static_cast<double>(i + 1);
  return weights;
}

}  // namespace briefing::bench
