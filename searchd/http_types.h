// Plain request and response structs at the seam between CivetWeb and the handlers.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace briefing::http {

struct Request {
  std::string method;
  std::string path;       // URL-decoded path, without the query string
  std::string raw_query;  // the query string as sent (still encoded), without '?'
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
};

// A caller mistake or a missing resource, answered as an application/problem+json document.
class HttpError : public std::runtime_error {
 public:
  HttpError(int status, std::string title, std::string detail)
      : std::runtime_error(detail), status_(status), title_(std::move(title)) {}
  int status() const { return status_; }
  const std::string& title() const { return title_; }

 private:
  int status_;
  std::string title_;
};

// RFC 9457 problem document.
Response problem(int status, const std::string& title, const std::string& detail);

}  // namespace briefing::http
