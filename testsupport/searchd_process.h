// Starts the real searchd binary on a free loopback port (read from the line in which it says
// where it serves) and stops it by its pid; every wait is bounded.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace briefing::testing {

struct SearchdOptions {
  std::string binary;  // "" = the searchd this build makes
  std::string db;
  std::vector<std::string> extra_args;  // after --db DB --listen 127.0.0.1:0
  std::chrono::seconds start_wait{30};  // to say its port, else it is stopped and we throw
  std::chrono::seconds stop_wait{10};   // after SIGTERM, before SIGKILL
};

class SearchdProcess {
 public:
  explicit SearchdProcess(const std::string& db, std::vector<std::string> extra_args = {});
  explicit SearchdProcess(SearchdOptions options);
  ~SearchdProcess() { stop(); }
  SearchdProcess(const SearchdProcess&) = delete;
  SearchdProcess& operator=(const SearchdProcess&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Sends SIGTERM and returns the exit status (or -1 when it had to be killed).
  int stop();
  // What it has written to stdout and stderr so far (the last 4 MB of it).
  std::string output() const;

 private:
  void start(const SearchdOptions& options);
  // Reads its output until it names the port; false when it ended or `deadline` passed first.
  bool read_port(std::chrono::steady_clock::time_point deadline);

  pid_t pid_ = -1;
  int port_ = 0;
  int exit_status_ = -1;
  int log_fd_ = -1;  // the read end of its stdout and stderr
  std::chrono::milliseconds stop_wait_{10000};
  mutable std::mutex output_mutex_;
  std::string output_;  // from the start, as read
  std::thread drain_;
};

}  // namespace briefing::testing
