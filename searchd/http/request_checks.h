// The request checks CivetWeb 1.15 does not make: message framing as RFC 9112 says to refuse it,
// the request target's forms (RFC 9112 3.2), and the Host allow-list against DNS rebinding.
// Plain data in and out; no CivetWeb here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http_types.h"

namespace briefing::http {

// One header line as the client sent it.
struct HeaderLine {
  std::string name, value;
  bool space_before_colon = false;  // "Transfer-Encoding : chunked"
};

// The first framing fault RFC 9112 says a server must refuse: whitespace between a field name
// and its colon (5.1), Content-Length with Transfer-Encoding (6.1), Content-Lengths that are
// not one number (6.3), more than one Host (3.2). The answer closes the connection: what follows
// the head cannot be trusted to be the next request.
std::optional<HttpError> framing_error(const std::vector<HeaderLine>& headers);

// Whether the request carries a body: we never read one (every route is a GET), so the
// connection is closed after the answer instead of waiting for the body to arrive.
bool has_body(const std::vector<HeaderLine>& headers);

// A request target split into its parts: origin-form "/p?q", absolute-form "http://h:1/p?q"
// (whose authority stands for Host, RFC 9112 3.2.2) or asterisk-form "*".
struct Target {
  std::string authority;  // empty unless absolute-form
  std::string raw_path;   // still percent-encoded; "/" for "http://h"
  std::string raw_query;  // without '?'
};
// Nothing when the target is none of the three forms.
std::optional<Target> split_target(std::string_view target);

// The host names a request may address. Loopback names always; the --listen host; and any
// given with --allowed-host (the names a proxy such as nginx passes on).
class HostAllowList {
 public:
  HostAllowList(const std::string& listen, const std::vector<std::string>& extra);
  // `authority` is a Host value or an absolute-form authority: "name", "name:port", "[v6]:port".
  bool allows(std::string_view authority) const;

 private:
  std::vector<std::string> names_;  // lower case, without port
};

// The host part of an authority, lower case, without port; empty when it is malformed.
std::string authority_host(std::string_view authority);

}  // namespace briefing::http
