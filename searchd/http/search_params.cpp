// Parameter parsing for /search.
#include "search_params.h"

#include <charconv>

#include "query_syntax.h"
#include "text_util.h"
#include "timestamp.h"

namespace briefing {

http::HttpError bad_parameter(const std::string& name, const std::string& value,
                              const std::string& why) {
  std::string shown = value.size() > 80 ? value.substr(0, 80) + "..." : value;
  if (invalid_utf8_offset(shown) != std::string_view::npos) shown = "(not UTF-8)";
  return http::HttpError(400, "Bad request", "parameter '" + name + "' = '" + shown + "': " + why);
}

namespace {

const auto bad = bad_parameter;

int int_param(const http::Request& r, const std::string& name, int fallback, int low, int high) {
  const std::string* v = r.first(name);
  if (!v) return fallback;
  int value = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), value);
  if (ec != std::errc() || end != v->data() + v->size())
    throw bad(name, *v, "must be a whole number");
  if (value < low || value > high)
    throw bad(name, *v, "must be between " + std::to_string(low) + " and " + std::to_string(high));
  return value;
}

}  // namespace

std::optional<std::int64_t> parse_date_param(const std::string& text, std::int64_t now,
                                             bool end_of_day) {
  if (text.size() >= 3 && text[0] == '-') {
    std::int64_t amount = 0;
    auto [end, ec] = std::from_chars(text.data() + 1, text.data() + text.size() - 1, amount);
    // Digits only, and a bound: "--7702671164176308d" once overflowed the multiplication below
    // (found by fuzz_query_string).
    if (ec != std::errc() || end != text.data() + text.size() - 1 || text[1] < '0' ||
        text[1] > '9' || amount < 0 || amount > 100000)
      return std::nullopt;
    std::int64_t unit;
    switch (text.back()) {
      case 'h':
        unit = 3600;
        break;
      case 'd':
        unit = 86400;
        break;
      case 'w':
        unit = 7 * 86400;
        break;
      case 'm':
        unit = 30 * 86400;
        break;
      case 'y':
        unit = 365 * 86400;
        break;
      default:
        return std::nullopt;
    }
    return now - amount * unit;
  }
  auto when = parse_timestamp(text);
  if (!when) return std::nullopt;
  if (end_of_day && text.size() == 10) return *when + 86400 - 1;
  return when;
}

SearchRequest parse_search_request(const http::Request& r, std::int64_t now,
                                   const SearchLimits& limits) {
  for (const auto& [name, value] : r.params)
    if (invalid_utf8_offset(value) != std::string_view::npos)
      throw bad(name, value, "is not valid UTF-8");

  SearchRequest out;
  if (const std::string* q = r.first("q")) {
    if (q->size() > limits.max_query_bytes)
      throw bad("q", *q, "is longer than " + std::to_string(limits.max_query_bytes) + " bytes");
    if (count_query_words(*q) > limits.max_query_words)
      throw bad("q", *q, "has more than " + std::to_string(limits.max_query_words) + " words");
    if (count_wildcards(parse_query_syntax(*q)) > limits.max_query_wildcards)
      throw bad("q", *q,
                "has more than " + std::to_string(limits.max_query_wildcards) +
                    " different word* wildcards");
    out.q = *q;
  }
  for (Facet f : kAllFacets) {
    if (!selected_by_value(f)) continue;
    for (const std::string& v : r.all(std::string(facet_name(f))))
      if (!v.empty()) out.values(f).push_back(v);
  }
  if (const std::string* from = r.first("from"); from && !from->empty()) {
    out.from = parse_date_param(*from, now, false);
    if (!out.from)
      throw bad("from", *from, "is not a date (YYYY-MM-DD, RFC 3339, or relative like -30d)");
  }
  if (const std::string* to = r.first("to"); to && !to->empty()) {
    out.to = parse_date_param(*to, now, true);
    if (!out.to)
      throw bad("to", *to, "is not a date (YYYY-MM-DD, RFC 3339, or relative like -30d)");
  }
  if (out.from && out.to && *out.from > *out.to)
    throw bad("from", *r.first("from"), "is after 'to' (" + *r.first("to") + ")");
  if (const std::string* sort = r.first("sort"); sort && !sort->empty()) {
    if (*sort == "relevance")
      out.sort = SortOrder::kRelevance;
    else if (*sort == "date")
      out.sort = SortOrder::kDate;
    else if (*sort == "oldest")
      out.sort = SortOrder::kOldest;
    else
      throw bad("sort", *sort, "must be 'relevance', 'date' or 'oldest'");
  }
  out.per_page = int_param(r, "per_page", 10, 1, limits.max_per_page);
  out.page = int_param(r, "page", 1, 1, limits.max_depth);
  if (static_cast<long>(out.page) * out.per_page > limits.max_depth)
    throw bad("page", *r.first("page"),
              "page * per_page must not exceed " + std::to_string(limits.max_depth) +
                  "; narrow the search instead");
  out.facet_limit = int_param(r, "facet_limit", 20, 1, limits.max_facet_limit);
  out.related_per_hit = int_param(r, "related", 3, 0, limits.max_related_per_hit);
  out.time_limit_seconds = limits.query_time_limit_seconds;
  return out;
}

}  // namespace briefing
