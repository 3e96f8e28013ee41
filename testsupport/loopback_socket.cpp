// LoopbackSocket: POSIX sockets with SO_SNDTIMEO / SO_RCVTIMEO as the bounds.
#include "loopback_socket.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

namespace briefing::testing {
namespace {

using std::chrono::microseconds;

void set_timeout(int fd, int option, microseconds wait) {
  timeval timeout{static_cast<time_t>(wait.count() / 1000000),
                  static_cast<suseconds_t>(wait.count() % 1000000)};
  ::setsockopt(fd, SOL_SOCKET, option, &timeout, sizeof timeout);
}

}  // namespace

LoopbackSocket::LoopbackSocket(int port, int receive_buffer) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error("cannot open a socket");
  if (receive_buffer > 0)
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    throw std::runtime_error("cannot connect to port " + std::to_string(port));
  }
  set_timeout(fd_, SO_SNDTIMEO, std::chrono::seconds(3));
}

LoopbackSocket::~LoopbackSocket() {
  ::close(fd_);
}

bool LoopbackSocket::send(const std::string& bytes) {
  for (std::size_t sent = 0; sent < bytes.size();) {
    ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

LoopbackSocket::Received LoopbackSocket::receive(std::string& out, std::chrono::milliseconds wait) {
  // SO_RCVTIMEO of zero means "wait for ever": never pass it on.
  set_timeout(fd_, SO_RCVTIMEO, std::max(microseconds(1), microseconds(wait)));
  char buf[65536];
  ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
  if (n == 0) return Received::kClosed;
  if (n < 0) return errno == ECONNRESET ? Received::kClosed : Received::kTimedOut;
  out.append(buf, static_cast<std::size_t>(n));
  return Received::kData;
}

bool LoopbackSocket::read_until_closed(std::string& out, std::chrono::milliseconds wait) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    switch (receive(out, left)) {
      case Received::kClosed:
        return true;
      case Received::kTimedOut:
        return false;
      case Received::kData:
        break;
    }
  }
}

}  // namespace briefing::testing
