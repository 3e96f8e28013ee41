// The feed's parts without a server: XML escaping and the characters XML 1.0 forbids, snippets as
// text, HTTP dates, entity tags and the 304 decision, and hits as Atom entries.
#include <map>
#include <optional>
#include <string>

#include <catch2/catch.hpp>

#include "atom_writer.h"
#include "feed_document.h"
#include "feed_validators.h"

using namespace briefing::http;

TEST_CASE("atom: text is escaped and cleaned of what XML 1.0 cannot carry", "[feed]") {
  const struct {
    std::string in, out;
  } rows[] = {
      {"plain", "plain"},
      {"a & b < c > d", "a &amp; b &lt; c &gt; d"},
      {"\"quoted\" 'single'", "&quot;quoted&quot; &apos;single&apos;"},
      {"tab\tline\ncr\r", "tab\tline\ncr\r"},
      {std::string("nul") + '\0' + "bell\x07" + "esc\x1b" + "vt\x0b", "nulbellescvt"},
      {"del \x7f stays", "del \x7f stays"},  // XML 1.0 allows U+007F
      {"U+FFFE \xef\xbf\xbe U+FFFF \xef\xbf\xbf", "U+FFFE  U+FFFF "},
      {"U+FFFD \xef\xbf\xbd kept", "U+FFFD \xef\xbf\xbd kept"},
      {"bad \xff byte", "bad \xef\xbf\xbd byte"},
      {"cut \xe2\x82", "cut \xef\xbf\xbd\xef\xbf\xbd"},
      {"surrogate \xed\xa0\x80", "surrogate \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
      {"Grüße 北朝鮮 🛡", "Grüße 北朝鮮 🛡"},
      {"&amp; already", "&amp;amp; already"},
  };
  for (const auto& row : rows) {
    INFO(row.in);
    CHECK(xml_text(row.in) == row.out);
  }
}

TEST_CASE("atom: a snippet's HTML becomes the text it shows", "[feed]") {
  const struct {
    std::string html, text;
  } rows[] = {
      {"<mark>UNC1069</mark> hit", "UNC1069 hit"},
      {"a &amp; b &lt;c&gt; &quot;q&quot; &#39;s&#39;", "a & b <c> \"q\" 's'"},
      {"&amp;lt; stays one level", "&lt; stays one level"},
      {"… trailing &", "… trailing &"},
      {"", ""},
  };
  for (const auto& row : rows) {
    INFO(row.html);
    CHECK(snippet_text(row.html) == row.text);
  }
}

TEST_CASE("atom: HTTP dates are IMF-fixdate both ways", "[feed]") {
  const struct {
    std::int64_t seconds;
    std::string text;
  } rows[] = {
      {0, "Thu, 01 Jan 1970 00:00:00 GMT"},
      {784111777, "Sun, 06 Nov 1994 08:49:37 GMT"},  // RFC 9110's example
      {1780060620, "Fri, 29 May 2026 13:17:00 GMT"},
      {951782400, "Tue, 29 Feb 2000 00:00:00 GMT"},
  };
  for (const auto& row : rows) {
    INFO(row.text);
    CHECK(http_date(row.seconds) == row.text);
    CHECK(parse_http_date(row.text) == row.seconds);
  }
  for (const char* bad :
       {"", "Sun, 06 Nov 1994 08:49:37", "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994", "Sun, 31 Feb 1994 08:49:37 GMT",
        "Sun, 06 Nox 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT", "1994-11-06T08:49:37Z"}) {
    INFO(bad);
    CHECK(parse_http_date(bad) == std::nullopt);
  }
}

TEST_CASE("atom: entity tags are strong, stable and tell their parts apart", "[feed]") {
  const std::string tag = strong_etag({"uuid", "7", "/feed?q=x"});
  CHECK(tag.size() == 18);
  CHECK(tag.front() == '"');
  CHECK(tag.back() == '"');
  CHECK(strong_etag({"uuid", "7", "/feed?q=x"}) == tag);
  CHECK(strong_etag({"uuid", "8", "/feed?q=x"}) != tag);
  CHECK(strong_etag({"ab", "c"}) != strong_etag({"a", "bc"}));
  // FNV-1a is fixed: the same tag from every build and host, so a restart keeps readers' copies.
  CHECK(strong_etag({}) == "\"cbf29ce484222325\"");
}

TEST_CASE("atom: If-None-Match decides alone, else If-Modified-Since", "[feed]") {
  const Validators answer{"\"abc\"", 1000};
  const std::string at = http_date(1000), before = http_date(999), after = http_date(1001);
  const struct {
    std::map<std::string, std::string> headers;
    bool not_modified;
  } rows[] = {
      {{}, false},
      {{{"if-none-match", "\"abc\""}}, true},
      {{{"if-none-match", "W/\"abc\""}}, true},  // weak comparison
      {{{"if-none-match", "\"x\", \"abc\""}}, true},
      {{{"if-none-match", "*"}}, true},
      {{{"if-none-match", "\"abcd\""}}, false},
      {{{"if-none-match", "abc"}}, false},  // not an entity tag
      {{{"if-modified-since", at}}, true},
      {{{"if-modified-since", after}}, true},
      {{{"if-modified-since", before}}, false},
      {{{"if-modified-since", "yesterday"}}, false},  // not a date: ignored
      {{{"if-none-match", "\"x\""}, {"if-modified-since", after}}, false},
      {{{"if-none-match", "\"abc\""}, {"if-modified-since", before}}, true},
  };
  for (const auto& row : rows) {
    std::string shown;
    for (const auto& [name, value] : row.headers) shown += name + ": " + value + "; ";
    INFO(shown);
    CHECK(not_modified(row.headers, answer) == row.not_modified);
  }
  CHECK_FALSE(not_modified({{"if-modified-since", after}}, Validators{"\"abc\"", std::nullopt}));
}

TEST_CASE("atom: a hit as an entry, and the feed around it", "[feed]") {
  briefing::Hit hit;
  hit.id = "a/b c";
  hit.title = "Title & more";
  hit.published = "2026-05-29T13:17:00Z";
  hit.url = "javascript:alert(1)";
  hit.snippet = "<mark>Ransomware</mark> &amp; more";
  hit.actors = {"APT28"};
  hit.regions = {"UA"};
  AtomEntry entry = feed_entry(hit, "http://h");
  CHECK(entry.id == "tag:briefing-search,2026:briefing:a%2Fb%20c");
  CHECK(entry.updated == hit.published);  // no index time: the published time
  CHECK(entry.summary == "Ransomware & more");
  REQUIRE(entry.links.size() == 2);  // no "via" for a URL that is not http(s)
  CHECK(entry.links[0].href == "http://h/b/a%2Fb%20c");
  CHECK(entry.links[1].href == "http://h/briefings/a%2Fb%20c");
  REQUIRE(entry.categories.size() == 2);
  CHECK(entry.categories[0].term == "APT28");
  hit.indexed_at = "2026-06-01T00:00:00Z";
  hit.url = "https://example.org/x";
  entry = feed_entry(hit, "http://h");
  CHECK(entry.updated == "2026-06-01T00:00:00Z");
  CHECK(entry.links.back().rel == "via");

  briefing::SearchResult result;
  result.hits = {hit};
  FeedPlace place{"http://h", "http://h/feed?q=x&token=t", {{"q", "x"}, {"actor", "APT28"}}, ""};
  const std::string xml = render_atom(feed_document(result, place));
  CHECK(xml.find("<id>tag:briefing-search,2026:feed?q=x&amp;actor=APT28</id>") !=
        std::string::npos);
  CHECK(xml.find("<title>Briefings matching x, actor APT28</title>") != std::string::npos);
  CHECK(xml.find("<updated>2026-06-01T00:00:00Z</updated>") != std::string::npos);
  CHECK(xml.find("rel=\"self\" type=\"application/atom+xml\" "
                 "href=\"http://h/feed?q=x&amp;token=t\"") != std::string::npos);
  CHECK(xml.find("href=\"http://h/?q=x&amp;actor=APT28\"") != std::string::npos);
  CHECK(xml.find("<title>Title &amp; more</title>") != std::string::npos);
  CHECK(feed_title({}) == "All briefings");
}
