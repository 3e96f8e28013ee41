// Markdown briefings: front matter for the fields, then the document rendered to plain text the way
// a reader sees it (link text without targets, no tags, no emphasis markers), one paragraph a
// block.
#include "markdown_reader.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "briefing_json.h"
#include "errors.h"
#include "timestamp.h"

namespace briefing {
namespace {

// ---- Characters and lines ----

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool is_alnum(char c) {
  return is_alpha(c) || is_digit(c);
}
bool is_punct(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view trim_left(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  return s;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}

int to_int(std::string_view digits) {
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

// Runs of white space become one space; the ends are trimmed. Tables pad their cells, and
// removed markup leaves gaps.
std::string collapse_spaces(std::string_view s) {
  std::string out;
  bool pending = false;
  for (char c : s) {
    if (is_space(c)) {
      pending = !out.empty();
      continue;
    }
    if (pending) out += ' ';
    pending = false;
    out += c;
  }
  return out;
}

// Lines without their ends ("\n", "\r\n" or "\r"), after a byte-order mark.
std::vector<std::string_view> split_lines(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    std::size_t end = text.find_first_of("\r\n");
    lines.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    std::size_t next = end + (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n');
    text.remove_prefix(next + 1);
  }
  return lines;
}

// Leading spaces (a tab counts as four): Markdown's block rules allow at most three.
std::size_t indent_of(std::string_view line) {
  std::size_t width = 0;
  for (char c : line) {
    if (c == ' ')
      ++width;
    else if (c == '\t')
      width += 4;
    else
      break;
  }
  return width;
}

// ---- Front matter ----

struct FrontValue {
  std::string scalar;
  std::vector<std::string> list;
  bool is_list = false;
};

using FrontMatter = std::vector<std::pair<std::string, FrontValue>>;

// A YAML-like scalar: double quotes with backslash escapes, single quotes with '' for a quote,
// or plain text as written (a `#` in a plain value is kept, since titles such as "Update #3" are
// more likely than comments).
std::string unquote(std::string_view v) {
  v = trim(v);
  if (v.size() >= 2 && v.front() == '\'' && v.back() == '\'') {
    std::string out;
    v = v.substr(1, v.size() - 2);
    for (std::size_t i = 0; i < v.size(); ++i) {
      out += v[i];
      if (v[i] == '\'' && i + 1 < v.size() && v[i + 1] == '\'') ++i;
    }
    return out;
  }
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
    std::string out;
    v = v.substr(1, v.size() - 2);
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (v[i] != '\\' || i + 1 == v.size()) {
        out += v[i];
        continue;
      }
      char e = v[++i];
      out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
    }
    return out;
  }
  return std::string(v);
}

// `[a, "b, c", 'd']`: commas inside quotes do not split.
std::vector<std::string> parse_flow_list(std::string_view v) {
  v = trim(v);
  if (v.starts_with('[')) v.remove_prefix(1);
  if (v.ends_with(']')) v.remove_suffix(1);
  std::vector<std::string> items;
  std::size_t start = 0;
  char quote = 0;
  for (std::size_t i = 0; i <= v.size(); ++i) {
    if (i < v.size() && quote) {
      if (v[i] == quote) quote = 0;
    } else if (i < v.size() && (v[i] == '"' || v[i] == '\'')) {
      quote = v[i];
    } else if (i == v.size() || v[i] == ',') {
      std::string item = unquote(v.substr(start, i - start));
      if (!item.empty()) items.push_back(std::move(item));
      start = i + 1;
    }
  }
  return items;
}

// The value of `key:` that continues on the indented lines below it: `- item` lines make a list,
// `|` keeps line breaks, `>` and plain continuation lines fold into one line.
FrontValue parse_front_value(std::string_view inline_value,
                             const std::vector<std::string_view>& lines, std::size_t& next,
                             std::size_t end) {
  FrontValue value;
  std::string_view v = trim(inline_value);
  std::vector<std::string_view> more;
  while (next < end && (lines[next].empty() || is_space(lines[next].front()) ||
                        lines[next].starts_with("- ") || trim(lines[next]) == "-")) {
    more.push_back(trim(lines[next]));
    ++next;
  }
  while (!more.empty() && more.back().empty()) more.pop_back();
  if (v.starts_with('[')) {
    value.is_list = true;
    value.list = parse_flow_list(v);
  } else if (v.empty() && !more.empty() && more.front().starts_with('-')) {
    value.is_list = true;
    for (std::string_view item : more)
      if (item.starts_with('-')) {
        std::string text = unquote(item.substr(1));
        if (!text.empty()) value.list.push_back(std::move(text));
      }
  } else if (v == "|" || v == "|-" || v == "|+" || v == ">" || v == ">-" || v == ">+") {
    for (std::string_view line : more) {
      if (!value.scalar.empty()) value.scalar += v.front() == '|' ? "\n" : " ";
      value.scalar += line;
    }
  } else {
    value.scalar = unquote(v);
    for (std::string_view line : more)
      if (!line.empty()) value.scalar += (value.scalar.empty() ? "" : " ") + std::string(line);
  }
  return value;
}

// Front matter opens on the first line with `---` and closes with `---` or `...`; without the
// closing line the `---` is an ordinary rule. `body_from` receives the first line after it.
FrontMatter parse_front_matter(const std::vector<std::string_view>& lines, std::size_t& body_from) {
  body_from = 0;
  if (lines.empty() || trim(lines[0]) != "---") return {};
  std::size_t close = 1;
  while (close < lines.size() && trim(lines[close]) != "---" && trim(lines[close]) != "...")
    ++close;
  if (close == lines.size()) return {};
  FrontMatter fm;
  for (std::size_t i = 1; i < close;) {
    std::string_view line = lines[i++];
    if (trim(line).empty() || line.front() == '#' || is_space(line.front())) continue;
    // A line that is no `key:` means the `---` lines were rules around ordinary text.
    std::size_t colon = line.find(':');
    std::string_view key_text = colon == std::string_view::npos ? "" : line.substr(0, colon);
    bool key_shape = !key_text.empty() && is_alpha(key_text.front()) &&
                     std::all_of(key_text.begin(), key_text.end(), [](char c) {
                       return is_alnum(c) || c == '_' || c == '-' || c == ' ';
                     });
    if (!key_shape || (colon + 1 < line.size() && !is_space(line[colon + 1]))) {
      body_from = 0;
      return {};
    }
    std::string key = lower(trim(key_text));
    fm.emplace_back(std::move(key), parse_front_value(line.substr(colon + 1), lines, i, close));
  }
  body_from = close + 1;
  return fm;
}

// A front-matter date: RFC 3339, a date alone, or "YYYY-MM-DD HH:MM[:SS]" (taken as UTC), which
// static site generators write.
std::optional<std::int64_t> parse_front_date(const std::string& value) {
  if (auto t = parse_timestamp(value)) return t;
  if (value.size() >= 16 && value[10] == ' ') {
    std::string iso = value;
    iso[10] = 'T';
    if (auto t = parse_timestamp(iso)) return t;
    if (auto t = parse_timestamp(iso + "Z")) return t;
  }
  return std::nullopt;
}

std::vector<std::string> as_list(const FrontValue& v) {
  if (v.is_list) return v.list;
  if (v.scalar.empty()) return {};
  return {v.scalar};
}

// Front-matter keys that fill a text field or a list field of the same JSON name.
constexpr std::array<std::pair<std::string_view, std::string Briefing::*>, 8> kTextKeys = {{
    {"id", &Briefing::id},
    {"title", &Briefing::title},
    {"series", &Briefing::series},
    {"category", &Briefing::category},
    {"status", &Briefing::status},
    {"summary", &Briefing::summary},
    {"key_takeaway", &Briefing::key_takeaway},
    {"url", &Briefing::url},
}};
constexpr std::array<std::pair<std::string_view, std::vector<std::string> Briefing::*>, 4>
    kListKeys = {{
        {"actors", &Briefing::actors},
        {"vendors", &Briefing::vendors},
        {"regions", &Briefing::regions},
        {"related", &Briefing::related},
    }};

// Copies the fields front matter names onto the briefing; returns whether it gave a date.
// Unknown keys (tags, author, layout) are ignored.
bool apply_front_matter(const FrontMatter& fm, Briefing& b) {
  bool dated = false;
  for (const auto& [key, value] : fm) {
    for (const auto& [name, field] : kTextKeys)
      if (key == name) b.*field = value.scalar;
    for (const auto& [name, field] : kListKeys)
      if (key == name) b.*field = as_list(value);
    if (key == "read_minutes") {
      if (!all_digits(value.scalar))
        throw InvalidBriefing("read_minutes", "'" + value.scalar + "' is not a whole number");
      b.read_minutes = to_int(value.scalar);
    } else if ((key == "published" || key == "date") && !dated) {
      auto when = parse_front_date(value.scalar);
      if (!when) throw InvalidBriefing("published", "'" + value.scalar + "' is not a date");
      b.published = *when;
      dated = true;
    }
  }
  return dated;
}

// The leading YYYYMMDD or YYYY-MM-DD of a file name ("20221028001-seopoisoning..." -> 2022-10-28).
std::optional<std::int64_t> date_from_stem(std::string_view stem) {
  int y = 0, m = 0, d = 0;
  if (stem.size() >= 10 && all_digits(stem.substr(0, 4)) && stem[4] == '-' &&
      all_digits(stem.substr(5, 2)) && stem[7] == '-' && all_digits(stem.substr(8, 2))) {
    y = to_int(stem.substr(0, 4)), m = to_int(stem.substr(5, 2)), d = to_int(stem.substr(8, 2));
  } else if (stem.size() >= 8 && all_digits(stem.substr(0, 8))) {
    y = to_int(stem.substr(0, 4)), m = to_int(stem.substr(4, 2)), d = to_int(stem.substr(6, 2));
  } else {
    return std::nullopt;
  }
  if (!valid_civil_date(y, m, d)) return std::nullopt;
  return epoch_seconds(y, m, d);
}

// ---- Inline markup ----

// Reference labels compare case-insensitively with white space collapsed.
std::string normalise_label(std::string_view label) {
  return lower(collapse_spaces(label));
}

// HTML elements whose tags are stripped. Anything else in angle brackets (`<UserGuid>` in a
// registry path, `<random_string>`) is text that advisories mean literally.
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
  return kTags.contains(lower(name));
}

// Tags that end a visual line or cell: they become a space so the words on each side stay apart.
bool is_breaking_tag(std::string_view name) {
  static const std::set<std::string, std::less<>> kBreaking = {
      "blockquote", "br",      "caption", "dd",    "details", "div", "dl", "dt", "h1",
      "h2",         "h3",      "h4",      "h5",    "h6",      "hr",  "li", "ol", "p",
      "pre",        "section", "summary", "table", "td",      "th",  "tr", "ul"};
  return kBreaking.contains(lower(name));
}

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

// `&amp;`, `&#8217;`, `&#x2019;` and the few named entities advisories use; 0 when `s` does not
// start with one, else its length (the character is appended to `out`).
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

// What flanks a run of emphasis markers. No-break and other Unicode spaces count as space and
// typographic quotes and dashes as punctuation, as CommonMark has it (`**Note:**` + U+00A0 closes).
enum CharClass { kSpace, kPunct, kOther };

CharClass class_of_utf8(std::string_view c) {
  if (c.size() == 1) return is_space(c[0]) ? kSpace : is_punct(c[0]) ? kPunct : kOther;
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(c[k]); };
  if (c.size() == 2 && byte(0) == 0xC2) return byte(1) == 0xA0 ? kSpace : kPunct;  // U+00A0..BF
  if (c.size() == 3 && byte(0) == 0xE3 && byte(1) == 0x80 && byte(2) == 0x80) return kSpace;
  if (c.size() == 3 && byte(0) == 0xE2 && byte(1) == 0x80) {  // U+2000..203F
    if (byte(2) <= 0x8A || byte(2) == 0xAF) return kSpace;
    if (byte(2) >= 0x90) return kPunct;
  }
  return kOther;
}

// The class of the character (not byte) before `i`, or after a run ending at `i`; the ends of
// the text count as space.
CharClass class_before(std::string_view s, std::size_t i) {
  if (i == 0) return kSpace;
  std::size_t start = i - 1;
  while (start > 0 && i - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80)
    --start;
  return class_of_utf8(s.substr(start, i - start));
}

CharClass class_after(std::string_view s, std::size_t i) {
  if (i >= s.size()) return kSpace;
  auto lead = static_cast<unsigned char>(s[i]);
  std::size_t n = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
  return class_of_utf8(s.substr(i, n));
}

// Bounds on how far a `[`, `(` or `<` looks for its end: without them a paragraph of unclosed
// brackets would be read in quadratic time. Real links and tags are far shorter.
constexpr std::size_t kMaxLinkText = 2048;
constexpr std::size_t kMaxLinkTarget = 4096;
constexpr std::size_t kMaxTag = 2048;

// Renders one line (or table cell, or heading) of inline Markdown to plain text.
class InlineRenderer {
 public:
  explicit InlineRenderer(std::set<std::string> labels) : labels_(std::move(labels)) {}

  std::string render(std::string_view s) const {
    std::vector<Piece> pieces;
    scan(s, pieces);
    return collapse_spaces(resolve_emphasis(pieces));
  }

 private:
  // Literal text, or a run of emphasis characters (`*`, `_`, `~`) waiting to be paired.
  struct Piece {
    std::string text;
    char delim = 0;
    std::size_t count = 0;
    bool can_open = false, can_close = false;
  };

  void scan(std::string_view s, std::vector<Piece>& pieces) const {
    std::string literal;
    auto flush = [&] {
      if (!literal.empty()) pieces.push_back({std::move(literal), 0, 0, false, false});
      literal.clear();
    };
    for (std::size_t i = 0; i < s.size();) {
      char c = s[i];
      if (c == '\\' && i + 1 < s.size() && is_punct(s[i + 1])) {
        literal += s[i + 1];  // an escaped character is text, never markup
        i += 2;
      } else if (c == '`') {
        i = code_span(s, i, literal);
      } else if ((c == '[' || (c == '!' && i + 1 < s.size() && s[i + 1] == '[')) &&
                 link(s, c == '!' ? i + 1 : i, literal, i)) {
        // `link` appended the link text (or the image's alt text) and moved `i` past the link.
      } else if (c == '<' && angle_bracket(s, i, literal, i)) {
        // An autolink, a comment or an HTML tag, consumed.
      } else if (std::size_t n = c == '&' ? decode_entity(s.substr(i), literal) : 0; n > 0) {
        i += n;
      } else if (c == '*' || c == '_' || (c == '~' && i + 1 < s.size() && s[i + 1] == '~')) {
        flush();
        i = delimiter_run(s, i, pieces);
      } else {
        literal += c;
        ++i;
      }
    }
    flush();
  }

  // A code span's content is literal; the backticks go. An unmatched run of backticks is dropped.
  static std::size_t code_span(std::string_view s, std::size_t i, std::string& literal) {
    std::size_t n = 0;
    while (i + n < s.size() && s[i + n] == '`') ++n;
    for (std::size_t j = i + n; j < s.size();) {
      if (s[j] != '`') {
        ++j;
        continue;
      }
      std::size_t m = 0;
      while (j + m < s.size() && s[j + m] == '`') ++m;
      if (m == n) {
        std::string_view content = s.substr(i + n, j - i - n);
        if (content.size() >= 2 && content.front() == ' ' && content.back() == ' ' &&
            !trim(content).empty())
          content = content.substr(1, content.size() - 2);
        literal += content;
        return j + m;
      }
      j += m;
    }
    return i + n;
  }

  // The index just past the `]` that closes the `[` at `open`, or npos.
  static std::size_t bracket_end(std::string_view s, std::size_t open) {
    int depth = 0;
    for (std::size_t i = open; i < std::min(s.size(), open + kMaxLinkText); ++i) {
      if (s[i] == '\\') {
        ++i;
      } else if (s[i] == '[') {
        ++depth;
      } else if (s[i] == ']' && --depth == 0) {
        return i + 1;
      }
    }
    return std::string_view::npos;
  }

  // The index just past `(destination "title")` starting at `open`, or npos. Destinations may
  // hold balanced parentheses (Wikipedia links) or be written in angle brackets.
  static std::size_t inline_target_end(std::string_view s, std::size_t open) {
    int depth = 0;
    char quote = 0;
    for (std::size_t i = open; i < std::min(s.size(), open + kMaxLinkTarget); ++i) {
      char c = s[i];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '\\') {
        ++i;
      } else if (c == '"' && i > open + 1 && s[i - 1] == ' ') {
        quote = c;  // a title
      } else if (c == '(') {
        ++depth;
      } else if (c == ')' && --depth == 0) {
        return i + 1;
      }
    }
    return std::string_view::npos;
  }

  // `[text](url)`, `![alt](src)`, `[text][ref]`, `[text][]` and `[text]` with a definition give
  // their text. `open` is the `[`; on success `next` is the index past the link.
  bool link(std::string_view s, std::size_t open, std::string& literal, std::size_t& next) const {
    std::size_t close = bracket_end(s, open);
    if (close == std::string_view::npos) return false;
    std::string_view text = s.substr(open + 1, close - open - 2);
    std::size_t end = std::string_view::npos;
    if (close < s.size() && s[close] == '(') {
      end = inline_target_end(s, close);
    } else if (close < s.size() && s[close] == '[') {
      end = bracket_end(s, close);
    } else if (!text.starts_with('^') && labels_.contains(normalise_label(text))) {
      end = close;
    }
    if (end == std::string_view::npos) return false;
    literal += render(text);
    next = end;
    return true;
  }

  // `<https://x>` keeps the address as text (it is what the page shows); `<a@b>` keeps the address;
  // comments vanish; tags of HTML elements vanish, those that break a line leaving a space.
  static bool angle_bracket(std::string_view s, std::size_t i, std::string& literal,
                            std::size_t& next) {
    std::string_view rest = s.substr(i);
    if (rest.starts_with("<!--")) {
      std::size_t end = rest.find("-->", 4);
      next = end == std::string_view::npos ? s.size() : i + end + 3;
      return true;
    }
    std::size_t close = rest.substr(0, kMaxTag).find('>');
    if (close == std::string_view::npos) return false;
    std::string_view inside = rest.substr(1, close - 1);
    if (is_autolink(inside)) {
      literal += inside;
      next = i + close + 1;
      return true;
    }
    std::string_view name = inside.starts_with('/') ? inside.substr(1) : inside;
    std::size_t name_end = 0;
    while (name_end < name.size() && (is_alnum(name[name_end]) || name[name_end] == '-'))
      ++name_end;
    std::string_view after = name.substr(name_end);
    bool tag_shape = after.empty() || after == "/" || is_space(after.front());
    if (name_end == 0 || !tag_shape || !is_html_tag_name(name.substr(0, name_end))) return false;
    // Attribute values may hold '>', so find the real end outside quotes.
    char quote = 0;
    std::size_t end = 1, limit = std::min(rest.size(), kMaxTag);
    for (; end < limit; ++end) {
      if (quote) {
        if (rest[end] == quote) quote = 0;
      } else if (rest[end] == '"' || rest[end] == '\'') {
        quote = rest[end];
      } else if (rest[end] == '>') {
        break;
      }
    }
    if (end == limit) return false;
    if (is_breaking_tag(name.substr(0, name_end))) literal += ' ';
    next = i + end + 1;
    return true;
  }

  // `scheme:rest` without spaces (an URI autolink) or `local@domain` (an e-mail autolink).
  static bool is_autolink(std::string_view inside) {
    if (inside.empty() || inside.find_first_of(" <>\t") != std::string_view::npos) return false;
    std::size_t colon = inside.find(':');
    if (colon != std::string_view::npos && colon >= 2 && colon <= 32 && is_alpha(inside[0]) &&
        std::all_of(inside.begin(), inside.begin() + static_cast<std::ptrdiff_t>(colon),
                    [](char c) { return is_alnum(c) || c == '+' || c == '.' || c == '-'; }))
      return true;
    std::size_t at = inside.find('@');
    return at != std::string_view::npos && at > 0 && inside.find('.', at) != std::string_view::npos;
  }

  // A run of `*`, `_` or `~`, with whether it can open or close emphasis (CommonMark's flanking
  // rules; `_` inside a word, as in WS_FTP, is text).
  static std::size_t delimiter_run(std::string_view s, std::size_t i, std::vector<Piece>& pieces) {
    char c = s[i];
    std::size_t n = 0;
    while (i + n < s.size() && s[i + n] == c) ++n;
    CharClass before = class_before(s, i), after = class_after(s, i + n);
    bool left = after != kSpace && (after != kPunct || before != kOther);
    bool right = before != kSpace && (before != kPunct || after != kOther);
    Piece p{std::string(n, c), c, n, left, right};
    if (c == '_') {
      p.can_open = left && (!right || before == kPunct);
      p.can_close = right && (!left || after == kPunct);
    }
    pieces.push_back(std::move(p));
    return i + n;
  }

  // Pairs closers with the nearest opener of the same character and drops the paired markers;
  // unpaired ones stay as text (`*.zip`, `2 * 3`). Open runs wait on one stack per character, so
  // a paragraph of thousands of markers is still read in linear time.
  static std::string resolve_emphasis(std::vector<Piece>& pieces) {
    std::array<std::vector<std::size_t>, 3> open;  // indices of runs of '*', '_', '~'
    auto stack_of = [&](char c) -> std::vector<std::size_t>& {
      return open[c == '*' ? 0 : c == '_' ? 1 : 2];
    };
    for (std::size_t c = 0; c < pieces.size(); ++c) {
      Piece& closer = pieces[c];
      if (!closer.delim) continue;
      std::vector<std::size_t>& same = stack_of(closer.delim);
      while (closer.can_close && closer.count > 0 && !same.empty()) {
        std::size_t o = same.back();
        std::size_t used = std::min(pieces[o].count, closer.count);
        pieces[o].count -= used;
        closer.count -= used;
        if (pieces[o].count == 0) same.pop_back();
        // Markers between a pair cannot pair across it.
        for (auto& stack : open)
          while (!stack.empty() && stack.back() > o) stack.pop_back();
      }
      if (closer.can_open && closer.count > 0) same.push_back(c);
    }
    std::string out;
    for (const Piece& p : pieces) out += p.delim ? std::string(p.count, p.delim) : p.text;
    return out;
  }

  std::set<std::string> labels_;
};

// ---- Blocks ----

// `[label]: destination` on a line of its own defines a reference; the line shows nothing.
std::optional<std::string> reference_definition(std::string_view line) {
  if (indent_of(line) > 3) return std::nullopt;
  line = trim_left(line);
  if (!line.starts_with('[') || line.starts_with("[^")) return std::nullopt;
  std::size_t close = line.find("]:");
  if (close == std::string_view::npos || close < 2) return std::nullopt;
  if (trim(line.substr(close + 2)).empty()) return std::nullopt;
  return normalise_label(line.substr(1, close - 1));
}

// The opening fence of a code block ("```", "~~~~"), empty when the line is not one. Any
// indentation is accepted: advisories indent fences under list items.
std::string_view fence_of(std::string_view line) {
  line = trim_left(line);
  if (line.empty() || (line.front() != '`' && line.front() != '~')) return {};
  std::size_t n = 0;
  while (n < line.size() && line[n] == line.front()) ++n;
  if (n < 3) return {};
  if (line.front() == '`' && line.substr(n).find('`') != std::string_view::npos) return {};
  return line.substr(0, n);
}

// `---`, `***`, `___` (spaces allowed between): a rule, which shows no text.
bool is_thematic_break(std::string_view stripped) {
  if (stripped.empty() || (stripped[0] != '-' && stripped[0] != '*' && stripped[0] != '_'))
    return false;
  std::size_t n = 0;
  for (char c : stripped) {
    if (c == stripped[0])
      ++n;
    else if (!is_space(c))
      return false;
  }
  return n >= 3;
}

// `|---|:---:|`: the row under a table's header.
bool is_table_delimiter(std::string_view stripped) {
  if (stripped.find('|') == std::string_view::npos || stripped.find('-') == std::string_view::npos)
    return false;
  return std::all_of(stripped.begin(), stripped.end(),
                     [](char c) { return c == '|' || c == '-' || c == ':' || is_space(c); });
}

// `- `, `* `, `+ ` and `1. ` / `1) `: the length of the list marker with its space, 0 if none.
std::size_t list_marker(std::string_view stripped) {
  std::size_t n = 0;
  if (!stripped.empty() && (stripped[0] == '-' || stripped[0] == '*' || stripped[0] == '+')) {
    n = 1;
  } else {
    while (n < stripped.size() && n < 9 && is_digit(stripped[n])) ++n;
    if (n == 0 || n == stripped.size() || (stripped[n] != '.' && stripped[n] != ')')) return 0;
    ++n;
  }
  if (n == stripped.size()) return n;
  return is_space(stripped[n]) ? n + 1 : 0;
}

struct Block {
  bool heading = false;
  std::vector<std::string> lines;  // rendered; a heading has one
};

// Turns Markdown lines into blocks of plain text: headings, paragraphs and code blocks. Inside a
// paragraph, list items and table rows keep a line each, while wrapped lines are joined before
// rendering, so links and emphasis that span a line break still resolve.
class BlockReader {
 public:
  explicit BlockReader(const InlineRenderer& renderer) : inline_(renderer) {}

  void add(std::string_view line) {
    if (!fence_.empty()) return add_code_line(line);
    if (in_comment_) {
      if (line.find("-->") != std::string_view::npos) in_comment_ = false;
      return;
    }
    std::string_view stripped = trim(line);
    if (stripped.empty()) return end_paragraph();
    if (add_structural(line, stripped)) return;
    if (stripped.starts_with('>')) return add_quoted(stripped);
    if (in_table_ || stripped.starts_with('|')) return add_finished_line(table_row(stripped));
    if (std::size_t marker = list_marker(stripped)) return add_list_item(stripped, marker);
    add_text(line, stripped);
  }

  std::vector<Block> finish() {
    if (!fence_.empty()) end_code();
    end_paragraph();
    return std::move(blocks_);
  }

 private:
  // Fences, headings, rules, reference definitions, table delimiters and comments; true when the
  // line was one of them.
  bool add_structural(std::string_view line, std::string_view stripped) {
    // Fences count at any indentation: advisories indent them under list items.
    if (std::string_view fence = fence_of(stripped); !fence.empty()) {
      end_paragraph();
      fence_ = std::string(fence);
      fence_indent_ = indent_of(line);
      return true;
    }
    if (indent_of(line) > 3) return false;
    if (auto heading = atx_heading_text(stripped)) {
      add_heading(inline_.render(*heading));
      return true;
    }
    if (is_setext_underline(stripped) && !pending_.empty() && !pending_is_item_ && !in_table_) {
      std::string text = inline_.render(pending_);
      pending_.clear();
      add_heading(std::move(text));
      return true;
    }
    if (is_thematic_break(stripped)) {
      end_paragraph();
      return true;
    }
    if (reference_definition(line)) return true;
    if (is_table_delimiter(stripped)) {
      start_table();
      return true;
    }
    if (stripped.starts_with("<!--") && stripped.find("-->") == std::string_view::npos) {
      in_comment_ = true;
      return true;
    }
    return false;
  }

  // `## Text ##`: the heading's text without the optional closing run of `#`; nullopt when the
  // line is no heading (`#StopRansomware` lacks the space).
  static std::optional<std::string_view> atx_heading_text(std::string_view stripped) {
    std::size_t level = 0;
    while (level < stripped.size() && stripped[level] == '#') ++level;
    if (level == 0 || level > 6 || (level < stripped.size() && !is_space(stripped[level])))
      return std::nullopt;
    std::string_view rest = trim(stripped.substr(level));
    std::size_t end = rest.find_last_not_of('#');
    if (end == std::string_view::npos) return std::string_view{};
    if (end + 1 < rest.size() && is_space(rest[end])) rest = trim(rest.substr(0, end + 1));
    return rest;
  }

  static bool is_setext_underline(std::string_view stripped) {
    auto only = [&](char c) {
      return std::all_of(stripped.begin(), stripped.end(), [c](char x) { return x == c; });
    };
    return only('=') || (stripped.size() >= 2 && only('-'));
  }

  // The row above a delimiter row was read as text before the table showed itself: it is the
  // header row, so it is read again as one.
  void start_table() {
    if (!pending_.empty() && !pending_is_item_) {
      std::size_t newline = pending_.rfind('\n');
      std::string header = newline == std::string::npos ? pending_ : pending_.substr(newline + 1);
      pending_.resize(newline == std::string::npos ? 0 : newline);
      add_finished_line(table_row(header));
    }
    in_table_ = true;
  }

  void add_heading(std::string rendered) {
    end_paragraph();
    if (!rendered.empty()) blocks_.push_back({true, {std::move(rendered)}});
  }

  void add_code_line(std::string_view line) {
    std::string_view stripped = trim(line);
    if (stripped.size() >= fence_.size() &&
        stripped.find_first_not_of(fence_.front()) == std::string_view::npos)
      return end_code();
    // Code indented under a list item loses the indentation of its fence.
    for (std::size_t n = 0; n < fence_indent_ && line.starts_with(' '); ++n) line.remove_prefix(1);
    while (!line.empty() && is_space(line.back())) line.remove_suffix(1);
    code_.emplace_back(line);
  }

  // A code block's text stays as written (IOCs, queries and registry paths are worth finding).
  void end_code() {
    fence_.clear();
    while (!code_.empty() && trim(code_.back()).empty()) code_.pop_back();
    auto first = std::find_if(code_.begin(), code_.end(),
                              [](const std::string& l) { return !trim(l).empty(); });
    if (first != code_.end()) blocks_.push_back({false, {first, code_.end()}});
    code_.clear();
  }

  // `> text`: the quote markers go; what is inside is read like any line.
  void add_quoted(std::string_view stripped) {
    while (stripped.starts_with('>')) stripped = trim_left(stripped.substr(1));
    if (stripped.empty()) return end_paragraph();
    add(stripped);
  }

  // Bullets are layout and go; ordered lists keep their numbers, which the reader sees.
  void add_list_item(std::string_view stripped, std::size_t marker) {
    flush_pending();
    std::string_view item = trim_left(stripped.substr(marker));
    for (std::string_view box : {"[ ] ", "[x] ", "[X] "})
      if (item.starts_with(box)) item.remove_prefix(box.size());
    if (auto heading = atx_heading_text(item)) return add_heading(inline_.render(*heading));
    pending_ = std::string(is_digit(stripped.front()) ? stripped : item);
    pending_is_item_ = true;
  }

  // A plain line continues the text above (a paragraph or a list item) unless that ended in a
  // hard break: two trailing spaces, a backslash, or `<br>`.
  void add_text(std::string_view line, std::string_view stripped) {
    if (!pending_.empty() && !break_pending_) {
      pending_ += '\n';
      pending_ += stripped;
    } else {
      flush_pending();
      pending_ = std::string(stripped);
    }
    std::string tail =
        lower(stripped.substr(stripped.size() - std::min<std::size_t>(6, stripped.size())));
    // A backslash that ends a line breaks it and is not text ("\\" is an escaped backslash).
    bool backslash = stripped.ends_with('\\') && !stripped.ends_with("\\\\");
    if (backslash) pending_.pop_back();
    break_pending_ = backslash || line.ends_with("  ") || tail.ends_with("<br>") ||
                     tail.ends_with("br/>") || tail.ends_with("br />");
  }

  void add_finished_line(std::string rendered) {
    flush_pending();
    if (!rendered.empty()) current_.push_back(std::move(rendered));
  }

  void flush_pending() {
    if (!pending_.empty()) {
      std::string rendered = inline_.render(pending_);
      if (!rendered.empty()) current_.push_back(std::move(rendered));
    }
    pending_.clear();
    pending_is_item_ = false;
    break_pending_ = false;
  }

  // Cells split at pipes that are not escaped and not inside code or link text, each rendered,
  // joined by a space.
  std::string table_row(std::string_view row) const {
    std::string out;
    std::size_t start = 0;
    bool in_code = false;
    int brackets = 0;
    for (std::size_t i = 0; i <= row.size(); ++i) {
      char c = i < row.size() ? row[i] : '|';
      if (c == '\\') {
        ++i;
      } else if (c == '`') {
        in_code = !in_code;
      } else if (!in_code && c == '[') {
        ++brackets;
      } else if (!in_code && c == ']' && brackets > 0) {
        --brackets;
      } else if (c == '|' && (i == row.size() || (!in_code && brackets == 0))) {
        std::string cell = inline_.render(row.substr(start, i - start));
        if (!cell.empty()) out += (out.empty() ? "" : " ") + cell;
        start = i + 1;
      }
    }
    return out;
  }

  void end_paragraph() {
    flush_pending();
    if (!current_.empty()) blocks_.push_back({false, std::move(current_)});
    current_.clear();
    in_table_ = false;
  }

  const InlineRenderer& inline_;
  std::vector<Block> blocks_;
  std::vector<std::string> current_;  // rendered lines of the paragraph being read
  std::string pending_;               // raw text of its last line, still growing
  bool pending_is_item_ = false;
  bool break_pending_ = false;
  std::vector<std::string> code_;
  std::string fence_;  // the open code fence, empty outside code
  std::size_t fence_indent_ = 0;
  bool in_table_ = false;
  bool in_comment_ = false;
};

// Labels of `[label]: url` definitions outside code, so `[label]` alone reads as a link.
std::set<std::string> reference_labels(const std::vector<std::string_view>& lines,
                                       std::size_t from) {
  std::set<std::string> labels;
  std::string fence;
  for (std::size_t i = from; i < lines.size(); ++i) {
    std::string_view f = fence_of(lines[i]);
    if (!fence.empty()) {
      if (!f.empty() && f.front() == fence.front() && f.size() >= fence.size()) fence.clear();
    } else if (!f.empty()) {
      fence = std::string(f);
    } else if (auto label = reference_definition(lines[i])) {
      labels.insert(std::move(*label));
    }
  }
  return labels;
}

std::string join_blocks(const std::vector<Block>& blocks) {
  std::string out;
  for (const Block& block : blocks) {
    std::string paragraph;
    for (const std::string& line : block.lines) {
      if (!paragraph.empty()) paragraph += '\n';
      paragraph += line;
    }
    if (paragraph.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += paragraph;
  }
  return out;
}

std::vector<Block> read_blocks(const std::vector<std::string_view>& lines, std::size_t from,
                               std::optional<std::size_t> skip, const InlineRenderer& renderer) {
  BlockReader reader(renderer);
  for (std::size_t i = from; i < lines.size(); ++i)
    if (i != skip) reader.add(lines[i]);
  return reader.finish();
}

// A document without any heading takes its first line that shows text as the title; returns that
// line's index. Quote and list markers are layout, not title.
std::optional<std::size_t> first_text_line(const std::vector<std::string_view>& lines,
                                           std::size_t from, const InlineRenderer& renderer,
                                           std::string& title) {
  for (std::size_t i = from; i < lines.size(); ++i) {
    std::string_view text = trim(lines[i]);
    while (text.starts_with('>')) text = trim_left(text.substr(1));
    if (std::size_t marker = list_marker(text); marker > 0 && !is_digit(text.front()))
      text = trim_left(text.substr(marker));
    title = renderer.render(text);
    if (!title.empty()) return i;
  }
  return std::nullopt;
}

}  // namespace

Briefing read_markdown(std::string_view text, const std::string& file_stem) {
  std::vector<std::string_view> lines = split_lines(text);
  std::size_t body_from = 0;
  FrontMatter front = parse_front_matter(lines, body_from);

  Briefing b;
  b.id = file_stem;
  bool dated = apply_front_matter(front, b);
  if (!dated) {
    auto when = date_from_stem(file_stem);
    if (!when)
      throw InvalidBriefing("published", "no date in front matter, and the file name '" +
                                             file_stem +
                                             "' does not start with YYYYMMDD or YYYY-MM-DD");
    b.published = *when;
  }

  InlineRenderer renderer(reference_labels(lines, body_from));
  std::vector<Block> blocks = read_blocks(lines, body_from, std::nullopt, renderer);
  if (trim(b.title).empty()) {
    auto heading =
        std::find_if(blocks.begin(), blocks.end(), [](const Block& x) { return x.heading; });
    if (heading != blocks.end()) {
      b.title = std::move(heading->lines.front());
      blocks.erase(heading);
    } else if (auto at = first_text_line(lines, body_from, renderer, b.title)) {
      // Wrapped lines join into one, so the title line is left out and the body read again.
      blocks = read_blocks(lines, body_from, at, renderer);
    }
  }
  b.body = join_blocks(blocks);
  validate(b);
  return b;
}

}  // namespace briefing
