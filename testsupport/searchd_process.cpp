// SearchdProcess: searchd's stdout and stderr go into one pipe that is read (with poll, so never
// for ever) until the "http://127.0.0.1:PORT/" line, then drained by a thread so that searchd
// never blocks on a full pipe.
#include "searchd_process.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cctype>
#include <stdexcept>
#include <string_view>

#include "process_control.h"

namespace briefing::testing {
namespace {

constexpr std::string_view kServing = "http://127.0.0.1:";
// Output kept for output(): a load test's access log must not grow the test without bound.
constexpr std::size_t kOutputKept = 4u << 20;

// The port in "...http://127.0.0.1:PORT/...", once the digits are followed by something else.
int port_named_in(const std::string& text) {
  auto at = text.find(kServing);
  if (at == std::string::npos) return 0;
  std::size_t digits = at + kServing.size(), end = digits;
  while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
  if (end == digits || end == text.size()) return 0;
  return std::stoi(text.substr(digits, end - digits));
}

SearchdOptions options_for(const std::string& db, std::vector<std::string> extra_args) {
  SearchdOptions options;
  options.db = db;
  options.extra_args = std::move(extra_args);
  return options;
}

}  // namespace

SearchdProcess::SearchdProcess(const std::string& db, std::vector<std::string> extra_args)
    : SearchdProcess(options_for(db, std::move(extra_args))) {}

SearchdProcess::SearchdProcess(SearchdOptions options) {
  if (options.binary.empty()) options.binary = BRIEFING_DEFAULT_SEARCHD;
  stop_wait_ = options.stop_wait;
  start(options);
  if (!read_port(std::chrono::steady_clock::now() + options.start_wait)) {
    stop();
    throw std::runtime_error("searchd did not start: " + output_);
  }
  drain_ = std::thread([this, fd = log_fd_] {
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) {
      const std::lock_guard<std::mutex> lock(output_mutex_);
      output_.append(buf, static_cast<std::size_t>(n));
      if (output_.size() > kOutputKept) output_.erase(0, output_.size() - kOutputKept);
    }
  });
}

void SearchdProcess::start(const SearchdOptions& options) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> args = {options.binary, "--db", options.db, "--listen", "127.0.0.1:0"};
  args.insert(args.end(), options.extra_args.begin(), options.extra_args.end());
  log_fd_ = pipe_fds[0];
  try {
    pid_ = spawn_child(args, ChildStreams{"/dev/null", pipe_fds[1], pipe_fds[1]});
  } catch (...) {
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    log_fd_ = -1;
    throw;
  }
  ::close(pipe_fds[1]);
}

bool SearchdProcess::read_port(std::chrono::steady_clock::time_point deadline) {
  char buf[4096];
  while (port_ == 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd readable{log_fd_, POLLIN, 0};
    if (left.count() <= 0 || ::poll(&readable, 1, static_cast<int>(left.count())) <= 0)
      return false;
    ssize_t n = ::read(log_fd_, buf, sizeof buf);
    if (n <= 0) return false;  // it ended before saying where it serves
    output_.append(buf, static_cast<std::size_t>(n));
    port_ = port_named_in(output_);
  }
  return true;
}

std::string SearchdProcess::output() const {
  const std::lock_guard<std::mutex> lock(output_mutex_);
  return output_;
}

int SearchdProcess::stop() {
  if (pid_ > 0) exit_status_ = terminate_child(pid_, stop_wait_);
  pid_ = -1;
  if (drain_.joinable()) drain_.join();
  if (log_fd_ >= 0) ::close(log_fd_);
  log_fd_ = -1;
  return exit_status_;
}

}  // namespace briefing::testing
