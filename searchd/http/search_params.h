// /search parameters to a SearchRequest, with every caller mistake a 400 naming the parameter.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "http_types.h"
#include "search_types.h"

namespace briefing {

struct SearchLimits {
  std::size_t max_query_bytes = 1024;
  std::size_t max_query_words = 64;
  // Distinct word* clauses: each reads up to WildcardBudget::max_scanned terms of the term list
  // and adds up to max_terms posting lists to the match.
  std::size_t max_query_wildcards = 8;
  int max_per_page = 100;
  int max_depth = 10000;  // page * per_page: deep paging costs the whole match set
  int max_facet_limit = 1000;
  int max_related_per_hit = 10;
  double query_time_limit_seconds = 2.0;
};

// The 400 for a parameter a caller got wrong: its name, its value (cut short) and why.
http::HttpError bad_parameter(const std::string& name, const std::string& value,
                              const std::string& why);

// `now` (seconds since the epoch) anchors relative dates such as from=-30d.
SearchRequest parse_search_request(const http::Request& request, std::int64_t now,
                                   const SearchLimits& limits = {});

// "2026-05-29", RFC 3339, or relative "-30d" / "-12h" / "-2w" / "-6m" / "-1y". `end_of_day`
// makes a bare date inclusive of its whole day (for `to`). nullopt when it is none of these.
std::optional<std::int64_t> parse_date_param(const std::string& text, std::int64_t now,
                                             bool end_of_day);

}  // namespace briefing
