// A search's answer as an Atom feed: stable ids, the entry's dates, links and categories, and the
// feed's own id, title and links, from plain structs (no HTTP, no index here).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "atom_writer.h"
#include "search_types.h"

namespace briefing::http {

using Params = std::vector<std::pair<std::string, std::string>>;

// What the feed says about itself, from the request.
struct FeedPlace {
  std::string base;     // "http://HOST", or "" when the request named no host (links relative)
  std::string self;     // the feed's URL as requested, query string and all
  Params search;        // the search's parameters (no token, no limit), in a fixed order
  std::string updated;  // RFC 3339: when the answer last changed, as far as is known cheaply
};

// The same in every process and on every host: "tag:briefing-search,2026:briefing:" + the id
// percent-encoded (RFC 4151 tag URI; a --full rebuild or a replica keeps it).
std::string entry_id(std::string_view briefing_id);
// The feed's id: the search's parameters after "tag:briefing-search,2026:feed?".
std::string feed_id(const Params& search);
// "Briefings matching ransomware, actor APT28, from 2026-01-01", or "All briefings".
std::string feed_title(const Params& search);
// Everything but A-Z a-z 0-9 - . _ ~ as %XX.
std::string percent_encode(std::string_view text);
// "a=1&b=2", each name and value percent-encoded.
std::string query_string(const Params& params);

// `updated`: when the indexer last wrote the briefing, or its published time when the index does
// not say.
AtomEntry feed_entry(const Hit& hit, const std::string& base);
AtomFeed feed_document(const SearchResult& result, const FeedPlace& place);

}  // namespace briefing::http
