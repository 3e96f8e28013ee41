// An Atom feed (RFC 4287) as plain structs, and its XML: every text escaped and cleaned of what
// XML 1.0 cannot carry, so that any briefing's text makes a document a feed reader can parse.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace briefing::http {

struct AtomLink {
  std::string rel, type, href;  // type may be empty
};

struct AtomCategory {
  std::string term, scheme, label;  // scheme and label may be empty
};

struct AtomEntry {
  std::string id, title, updated, published;  // dates in RFC 3339
  std::string summary;                        // plain text
  std::vector<AtomLink> links;
  std::vector<AtomCategory> categories;
};

struct AtomFeed {
  std::string id, title, updated;
  std::string author;  // RFC 4287 4.1.1: a feed whose entries name none must name one
  std::vector<AtomLink> links;
  std::vector<AtomEntry> entries;
};

// The feed as an XML document (UTF-8, with the XML declaration).
std::string render_atom(const AtomFeed& feed);

// `text` as XML character data or an attribute value: & < > " ' escaped; bytes that are not
// UTF-8 become U+FFFD; C0 controls other than tab, line feed and carriage return, and U+FFFE and
// U+FFFF, dropped (XML 1.0 has no way to write them, not even as a character reference).
std::string xml_text(std::string_view text);

// A snippet (HTML: text escaped, matches in <mark>) as the plain text it shows.
std::string snippet_text(std::string_view html);

}  // namespace briefing::http
