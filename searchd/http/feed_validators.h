// Conditional GET for feeds (RFC 9110 section 13): an answer's validators, HTTP dates, and
// whether a request's preconditions let it be answered 304 Not Modified without a body.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace briefing::http {

struct Validators {
  std::string etag;                           // a strong entity tag, quoted
  std::optional<std::int64_t> last_modified;  // seconds since the epoch; nullopt: not known
};

// A strong entity tag ("\"<16 hex digits>\"") over `parts`: FNV-1a (64 bits) of each part with
// its length, so the tag is the same in every process and on every host for the same parts.
std::string strong_etag(const std::vector<std::string>& parts);

// IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT".
std::string http_date(std::int64_t seconds);
// An IMF-fixdate, or nullopt for anything else (RFC 9110 13.1.3: a recipient ignores an
// If-Modified-Since that is not a valid date; the obsolete forms are not sent by feed readers).
std::optional<std::int64_t> parse_http_date(std::string_view text);

// Whether an If-None-Match value ("*", or a list of entity tags, weak or strong) names `etag`,
// by the weak comparison RFC 9110 13.1.2 prescribes for it.
bool etag_listed(std::string_view if_none_match, std::string_view etag);

// RFC 9110 13.2.2 for a GET: If-None-Match, when sent, decides alone (If-Modified-Since is then
// ignored); else If-Modified-Since at or after Last-Modified. `headers` have lower-case names.
bool not_modified(const std::map<std::string, std::string>& headers, const Validators& answer);

}  // namespace briefing::http
