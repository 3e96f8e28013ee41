// The access log (access_log.h).
#include "access_log.h"

#include <array>
#include <cctype>
#include <ctime>

#include "query_string.h"

namespace briefing::http {
namespace {

// Parameters whose values are credentials. Feed readers carry the feed token in the URL; an API
// key belongs in the Authorization header, but one pasted into a URL must not reach the log.
constexpr std::array<std::string_view, 5> kSecretParameters = {"token", "api_key", "apikey", "key",
                                                               "access_token"};

bool is_secret(std::string_view name) {
  for (std::string_view secret : kSecretParameters) {
    if (name.size() != secret.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < name.size() && same; ++i)
      same = std::tolower(static_cast<unsigned char>(name[i])) == secret[i];
    if (same) return true;
  }
  return false;
}

void append_escaped(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (unsigned char c : text) {
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
}

std::string utc_time(std::chrono::system_clock::time_point at) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(at);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count() % 1000;
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[64];  // room for any int the compiler imagines
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900,
                parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
                static_cast<int>(millis));
  return text;
}

// The syslog priority the journal files a line under: notice for an answer, warning for a
// caller's mistake, error for our own failure.
const char* priority_prefix(int status) {
  return status >= 500 ? "<3>" : status >= 400 ? "<4>" : "<5>";
}

}  // namespace

std::string without_secrets(std::string_view raw_query) {
  std::string out;
  out.reserve(raw_query.size());
  while (true) {
    const std::size_t amp = raw_query.find('&');
    const std::string_view pair = raw_query.substr(0, amp);
    const std::size_t eq = pair.find('=');
    // Names are compared decoded, as searchd reads them ("to%6Ben" is "token"); a name that
    // does not decode (the request is refused) keeps no value either.
    std::string name;
    const bool decoded = url_decode(pair.substr(0, eq), name, true);
    if (eq != std::string_view::npos && (!decoded || is_secret(name)))
      out.append(pair.substr(0, eq + 1)).append("[removed]");
    else
      out.append(pair);
    if (amp == std::string_view::npos) break;
    out += '&';
    raw_query.remove_prefix(amp + 1);
  }
  return out;
}

std::string access_line(const AccessEntry& entry) {
  std::string line = utc_time(entry.at);
  line += " access client=";
  append_escaped(line, entry.client);
  line += " method=";
  append_escaped(line, entry.method);
  line += " path=\"";
  append_escaped(line, entry.raw_path);
  if (!entry.raw_query.empty()) {
    line += '?';
    append_escaped(line, without_secrets(entry.raw_query));
  }
  char numbers[96];
  std::snprintf(numbers, sizeof numbers, "\" status=%d bytes=%zu ms=%.1f request_id=", entry.status,
                entry.bytes, entry.milliseconds);
  line += numbers;
  append_escaped(line, entry.request_id);
  return line;
}

AccessLog::AccessLog(LogLevel level, std::FILE* out, bool journal)
    : level_(level), out_(out), journal_(journal) {}

bool AccessLog::wants(int status) const {
  switch (level_) {
    case LogLevel::info:
      return true;
    case LogLevel::warning:
      return status >= 400;
    case LogLevel::error:
      return status >= 500;
    case LogLevel::off:
      return false;
  }
  return false;
}

void AccessLog::write(const AccessEntry& entry) {
  if (!wants(entry.status)) return;
  std::string line = journal_ ? priority_prefix(entry.status) : "";
  line += access_line(entry);
  line += '\n';
  const std::lock_guard<std::mutex> lock(mutex_);
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fflush(out_);
}

}  // namespace briefing::http
