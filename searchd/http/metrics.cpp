// Metrics: one mutex is enough at these rates (a few microseconds per request).
#include "metrics.h"

#include <cstdio>

namespace briefing::http {

void Metrics::record(const std::string& route, int status, double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++requests_[{route, status}];
  Histogram& h = latency_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  ++h.count;
  h.sum += seconds;
}

void Metrics::add_source(std::function<std::string()> source) {
  std::lock_guard<std::mutex> lock(mutex_);
  sources_.push_back(std::move(source));
}

std::string Metrics::render(const std::string& extra) const {
  std::vector<std::function<std::string()>> sources;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    sources = sources_;
  }
  std::string from_sources;
  for (const auto& source : sources) from_sources += source();
  std::lock_guard<std::mutex> lock(mutex_);
  std::string out;
  char line[256];
  out += "# HELP searchd_requests_total HTTP requests answered, by route and status.\n";
  out += "# TYPE searchd_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    std::snprintf(line, sizeof line, "searchd_requests_total{route=\"%s\",status=\"%d\"} %llu\n",
                  key.first.c_str(), key.second, static_cast<unsigned long long>(count));
    out += line;
  }
  out += "# HELP searchd_request_duration_seconds Time to answer, by route.\n";
  out += "# TYPE searchd_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      std::snprintf(line, sizeof line,
                    "searchd_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
                    route.c_str(), kBuckets[i], static_cast<unsigned long long>(h.buckets[i]));
      out += line;
    }
    std::snprintf(line, sizeof line,
                  "searchd_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n"
                  "searchd_request_duration_seconds_sum{route=\"%s\"} %.6f\n"
                  "searchd_request_duration_seconds_count{route=\"%s\"} %llu\n",
                  route.c_str(), static_cast<unsigned long long>(h.count), route.c_str(), h.sum,
                  route.c_str(), static_cast<unsigned long long>(h.count));
    out += line;
  }
  out += extra;
  out += from_sources;
  return out;
}

}  // namespace briefing::http
