// A Response written onto a CivetWeb connection: status line, headers (security headers
// included) and body, in one write.
#pragma once

#include "http_types.h"

struct mg_connection;

namespace briefing::http {

// The reason phrase of an HTTP status code ("Not Found").
const char* status_text(int status);
void send(mg_connection* conn, const Response& response);

}  // namespace briefing::http
