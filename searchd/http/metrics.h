// Request counters and a latency histogram, rendered in the Prometheus text format.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace briefing::http {

class Metrics {
 public:
  void record(const std::string& route, int status, double seconds);
  // Prometheus exposition text; `extra` lines (gauges of the caller's) are appended as given.
  std::string render(const std::string& extra) const;
  // Lines appended to every rendering, from a part of searchd with counters of its own (the
  // watches); added before serving starts.
  void add_source(std::function<std::string()> source);

 private:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  std::vector<std::function<std::string()>> sources_;
};

}  // namespace briefing::http
