// The one-shot HTTP client and the response-head parser that the keep-alive client shares.
#include "http_client.h"

#include <cctype>

namespace briefing::testing {

HttpReply parse_head(const std::string& raw, std::size_t head_end) {
  HttpReply reply;
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
  return reply;
}

HttpReply parse_reply(const std::string& raw) {
  auto head_end = raw.find("\r\n\r\n");
  if (raw.size() < 12 || head_end == std::string::npos) return {};
  HttpReply reply = parse_head(raw, head_end);
  std::size_t length = std::string::npos;
  if (auto it = reply.headers.find("content-length"); it != reply.headers.end())
    length = std::stoul(it->second);
  reply.body = raw.substr(head_end + 4, length);
  return reply;
}

HttpReply http_raw(int port, const std::string& request) {
  LoopbackSocket socket(port);
  socket.send(request);
  std::string raw;
  socket.read_until_closed(raw, std::chrono::seconds(10));
  return parse_reply(raw);
}

HttpReply http_get(int port, const std::string& target) {
  return http_raw(port,
                  "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
}

std::string url_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
      out += static_cast<char>(c);
    else
      out += {'%', hex[c >> 4], hex[c & 15]};
  }
  return out;
}

}  // namespace briefing::testing
