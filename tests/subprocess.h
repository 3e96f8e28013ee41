// Running the project's binaries from tests: wait for an exit code and output, or start one and
// kill it at a chosen moment.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace briefing::testing {

struct RunResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out, err;
};

class Subprocess {
 public:
  // Starts `args` with stdout and stderr captured into files under /tmp, reading `input`.
  explicit Subprocess(std::vector<std::string> args, const std::string& input = "/dev/null") {
    char out_name[] = "/tmp/briefing-test-outXXXXXX", err_name[] = "/tmp/briefing-test-errXXXXXX";
    out_fd_ = ::mkstemp(out_name);
    err_fd_ = ::mkstemp(err_name);
    ::unlink(out_name);
    ::unlink(err_name);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out_fd_, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err_fd_, STDERR_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, input.c_str(), O_RDONLY, 0);
    int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + args[0]);
  }
  ~Subprocess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    ::close(out_fd_);
    ::close(err_fd_);
  }
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  void kill9() {
    if (pid_ > 0) ::kill(pid_, SIGKILL);
  }
  // Whether it is still running.
  bool running() {
    if (pid_ <= 0) return false;
    int status;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      finish(status);
      return false;
    }
    return true;
  }
  RunResult wait() {
    if (pid_ > 0) {
      int status = 0;
      ::waitpid(pid_, &status, 0);
      finish(status);
    }
    result_.out = slurp(out_fd_);
    result_.err = slurp(err_fd_);
    return result_;
  }

 private:
  void finish(int status) {
    result_.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    pid_ = -1;
  }
  static std::string slurp(int fd) {
    std::string s;
    char buf[4096];
    ::lseek(fd, 0, SEEK_SET);
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;)
      s.append(buf, static_cast<std::size_t>(n));
    return s;
  }
  pid_t pid_ = -1;
  int out_fd_ = -1, err_fd_ = -1;
  RunResult result_;
};

inline RunResult run(std::vector<std::string> args) {
  return Subprocess(std::move(args)).wait();
}

// The same with standard input read from the file `input`.
inline RunResult run_with_input(std::vector<std::string> args, const std::string& input) {
  return Subprocess(std::move(args), input).wait();
}

}  // namespace briefing::testing
