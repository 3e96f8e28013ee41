// The id that ties a request's answer to its access-log line: in the X-Request-Id header of
// every answer and in every problem document, so that a user's error report can be found.
#pragma once

#include <string>

#include "http_types.h"

namespace briefing::http {

// The X-Request-Id a proxy in front sent (nginx's $request_id: its log and ours then share one
// id), when it is 1 to 64 characters of [A-Za-z0-9._-]; else 16 new random hex digits.
std::string request_id_for(const std::string* sent);

// A problem document with a "request_id" member added (RFC 9457 allows extension members);
// any other response is returned as it was.
void stamp_request_id(Response& response, const std::string& request_id);

}  // namespace briefing::http
