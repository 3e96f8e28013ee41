// The one error a search raises that is about load, not about the request or the index.
#pragma once

#include <stdexcept>

namespace briefing {

// Too many searches waited for a slot longer than their budget: try again shortly (HTTP 503).
class SearchBusy : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace briefing
