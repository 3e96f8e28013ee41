// Framing, target and Host checks (see request_checks.h for the rules and their RFC sections).
#include "request_checks.h"
#include "text_util.h"

#include <algorithm>
#include <cctype>

namespace briefing::http {

namespace {

// Optional white space around a header value (RFC 9110 OWS: spaces and tabs only).
std::string_view trim_ows(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

HttpError bad_framing(const std::string& detail) {
  return HttpError(400, "Bad request", detail);
}

}  // namespace

std::optional<HttpError> framing_error(const std::vector<HeaderLine>& headers) {
  std::optional<std::string> length;
  bool chunked_or_other = false;
  int hosts = 0;
  for (const HeaderLine& h : headers) {
    if (h.space_before_colon)
      return bad_framing("whitespace between the header name '" + h.name +
                         "' and its colon (RFC 9112 5.1)");
    if (ascii_iequals(h.name, "host")) ++hosts;
    if (ascii_iequals(h.name, "transfer-encoding")) chunked_or_other = true;
    if (!ascii_iequals(h.name, "content-length")) continue;
    std::string_view value = trim_ows(h.value);
    if (!all_digits(value))
      return bad_framing("Content-Length '" + h.value + "' is not one number (RFC 9112 6.3)");
    if (length && *length != value)
      return bad_framing("two different Content-Lengths, " + *length + " and " +
                         std::string(value) + " (RFC 9112 6.3)");
    length = std::string(value);
  }
  if (chunked_or_other && length)
    return bad_framing("both Content-Length and Transfer-Encoding (RFC 9112 6.1)");
  if (hosts > 1) return bad_framing("more than one Host header (RFC 9112 3.2)");
  return std::nullopt;
}

bool has_body(const std::vector<HeaderLine>& headers) {
  for (const HeaderLine& h : headers) {
    if (ascii_iequals(h.name, "transfer-encoding")) return true;
    if (ascii_iequals(h.name, "content-length") &&
        trim_ows(h.value).find_first_not_of('0') != std::string_view::npos)
      return true;
  }
  return false;
}

std::optional<Target> split_target(std::string_view target) {
  Target out;
  if (target == "*") {
    out.raw_path = "*";
    return out;
  }
  for (std::string_view scheme : {"http://", "https://"}) {
    if (target.size() < scheme.size() || !ascii_iequals(target.substr(0, scheme.size()), scheme))
      continue;
    target.remove_prefix(scheme.size());
    std::size_t end = std::min(target.find('/'), target.find('?'));
    out.authority = std::string(target.substr(0, end));
    target = end == std::string_view::npos ? std::string_view() : target.substr(end);
    if (out.authority.empty()) return std::nullopt;
    if (target.empty() || target.front() == '?') out.raw_path = "/";
    break;
  }
  if (out.authority.empty() && (target.empty() || target.front() != '/')) return std::nullopt;
  std::size_t query = target.find('?');
  out.raw_path += std::string(target.substr(0, query));
  if (query != std::string_view::npos) out.raw_query = std::string(target.substr(query + 1));
  return out;
}

std::string authority_host(std::string_view authority) {
  std::string_view host = authority;
  std::string_view port;
  if (!host.empty() && host.front() == '[') {
    std::size_t close = host.find(']');
    if (close == std::string_view::npos) return "";
    port = host.substr(close + 1);
    host = host.substr(0, close + 1);
    if (!port.empty() && port.front() != ':') return "";
  } else if (std::size_t colon = host.find(':'); colon != std::string_view::npos) {
    port = host.substr(colon);
    host = host.substr(0, colon);
  }
  if (!port.empty() && !all_digits(port.substr(1))) return "";
  if (host.empty() || host.find_first_of("@/\\ \t") != std::string_view::npos) return "";
  return ascii_lower(host);
}

HostAllowList::HostAllowList(const std::string& listen, const std::vector<std::string>& extra)
    : names_{"localhost", "127.0.0.1", "[::1]"} {
  std::string listen_host = authority_host(listen);
  if (!listen_host.empty()) names_.push_back(listen_host);
  for (const std::string& name : extra) {
    std::string host = authority_host(name);
    if (!host.empty()) names_.push_back(host);
  }
}

bool HostAllowList::allows(std::string_view authority) const {
  std::string host = authority_host(authority);
  return !host.empty() && std::find(names_.begin(), names_.end(), host) != names_.end();
}

}  // namespace briefing::http
