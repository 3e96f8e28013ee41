// HTML tag names and character entities, as advisories written in Markdown use them.
#include "markdown_html.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <set>
#include <utility>

#include "markdown_text.h"

namespace briefing::markdown {
namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

bool is_html_tag_name(std::string_view name) {
  static const std::set<std::string, std::less<>> kTags = {
      "a",       "abbr",   "audio", "b",       "big",     "blockquote", "body",       "br",
      "caption", "center", "cite",  "code",    "col",     "colgroup",   "dd",         "del",
      "details", "dfn",    "div",   "dl",      "dt",      "em",         "figcaption", "figure",
      "font",    "footer", "h1",    "h2",      "h3",      "h4",         "h5",         "h6",
      "head",    "header", "hr",    "html",    "i",       "iframe",     "img",        "ins",
      "kbd",     "li",     "main",  "mark",    "nav",     "ol",         "p",          "picture",
      "pre",     "q",      "s",     "samp",    "section", "small",      "source",     "span",
      "strike",  "strong", "sub",   "summary", "sup",     "table",      "tbody",      "td",
      "tfoot",   "th",     "thead", "tr",      "tt",      "u",          "ul",         "var",
      "video",   "wbr"};
  return kTags.contains(ascii_lower(name));
}

bool is_breaking_tag(std::string_view name) {
  static const std::set<std::string, std::less<>> kBreaking = {
      "blockquote", "br",      "caption", "dd",    "details", "div", "dl", "dt", "h1",
      "h2",         "h3",      "h4",      "h5",    "h6",      "hr",  "li", "ol", "p",
      "pre",        "section", "summary", "table", "td",      "th",  "tr", "ul"};
  return kBreaking.contains(ascii_lower(name));
}

std::size_t decode_entity(std::string_view s, std::string& out) {
  std::size_t semi = s.substr(0, 12).find(';');
  if (semi == std::string_view::npos || semi < 2 || semi > 10) return 0;
  std::string_view name = s.substr(1, semi - 1);
  if (name.front() == '#') {
    bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    std::string_view digits = name.substr(hex ? 2 : 1);
    std::uint32_t cp = 0;
    auto [end, error] =
        std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size()) return 0;
    append_utf8(out, cp);
    return semi + 1;
  }
  static constexpr std::array<std::pair<std::string_view, std::uint32_t>, 16> kNamed = {{
      {"amp", '&'},
      {"lt", '<'},
      {"gt", '>'},
      {"quot", '"'},
      {"apos", '\''},
      {"nbsp", ' '},
      {"ndash", 0x2013},
      {"mdash", 0x2014},
      {"hellip", 0x2026},
      {"lsquo", 0x2018},
      {"rsquo", 0x2019},
      {"ldquo", 0x201C},
      {"rdquo", 0x201D},
      {"copy", 0xA9},
      {"reg", 0xAE},
      {"trade", 0x2122},
  }};
  for (const auto& [entity, cp] : kNamed) {
    if (name != entity) continue;
    append_utf8(out, cp);
    return semi + 1;
  }
  return 0;
}

}  // namespace briefing::markdown
