// Running the project's binaries (or tools such as wrk) from tests and benchmarks: wait for an
// exit code and the output, or start one and kill it at a chosen moment.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace briefing::testing {

struct RunResult {
  int exit_code = -1;  // -1 when killed by a signal (or for running past its time limit)
  std::string out, err;
};

class Subprocess {
 public:
  // Starts `args` (args[0] a path, or a name looked up in PATH) with stdout and stderr captured
  // into unlinked files under /tmp, reading `input`.
  explicit Subprocess(std::vector<std::string> args, const std::string& input = "/dev/null");
  ~Subprocess();  // kills it if it is still running
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  void kill9();
  // Whether it is still running.
  bool running();
  // Waits for it to end.
  RunResult wait();
  // Waits at most `limit`, then kills it (exit code -1).
  RunResult wait(std::chrono::milliseconds limit);

 private:
  RunResult collect();
  pid_t pid_ = -1;
  int out_fd_ = -1, err_fd_ = -1;
  RunResult result_;
};

RunResult run(std::vector<std::string> args);

// The same with standard input read from the file `input`.
RunResult run_with_input(std::vector<std::string> args, const std::string& input);

}  // namespace briefing::testing
