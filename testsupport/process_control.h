// Starting a program with chosen standard streams, and waiting for or stopping it by its pid
// with bounded waits: what SearchdProcess and Subprocess share.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace briefing::testing {

// Where the child's standard streams go; -1 leaves stdout or stderr as the parent's.
struct ChildStreams {
  std::string stdin_path = "/dev/null";
  int stdout_fd = -1;
  int stderr_fd = -1;
};

// Starts args[0] (a path, or a name looked up in PATH) with `args`; throws when it cannot.
pid_t spawn_child(const std::vector<std::string>& args, const ChildStreams& streams);

// The exit code of a child that has ended (-1 when a signal ended it).
int exit_code_of(int wait_status);

// Waits for the child until `deadline`: its exit code, or nothing if it is still running.
std::optional<int> wait_until(pid_t pid, std::chrono::steady_clock::time_point deadline);

// SIGTERM, `grace` to exit, then SIGKILL: the exit code, or -1 when it had to be killed.
int terminate_child(pid_t pid, std::chrono::milliseconds grace);

// SIGKILL and reap.
void kill_child(pid_t pid);

}  // namespace briefing::testing
