// KeepAliveClient: framing by Content-Length, one retry on a new connection when the old one was
// closed while idle (the server may close between two requests without a word).
#include "keep_alive_client.h"

#include <cctype>
#include <stdexcept>

namespace briefing::testing {
namespace {

constexpr std::chrono::seconds kAnswerWait{30};

bool says_close(const HttpReply& reply) {
  auto it = reply.headers.find("connection");
  if (it == reply.headers.end()) return false;
  std::string value = it->second;
  for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return value == "close";
}

}  // namespace

KeepAliveClient::KeepAliveClient(int port) : port_(port) {
  connect();
}

void KeepAliveClient::connect() {
  socket_.reset();  // the old connection goes first, so that at most one is open
  socket_ = std::make_unique<LoopbackSocket>(port_);
  closed_by_server_ = false;
}

bool KeepAliveClient::send_and_start(const std::string& request, std::string& buffer) {
  if (!socket_->send(request)) return false;
  switch (socket_->receive(buffer, kAnswerWait)) {
    case LoopbackSocket::Received::kData:
      return true;
    case LoopbackSocket::Received::kClosed:
      return false;
    case LoopbackSocket::Received::kTimedOut:
      break;
  }
  throw std::runtime_error("no answer from port " + std::to_string(port_) + " in 30 s");
}

void KeepAliveClient::read_more(std::string& buffer) {
  switch (socket_->receive(buffer, kAnswerWait)) {
    case LoopbackSocket::Received::kData:
      return;
    case LoopbackSocket::Received::kClosed:
      throw std::runtime_error("connection closed");
    case LoopbackSocket::Received::kTimedOut:
      break;
  }
  throw std::runtime_error("answer stalled for 30 s");
}

HttpReply KeepAliveClient::get(const std::string& target) {
  if (closed_by_server_) connect();
  const std::string request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  std::string buffer;
  if (!send_and_start(request, buffer)) {
    connect();  // closed while idle: once more on a new connection
    buffer.clear();
    if (!send_and_start(request, buffer)) throw std::runtime_error("connection closed");
  }
  std::size_t head_end;
  while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) read_more(buffer);
  HttpReply reply = parse_head(buffer, head_end);
  auto length_header = reply.headers.find("content-length");
  if (length_header == reply.headers.end()) throw std::runtime_error("no Content-Length");
  const std::size_t length = std::stoul(length_header->second);
  while (buffer.size() < head_end + 4 + length) read_more(buffer);
  reply.body = buffer.substr(head_end + 4, length);
  closed_by_server_ = says_close(reply);
  return reply;
}

std::string KeepAliveClient::get_ok(const std::string& target) {
  HttpReply reply = get(target);
  if (reply.status != 200)
    throw std::runtime_error("HTTP " + std::to_string(reply.status) + " for " + target);
  return std::move(reply.body);
}

}  // namespace briefing::testing
