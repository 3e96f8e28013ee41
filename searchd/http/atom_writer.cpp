// Atom XML (atom_writer.h): escaping, the characters XML 1.0 forbids, and the elements in order.
#include "atom_writer.h"

#include <array>
#include <utility>

#include "text_util.h"

namespace briefing::http {
namespace {

// XML 1.0's Char production, for what utf8_decode can give (no surrogates, nothing over U+10FFFF).
bool xml_char(char32_t c) {
  if (c < 0x20) return c == 0x9 || c == 0xA || c == 0xD;
  return c != 0xFFFE && c != 0xFFFF;
}

void append_escaped(std::string& out, char c) {
  switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&apos;";
      break;
    default:
      out += c;
  }
}

void element(std::string& out, std::string_view name, std::string_view text,
             std::string_view indent) {
  out.append(indent).append("<").append(name).append(">");
  out += xml_text(text);
  out.append("</").append(name).append(">\n");
}

void link(std::string& out, const AtomLink& l, std::string_view indent) {
  out.append(indent).append("<link rel=\"").append(xml_text(l.rel)).append("\"");
  if (!l.type.empty()) out.append(" type=\"").append(xml_text(l.type)).append("\"");
  out.append(" href=\"").append(xml_text(l.href)).append("\"/>\n");
}

void category(std::string& out, const AtomCategory& c) {
  out.append("    <category term=\"").append(xml_text(c.term)).append("\"");
  if (!c.scheme.empty()) out.append(" scheme=\"").append(xml_text(c.scheme)).append("\"");
  if (!c.label.empty()) out.append(" label=\"").append(xml_text(c.label)).append("\"");
  out += "/>\n";
}

void entry(std::string& out, const AtomEntry& e) {
  out += "  <entry>\n";
  element(out, "id", e.id, "    ");
  element(out, "title", e.title, "    ");
  element(out, "updated", e.updated, "    ");
  if (!e.published.empty()) element(out, "published", e.published, "    ");
  for (const AtomLink& l : e.links) link(out, l, "    ");
  for (const AtomCategory& c : e.categories) category(out, c);
  if (!e.summary.empty()) {
    out += "    <summary type=\"text\">";
    out += xml_text(e.summary);
    out += "</summary>\n";
  }
  out += "  </entry>\n";
}

}  // namespace

std::string xml_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t at = 0; at < text.size();) {
    char32_t c = 0;
    const std::size_t length = utf8_decode(text, at, c);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for a byte that starts no UTF-8 sequence
      ++at;
      continue;
    }
    if (length == 1 && xml_char(c))
      append_escaped(out, text[at]);
    else if (xml_char(c))
      out.append(text.substr(at, length));
    at += length;
  }
  return out;
}

std::string snippet_text(std::string_view html) {
  static constexpr std::array<std::pair<std::string_view, char>, 6> kEntities = {{
      {"&amp;", '&'},
      {"&lt;", '<'},
      {"&gt;", '>'},
      {"&quot;", '"'},
      {"&#39;", '\''},
      {"&apos;", '\''},
  }};
  std::string out;
  out.reserve(html.size());
  for (std::size_t at = 0; at < html.size();) {
    if (html.substr(at, 6) == "<mark>" || html.substr(at, 7) == "</mark>") {
      at += html[at + 1] == '/' ? 7 : 6;
      continue;
    }
    bool decoded = false;
    for (const auto& [entity, c] : kEntities)
      if (html.substr(at, entity.size()) == entity) {
        out += c;
        at += entity.size();
        decoded = true;
        break;
      }
    if (!decoded) out += html[at++];
  }
  return out;
}

std::string render_atom(const AtomFeed& feed) {
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  element(out, "id", feed.id, "  ");
  element(out, "title", feed.title, "  ");
  element(out, "updated", feed.updated, "  ");
  for (const AtomLink& l : feed.links) link(out, l, "  ");
  out += "  <author>\n";
  element(out, "name", feed.author, "    ");
  out += "  </author>\n";
  out += "  <generator>briefing searchd</generator>\n";
  for (const AtomEntry& e : feed.entries) entry(out, e);
  out += "</feed>\n";
  return out;
}

}  // namespace briefing::http
