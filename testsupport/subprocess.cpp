// Subprocess: output goes to unlinked temporary files (no pipe to fill and block the child).
#include "subprocess.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include "process_control.h"

namespace briefing::testing {
namespace {

int unlinked_temp_file(std::string name) {
  int fd = ::mkostemp(name.data(), O_CLOEXEC);
  ::unlink(name.c_str());
  return fd;
}

std::string slurp(int fd) {
  std::string s;
  char buf[4096];
  ::lseek(fd, 0, SEEK_SET);
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;)
    s.append(buf, static_cast<std::size_t>(n));
  return s;
}

}  // namespace

Subprocess::Subprocess(std::vector<std::string> args, const std::string& input)
    : out_fd_(unlinked_temp_file("/tmp/briefing-test-outXXXXXX")),
      err_fd_(unlinked_temp_file("/tmp/briefing-test-errXXXXXX")) {
  try {
    pid_ = spawn_child(args, ChildStreams{input, out_fd_, err_fd_});
  } catch (...) {
    ::close(out_fd_);
    ::close(err_fd_);
    throw;
  }
}

Subprocess::~Subprocess() {
  if (pid_ > 0) kill_child(pid_);
  ::close(out_fd_);
  ::close(err_fd_);
}

void Subprocess::kill9() {
  if (pid_ > 0) ::kill(pid_, SIGKILL);
}

bool Subprocess::running() {
  if (pid_ <= 0) return false;
  auto code = wait_until(pid_, std::chrono::steady_clock::now());
  if (!code) return true;
  result_.exit_code = *code;
  pid_ = -1;
  return false;
}

RunResult Subprocess::wait() {
  if (pid_ > 0) {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    result_.exit_code = exit_code_of(status);
    pid_ = -1;
  }
  return collect();
}

RunResult Subprocess::wait(std::chrono::milliseconds limit) {
  if (pid_ > 0) {
    auto code = wait_until(pid_, std::chrono::steady_clock::now() + limit);
    if (!code) kill_child(pid_);
    result_.exit_code = code.value_or(-1);
    pid_ = -1;
  }
  return collect();
}

RunResult Subprocess::collect() {
  result_.out = slurp(out_fd_);
  result_.err = slurp(err_fd_);
  return result_;
}

RunResult run(std::vector<std::string> args) {
  return Subprocess(std::move(args)).wait();
}

RunResult run_with_input(std::vector<std::string> args, const std::string& input) {
  return Subprocess(std::move(args), input).wait();
}

}  // namespace briefing::testing
