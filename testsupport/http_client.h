// One-shot HTTP/1.1 over a loopback socket for tests: the request bytes are exactly what the
// caller writes (so malformed requests can be sent too) and the answer is read until the server
// closes the connection. keep_alive_client.h is the benchmarks' many-requests-per-connection form.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "loopback_socket.h"

namespace briefing::testing {

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower case
  std::string body;
};

// The status line and headers of the answer at the start of `raw`, whose head ends at
// `head_end` (the offset of its blank line "\r\n\r\n"); the body is left empty.
HttpReply parse_head(const std::string& raw, std::size_t head_end);

// The first answer in `raw` (status 0 when there is none).
HttpReply parse_reply(const std::string& raw);

// Sends raw request bytes and reads until the server closes the connection (10 s at most).
HttpReply http_raw(int port, const std::string& request);

// `s` percent-encoded for a path segment or a query value (unreserved bytes kept).
std::string url_encode(const std::string& s);

// GET `target` (path and query, already encoded) with "Connection: close".
HttpReply http_get(int port, const std::string& target);

}  // namespace briefing::testing
