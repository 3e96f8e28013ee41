// posix_spawnp and waitpid; descriptors the parent opens with O_CLOEXEC stay out of children.
#include "process_control.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace briefing::testing {

pid_t spawn_child(const std::vector<std::string>& args, const ChildStreams& streams) {
  std::vector<std::string> copies = args;
  std::vector<char*> argv;
  for (auto& a : copies) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, streams.stdin_path.c_str(), O_RDONLY, 0);
  if (streams.stdout_fd >= 0)
    posix_spawn_file_actions_adddup2(&actions, streams.stdout_fd, STDOUT_FILENO);
  if (streams.stderr_fd >= 0)
    posix_spawn_file_actions_adddup2(&actions, streams.stderr_fd, STDERR_FILENO);
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + args.at(0));
  return pid;
}

int exit_code_of(int wait_status) {
  return WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1;
}

std::optional<int> wait_until(pid_t pid, std::chrono::steady_clock::time_point deadline) {
  for (;;) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) return exit_code_of(status);
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

int terminate_child(pid_t pid, std::chrono::milliseconds grace) {
  ::kill(pid, SIGTERM);
  if (auto code = wait_until(pid, std::chrono::steady_clock::now() + grace)) return *code;
  std::fprintf(stderr, "pid %d ignored SIGTERM for %lld ms; killing it\n", static_cast<int>(pid),
               static_cast<long long>(grace.count()));
  kill_child(pid);
  return -1;
}

void kill_child(pid_t pid) {
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
}

}  // namespace briefing::testing
