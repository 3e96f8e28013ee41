// A Response written onto a CivetWeb connection: status line, headers (security headers
// included) and body, in one write.
#pragma once

#include <cstddef>

#include "http_types.h"

struct mg_connection;

namespace briefing::http {

// The reason phrase of an HTTP status code ("Not Found").
const char* status_text(int status);
// Returns how many bytes of the body were sent (for the access log).
std::size_t send(mg_connection* conn, const Response& response);

}  // namespace briefing::http
