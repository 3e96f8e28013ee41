// Query-string decoding (application/x-www-form-urlencoded): the one place request parameters
// are decoded, so malformed escapes are refused the same way everywhere.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace briefing::http {

// Decodes %XX, and '+' as a space unless `plus_is_space` is false (a path keeps its '+'); false
// on a malformed escape (the output is then unspecified).
bool url_decode(std::string_view in, std::string& out, bool plus_is_space = true);

// "a=1&b=2&a=3" -> pairs in order, repeats kept; throws HttpError(400) on a malformed escape.
std::vector<std::pair<std::string, std::string>> parse_query_string(std::string_view query);

}  // namespace briefing::http
