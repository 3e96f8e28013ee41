// One line per answered request, to standard error (which systemd's journal collects): when,
// who, what was asked with its secrets removed, how it was answered, and the request id a user
// can quote from a problem document. Plain data in and out; no CivetWeb here.
#pragma once

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace briefing::http {

// Which requests are logged: every one (info, the default), those answered 4xx or 5xx
// (warning), those answered 5xx (error), or none (off).
enum class LogLevel { info, warning, error, off };

struct AccessEntry {
  std::chrono::system_clock::time_point at;  // when the request arrived
  std::string client;                        // the peer address (nginx's, behind nginx)
  std::string method;
  std::string raw_path, raw_query;  // as sent, still percent-encoded
  int status = 0;
  std::size_t bytes = 0;  // of the body, as far as it was sent
  double milliseconds = 0;
  std::string request_id;
};

// The query string with the value of every secret parameter (a feed token; an API key someone
// put in a URL) replaced by "[removed]", the rest kept byte for byte.
std::string without_secrets(std::string_view raw_query);

// The line for `entry`, without its newline: space-separated key=value pairs after an ISO 8601
// UTC time, the target quoted with every byte outside printable ASCII (and '"', '\') escaped as
// \xHH, so that no request can forge a line or hide in one.
std::string access_line(const AccessEntry& entry);

class AccessLog {
 public:
  // `journal`: prefix each line with its syslog priority ("<4>"), as systemd's journal reads it
  // from a service's standard error (it is when JOURNAL_STREAM is set).
  AccessLog(LogLevel level, std::FILE* out, bool journal);
  bool wants(int status) const;
  void write(const AccessEntry& entry);

 private:
  LogLevel level_;
  std::FILE* out_;
  bool journal_;
  std::mutex mutex_;  // one whole line at a time, whichever thread answered
};

}  // namespace briefing::http
