// Starts the real searchd binary on a free loopback port for a test, and stops it afterwards.
#pragma once

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace briefing::testing {

class SearchdProcess {
 public:
  explicit SearchdProcess(const std::string& db, std::vector<std::string> extra = {}) {
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
    std::vector<std::string> args = {BRIEFING_SEARCHD, "--db", db, "--listen", "127.0.0.1:0"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[1]);
    if (rc != 0) throw std::runtime_error("cannot start " + args[0]);
    log_ = ::fdopen(pipe_fds[0], "r");
    // The first line that names the port says the server is listening.
    char line[4096];
    while (std::fgets(line, sizeof line, log_)) {
      startup_ += line;
      std::string s(line);
      auto at = s.find("http://127.0.0.1:");
      if (at != std::string::npos) {
        port_ = std::stoi(s.substr(at + 17));
        break;
      }
    }
    if (port_ == 0) {
      stop();
      throw std::runtime_error("searchd did not start: " + startup_);
    }
    // Keep draining its stderr so that it never blocks on a full pipe.
    drain_ = std::thread([this] {
      char buf[4096];
      while (std::fgets(buf, sizeof buf, log_)) {
      }
    });
  }
  ~SearchdProcess() { stop(); }
  SearchdProcess(const SearchdProcess&) = delete;
  SearchdProcess& operator=(const SearchdProcess&) = delete;

  int port() const { return port_; }
  // Sends SIGTERM and returns the exit status (or -1 when it had to be killed).
  int stop() {
    if (pid_ <= 0) return exit_status_;
    ::kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 100; ++i) {
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      if (i == 99) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
        exit_status_ = -1;
      }
    }
    pid_ = -1;
    if (drain_.joinable()) drain_.join();
    if (log_) std::fclose(log_);
    log_ = nullptr;
    return exit_status_;
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int exit_status_ = -1;
  FILE* log_ = nullptr;
  std::string startup_;
  std::thread drain_;
};

}  // namespace briefing::testing
