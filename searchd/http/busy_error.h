// The one place a busy search library becomes an HTTP answer.
#pragma once

#include "http_types.h"
#include "search_busy.h"

namespace briefing {

// `call()`'s result; a SearchBusy from it (every search slot stayed busy for the request's whole
// budget) is the 503 a client may retry (the server adds Retry-After).
template <class Call>
decltype(auto) unless_busy(Call&& call) {
  try {
    return call();
  } catch (const SearchBusy& e) {
    throw http::HttpError(503, "Service unavailable", e.what());
  }
}

}  // namespace briefing
