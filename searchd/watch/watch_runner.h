// Saved searches that alert: a scanner thread looks at every watch after each index revision and
// queues the new matches; a delivery thread per watch POSTs them, so a slow or dead webhook holds
// up its own watch only. Searches never wait for either.
#pragma once

#include <memory>
#include <string>

#include "searcher.h"

namespace briefing::watch {

class WatchRunner {
 public:
  // Reads the watches file and the state; throws std::runtime_error naming what is wrong, so a
  // bad file stops searchd at start.
  WatchRunner(Searcher& searcher, std::string watches_path, std::string state_path);
  ~WatchRunner();
  WatchRunner(const WatchRunner&) = delete;
  WatchRunner& operator=(const WatchRunner&) = delete;

  void start();
  void stop();  // waits for the threads (a POST in flight for at most its answer timeout)

  // The /watches answer (JSON text): each watch with its search, webhook and delivery record.
  std::string report_json() const;
  // Prometheus lines: deliveries, failed attempts and given-up deliveries per watch.
  std::string metrics_text() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace briefing::watch
