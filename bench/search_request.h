// A /search query string as the HTTP layer hands it to parse_search_request, so that the
// benchmarks time in process exactly the request that they also send to searchd.
#pragma once

#include <string>

#include "http_types.h"
#include "query_string.h"

namespace briefing::bench {

// "q=a+b&actor=X" as a GET /search request.
inline http::Request as_request(const std::string& query_string) {
  http::Request r;
  r.method = "GET";
  r.path = "/search";
  r.raw_query = query_string;
  r.params = http::parse_query_string(query_string);
  return r;
}

}  // namespace briefing::bench
