// Plain request and response structs at the seam between CivetWeb and the handlers.
#pragma once

#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace briefing::http {

struct Request {
  std::string method;
  std::string path;       // percent-decoded path, without the query string (may hold any byte)
  std::string raw_path;   // the path as sent, still encoded ("/briefings/a%2Frelated")
  std::string raw_query;  // the query string as sent (still encoded), without '?'
  std::string host;       // the authority of an absolute-form target, else the Host header
  std::vector<std::pair<std::string, std::string>> params;  // decoded, in order, repeats kept
  std::map<std::string, std::string> headers;               // names lower case
  // False only on an Access::keyed_or_empty route reached without a valid API key (see
  // http_server.h): the handler must then answer without data.
  bool authorized = true;

  // Every value of a repeatable parameter, in order.
  std::vector<std::string> all(const std::string& name) const;
  // The first value, or nullptr.
  const std::string* first(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Answer with "Connection: close" and close after it, without reading what else was sent.
  bool close = false;
  // A body produced as it is sent, instead of `body` (exports): called once after the head, with
  // chunked transfer encoding, given a function that sends one chunk and returns false once the
  // client is gone (the producer should then stop). An exception from it ends the answer
  // without its last chunk, so the client sees the body is incomplete.
  using ChunkSink = std::function<bool(std::string_view chunk)>;
  std::function<void(const ChunkSink&)> stream;
};

// A caller mistake or a missing resource, answered as an application/problem+json document.
class HttpError : public std::runtime_error {
 public:
  HttpError(int status, std::string title, std::string detail)
      : std::runtime_error(detail),
        status_(status),
        title_(std::move(title)),
        detail_(std::move(detail)) {}
  int status() const { return status_; }
  const std::string& title() const { return title_; }
  // The whole detail: what() ends at the first NUL byte, and a detail may quote one (an id).
  const std::string& detail() const { return detail_; }

 private:
  int status_;
  std::string title_;
  std::string detail_;
};

// RFC 9457 problem document.
Response problem(int status, const std::string& title, const std::string& detail);

}  // namespace briefing::http
