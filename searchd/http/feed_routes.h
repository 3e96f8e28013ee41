// GET /feed: any search as an Atom feed, newest written first, answered 304 when the reader's
// copy is current (decided from the index status before any search runs).
#pragma once

#include "http_server.h"
#include "search_params.h"
#include "searcher.h"

namespace briefing {

// Entries a feed lists: `limit` (or `per_page`) between 1 and kMaxFeedEntries.
inline constexpr int kDefaultFeedEntries = 50;
inline constexpr int kMaxFeedEntries = 200;

void register_feed_routes(http::Server& server, Searcher& searcher, const SearchLimits& limits);

}  // namespace briefing
