// libFuzzer target: URL query-string decoding and /search parameter parsing.
#include <cstdint>
#include <string_view>

#include "http_types.h"
#include "query_string.h"
#include "search_params.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    briefing::http::Request r;
    r.params = briefing::http::parse_query_string(
        std::string_view(reinterpret_cast<const char*>(data), size));
    briefing::parse_search_request(r, 1795000000);
  } catch (const briefing::http::HttpError& e) {
    if (e.status() != 400) __builtin_trap();  // caller mistakes only
  }
  return 0;
}
