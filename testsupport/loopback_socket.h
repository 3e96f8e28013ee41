// A connected TCP socket to 127.0.0.1 (closed by its destructor), sending and receiving with
// bounded waits so that a server that stops talking never hangs a test or a benchmark.
#pragma once

#include <chrono>
#include <string>

namespace briefing::testing {

class LoopbackSocket {
 public:
  // Connects or throws. `receive_buffer` > 0 sets SO_RCVBUF before connecting, so that the TCP
  // window is small from the start.
  explicit LoopbackSocket(int port, int receive_buffer = 0);
  ~LoopbackSocket();
  LoopbackSocket(const LoopbackSocket&) = delete;
  LoopbackSocket& operator=(const LoopbackSocket&) = delete;

  // Sends all of `bytes`; false when the peer is gone or has not read for 3 s.
  bool send(const std::string& bytes);

  enum class Received { kData, kClosed, kTimedOut };
  // Appends what one read brings to `out`; kClosed when the peer closed (or reset) the
  // connection, kTimedOut when nothing came within `wait`.
  Received receive(std::string& out, std::chrono::milliseconds wait);

  // Appends what arrives to `out` until the peer closes (true) or `wait` passes (false).
  bool read_until_closed(std::string& out, std::chrono::milliseconds wait);

 private:
  int fd_ = -1;
};

}  // namespace briefing::testing
