// A keep-alive HTTP/1.1 GET client for benchmarks: many requests over one loopback connection,
// and a new connection whenever searchd closes one (it does after 100 requests, saying
// "Connection: close", or after 2 s idle, saying nothing).
#pragma once

#include <memory>
#include <string>

#include "http_client.h"
#include "loopback_socket.h"

namespace briefing::testing {

class KeepAliveClient {
 public:
  explicit KeepAliveClient(int port);

  // The whole answer (any status). Throws when the server sends nothing within 30 s, closes in
  // the middle of an answer, or does not say its Content-Length.
  HttpReply get(const std::string& target);

  // The body of a 200 answer; any other status throws, naming it and `target`.
  std::string get_ok(const std::string& target);

 private:
  void connect();
  // Sends `request` and reads the first bytes of its answer into `buffer`; false when the
  // connection turned out to be closed (nothing sent or nothing came back).
  bool send_and_start(const std::string& request, std::string& buffer);
  void read_more(std::string& buffer);

  int port_;
  std::unique_ptr<LoopbackSocket> socket_;
  bool closed_by_server_ = false;
};

}  // namespace briefing::testing
