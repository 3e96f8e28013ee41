// /outlook at the seam between the HTTP layer and the search library: the outlook items of the
// briefings a search finds, each on its own, filtered by kind, horizon and probability.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "outlook_layout.h"
#include "search_types.h"

namespace briefing {

enum class OutlookOrder { kProbability, kDate };

struct OutlookRequest {
  // The text, facets and dates select briefings as /search does (not relaxed); its page and
  // per_page page the items.
  SearchRequest search;
  std::optional<OutlookKind> kind;
  std::optional<OutlookHorizon> horizon;
  // Items whose probability is at least this (0..1); an item without one is left out then.
  std::optional<double> min_probability;
  // Most likely first (items without a probability last), or newest briefing first.
  OutlookOrder order = OutlookOrder::kProbability;
};

struct OutlookHit {
  std::string id, title, published;  // the briefing's
  std::string kind, horizon;         // as the briefing gives them ("" when not given)
  std::optional<double> probability;
  std::string text;
};

struct OutlookResult {
  std::uint64_t total = 0;  // matching items, exact
  int page = 1, per_page = 10;
  double took_ms = 0;
  std::vector<OutlookHit> items;
};

}  // namespace briefing
