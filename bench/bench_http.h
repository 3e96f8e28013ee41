// What the benchmarks share for talking to searchd: a keep-alive HTTP/1.1 client over one loopback
// connection, and a /search query string as the HTTP layer would see it.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>
#include <string>

#include "http_types.h"
#include "query_string.h"

namespace briefing::bench {

class HttpConnection {
 public:
  explicit HttpConnection(int port) : port_(port) { connect_now(); }
  ~HttpConnection() { ::close(fd_); }
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  // The body of a 200 answer; anything else throws. searchd closes a connection after 100
  // requests (saying "Connection: close") or 2 s idle (saying nothing): a new one is opened.
  std::string get(const std::string& target) {
    if (closed_) connect_now();
    std::string request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    std::string buffer;
    for (int attempt = 0;; ++attempt) {
      try {
        if (::send(fd_, request.data(), request.size(), MSG_NOSIGNAL) !=
            static_cast<ssize_t>(request.size()))
          throw std::runtime_error("send failed");
        read_more(buffer);
        break;
      } catch (const std::runtime_error&) {
        if (attempt > 0) throw;
        connect_now();  // closed while idle: once more on a new connection
      }
    }
    std::size_t head_end;
    while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) read_more(buffer);
    std::string head = buffer.substr(0, head_end);
    if (head.compare(9, 3, "200") != 0)
      throw std::runtime_error("HTTP " + head.substr(9, 3) + " for " + target);
    auto at = head.find("Content-Length: ");
    if (at == std::string::npos) throw std::runtime_error("no Content-Length");
    std::size_t length = std::stoul(head.substr(at + 16));
    while (buffer.size() < head_end + 4 + length) read_more(buffer);
    closed_ = head.find("Connection: close") != std::string::npos;
    return buffer.substr(head_end + 4, length);
  }

 private:
  void connect_now() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port_));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
      throw std::runtime_error("cannot connect to searchd on port " + std::to_string(port_));
    closed_ = false;
  }
  void read_more(std::string& buffer) {
    char chunk[65536];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) throw std::runtime_error("connection closed");
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
  int port_;
  int fd_ = -1;
  bool closed_ = false;
};

// "q=a+b&actor=X" as the HTTP layer hands it to parse_search_request.
inline http::Request as_request(const std::string& query_string) {
  http::Request r;
  r.method = "GET";
  r.path = "/search";
  r.raw_query = query_string;
  r.params = http::parse_query_string(query_string);
  return r;
}

}  // namespace briefing::bench
