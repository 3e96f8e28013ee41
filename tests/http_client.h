// A small blocking HTTP/1.1 client for tests, over a plain loopback socket (the request bytes are
// exactly what the test writes, so malformed requests can be sent too).
#pragma once

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <stdexcept>
#include <string>

namespace briefing::testing {

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower case
  std::string body;
};

// A connected loopback socket (closed by its destructor).
class LoopbackSocket {
 public:
  explicit LoopbackSocket(int port, int receive_buffer = 0) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    // Set before connecting, so that the TCP window is small from the start.
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
    timeval send_timeout{3, 0};  // a server that stopped reading never hangs a test
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof send_timeout);
  }
  ~LoopbackSocket() { ::close(fd_); }
  LoopbackSocket(const LoopbackSocket&) = delete;
  LoopbackSocket& operator=(const LoopbackSocket&) = delete;

  // Sends all of `bytes`; false when the peer is gone or has not read for 3 s.
  bool send(const std::string& bytes) {
    for (std::size_t sent = 0; sent < bytes.size();) {
      ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }
  // Appends what arrives to `out` until the peer closes (true) or `wait` passes (false).
  bool read_until_closed(std::string& out, std::chrono::milliseconds wait) {
    const auto deadline = std::chrono::steady_clock::now() + wait;
    char buf[65536];
    for (;;) {
      auto left = std::chrono::duration_cast<std::chrono::microseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      timeval timeout{static_cast<time_t>(left.count() / 1000000),
                      static_cast<suseconds_t>(left.count() % 1000000)};
      ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n == 0) return true;
      if (n < 0) return errno == ECONNRESET;  // a reset is a close too; else the wait is over
      out.append(buf, static_cast<std::size_t>(n));
    }
  }

 private:
  int fd_ = -1;
};

// The first answer in `raw` (status 0 when there is none).
inline HttpReply parse_reply(const std::string& raw) {
  HttpReply reply;
  auto head_end = raw.find("\r\n\r\n");
  if (raw.size() < 12 || head_end == std::string::npos) return reply;
  reply.status = std::stoi(raw.substr(9, 3));
  std::size_t at = raw.find("\r\n") + 2;
  while (at < head_end) {
    std::size_t eol = raw.find("\r\n", at);
    std::string line = raw.substr(at, eol - at);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::size_t v = line.find_first_not_of(' ', colon + 1);
      reply.headers[name] = v == std::string::npos ? "" : line.substr(v);
    }
    at = eol + 2;
  }
  std::size_t length = std::string::npos;
  if (auto it = reply.headers.find("content-length"); it != reply.headers.end())
    length = std::stoul(it->second);
  reply.body = raw.substr(head_end + 4, length);
  return reply;
}

// Sends raw request bytes and reads until the server closes the connection.
inline HttpReply http_raw(int port, const std::string& request) {
  LoopbackSocket socket(port);
  socket.send(request);
  std::string raw;
  socket.read_until_closed(raw, std::chrono::seconds(10));
  return parse_reply(raw);
}

// GET `target` (path and query, already encoded).
inline HttpReply http_get(int port, const std::string& target) {
  return http_raw(port,
                  "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
}

}  // namespace briefing::testing
