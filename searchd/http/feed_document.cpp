// Hits to Atom entries and the feed's own elements (feed_document.h).
#include "feed_document.h"

#include "text_util.h"

namespace briefing::http {
namespace {

constexpr std::string_view kTagPrefix = "tag:briefing-search,2026:";

bool web_url(std::string_view url) {
  return url.substr(0, 7) == "http://" || url.substr(0, 8) == "https://";
}

void add_categories(AtomEntry& entry, std::string_view kind,
                    const std::vector<std::string>& values) {
  for (const std::string& value : values)
    entry.categories.push_back({value, std::string(kTagPrefix) + std::string(kind), ""});
}

}  // namespace

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    if (is_ascii_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
      continue;
    }
    const auto byte = static_cast<unsigned char>(c);
    out += '%';
    out += kHex[byte >> 4];
    out += kHex[byte & 0xF];
  }
  return out;
}

std::string query_string(const Params& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out += '&';
    out += percent_encode(name) + "=" + percent_encode(value);
  }
  return out;
}

std::string entry_id(std::string_view briefing_id) {
  return std::string(kTagPrefix) + "briefing:" + percent_encode(briefing_id);
}

std::string feed_id(const Params& search) {
  return std::string(kTagPrefix) + "feed?" + query_string(search);
}

std::string feed_title(const Params& search) {
  if (search.empty()) return "All briefings";
  std::string title = "Briefings matching ";
  for (std::size_t i = 0; i < search.size(); ++i) {
    if (i > 0) title += ", ";
    if (search[i].first != "q") title += search[i].first + " ";
    title += search[i].second;
  }
  return title;
}

AtomEntry feed_entry(const Hit& hit, const std::string& base) {
  AtomEntry entry;
  entry.id = entry_id(hit.id);
  entry.title = hit.title;
  entry.published = hit.published;
  entry.updated = hit.indexed_at.empty() ? hit.published : hit.indexed_at;
  entry.summary = snippet_text(hit.snippet);
  const std::string id = percent_encode(hit.id);
  entry.links.push_back({"alternate", "text/html", base + "/b/" + id});
  entry.links.push_back({"alternate", "application/json", base + "/briefings/" + id});
  if (web_url(hit.url)) entry.links.push_back({"via", "", hit.url});
  add_categories(entry, "actor", hit.actors);
  add_categories(entry, "vendor", hit.vendors);
  add_categories(entry, "region", hit.regions);
  return entry;
}

AtomFeed feed_document(const SearchResult& result, const FeedPlace& place) {
  AtomFeed feed;
  feed.id = feed_id(place.search);
  feed.title = feed_title(place.search);
  feed.author = "Briefing search";
  const std::string page = place.search.empty() ? "/" : "/?" + query_string(place.search);
  feed.links.push_back({"self", "application/atom+xml", place.self});
  feed.links.push_back({"alternate", "text/html", place.base + page});
  for (const Hit& hit : result.hits) feed.entries.push_back(feed_entry(hit, place.base));
  // The newest entry when the index keeps no time of change; the epoch for an empty feed of such
  // an index (Atom needs some date).
  feed.updated = !place.updated.empty()  ? place.updated
                 : !feed.entries.empty() ? feed.entries.front().updated
                                         : "1970-01-01T00:00:00Z";
  return feed;
}

}  // namespace briefing::http
