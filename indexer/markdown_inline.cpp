// Inline Markdown to plain text: code spans keep their content, links their text, HTML tags and
// emphasis markers go (paired as CommonMark pairs them), entities become characters.
#include "markdown_inline.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include "markdown_html.h"
#include "markdown_text.h"

namespace briefing::markdown {

// Literal text (a link's text with its target), or a run of emphasis characters (`*`, `_`, `~`)
// waiting to be paired.
struct InlinePiece {
  std::string text;
  char delim = 0;
  std::size_t count = 0;
  bool can_open = false, can_close = false;
  std::string href;
};

namespace {

// Bounds on how far a `[`, `(` or `<` looks for its end: without them a paragraph of unclosed
// brackets would be read in quadratic time. Real links and tags are far shorter.
constexpr std::size_t kMaxLinkText = 2048;
constexpr std::size_t kMaxLinkTarget = 4096;
constexpr std::size_t kMaxTag = 2048;

// What flanks a run of emphasis markers. No-break and other Unicode spaces count as space and
// typographic quotes and dashes as punctuation, as CommonMark has it (`**Note:**` + U+00A0 closes).
enum CharClass { kSpace, kPunct, kOther };

CharClass class_of_utf8(std::string_view c) {
  if (c.size() == 1) return is_ascii_space(c[0]) ? kSpace : is_punct(c[0]) ? kPunct : kOther;
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

// A code span's content is literal; the backticks go. An unmatched run of backticks is dropped.
std::size_t code_span(std::string_view s, std::size_t i, std::string& literal) {
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
std::size_t bracket_end(std::string_view s, std::size_t open) {
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
std::size_t inline_target_end(std::string_view s, std::size_t open) {
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

// `scheme:rest` without spaces (an URI autolink) or `local@domain` (an e-mail autolink).
bool is_autolink(std::string_view inside) {
  if (inside.empty() || inside.find_first_of(" <>\t") != std::string_view::npos) return false;
  std::size_t colon = inside.find(':');
  if (colon != std::string_view::npos && colon >= 2 && colon <= 32 && is_ascii_alpha(inside[0]) &&
      std::all_of(inside.begin(), inside.begin() + static_cast<std::ptrdiff_t>(colon),
                  [](char c) { return is_ascii_alnum(c) || c == '+' || c == '.' || c == '-'; }))
    return true;
  std::size_t at = inside.find('@');
  return at != std::string_view::npos && at > 0 && inside.find('.', at) != std::string_view::npos;
}

void flush_literal(std::string& literal, std::vector<InlinePiece>& pieces) {
  if (!literal.empty()) pieces.push_back({std::move(literal), 0, 0, false, false, {}});
  literal.clear();
}

// `<https://x>` keeps the address as text (it is what the page shows) and gives it as `target`;
// `<a@b>` keeps the address; comments vanish; tags of HTML elements vanish, those that break a
// line leaving a space.
bool angle_bracket(std::string_view s, std::size_t i, std::string& literal, std::size_t& next,
                   std::string& target) {
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
    if (inside.find(':') != std::string_view::npos)
      target = inside;
    else
      literal += inside;
    next = i + close + 1;
    return true;
  }
  std::string_view name = inside.starts_with('/') ? inside.substr(1) : inside;
  std::size_t name_end = 0;
  while (name_end < name.size() && (is_ascii_alnum(name[name_end]) || name[name_end] == '-'))
    ++name_end;
  std::string_view after = name.substr(name_end);
  bool tag_shape = after.empty() || after == "/" || is_ascii_space(after.front());
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

// A run of `*`, `_` or `~`, with whether it can open or close emphasis (CommonMark's flanking
// rules; `_` inside a word, as in WS_FTP, is text).
std::size_t delimiter_run(std::string_view s, std::size_t i, std::vector<InlinePiece>& pieces) {
  char c = s[i];
  std::size_t n = 0;
  while (i + n < s.size() && s[i + n] == c) ++n;
  CharClass before = class_before(s, i), after = class_after(s, i + n);
  bool left = after != kSpace && (after != kPunct || before != kOther);
  bool right = before != kSpace && (before != kPunct || after != kOther);
  InlinePiece p{std::string(n, c), c, n, left, right, {}};
  if (c == '_') {
    p.can_open = left && (!right || before == kPunct);
    p.can_close = right && (!left || after == kPunct);
  }
  pieces.push_back(std::move(p));
  return i + n;
}

// Pairs closers with the nearest opener of the same character and drops the paired markers;
// unpaired ones stay as text (`*.zip`, `2 * 3`): each run's count is what is left of it. Open
// runs wait on one stack per character, so a paragraph of thousands of markers is still read in
// linear time.
void resolve_emphasis(std::vector<InlinePiece>& pieces) {
  std::array<std::vector<std::size_t>, 3> open;  // indices of runs of '*', '_', '~'
  auto stack_of = [&](char c) -> std::vector<std::size_t>& {
    return open[c == '*' ? 0 : c == '_' ? 1 : 2];
  };
  for (std::size_t c = 0; c < pieces.size(); ++c) {
    InlinePiece& closer = pieces[c];
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
}

// The pieces' text as spans, neighbours with the same target joined.
SpanLine spans_of(const std::vector<InlinePiece>& pieces) {
  SpanLine out;
  for (const InlinePiece& p : pieces) {
    std::string text = p.delim ? std::string(p.count, p.delim) : p.text;
    if (!out.empty() && out.back().href == p.href)
      out.back().text += text;
    else
      out.push_back({std::move(text), p.href});
  }
  return out;
}

}  // namespace

std::string normalise_label(std::string_view label) {
  return ascii_lower(collapse_spaces(label));
}

std::string link_destination(std::string_view s) {
  s = trim(s);
  std::string_view raw = s.starts_with('<') ? s.substr(1, s.find('>') - 1)  // npos: all of it
                                            : s.substr(0, s.find_first_of(" \t"));
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 1 < raw.size() && is_punct(raw[i + 1]))
      out += raw[++i];
    else if (std::size_t n = raw[i] == '&' ? decode_entity(raw.substr(i), out) : 0; n > 0)
      i += n - 1;
    else
      out += raw[i];
  }
  return out;
}

RenderedLine InlineRenderer::render_line(std::string_view s) const {
  std::vector<InlinePiece> pieces;
  scan(s, pieces);
  resolve_emphasis(pieces);
  RenderedLine out{{}, collapse_spaces(spans_of(pieces))};
  for (const BodySpan& span : out.spans) out.text += span.text;
  return out;
}

void InlineRenderer::scan(std::string_view s, std::vector<InlinePiece>& pieces) const {
  std::string literal;
  auto flush = [&] { flush_literal(literal, pieces); };
  for (std::size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == '\\' && i + 1 < s.size() && is_punct(s[i + 1])) {
      literal += s[i + 1];  // an escaped character is text, never markup
      i += 2;
    } else if (c == '`') {
      i = code_span(s, i, literal);
    } else if ((c == '[' || (c == '!' && i + 1 < s.size() && s[i + 1] == '[')) &&
               link(s, c == '!' ? i + 1 : i, literal, pieces, i)) {
      // `link` added the link text (or the image's alt text) and moved `i` past the link. An
      // image's source is not somewhere to go.
      if (c == '!') pieces.back().href.clear();
    } else if (std::string target; c == '<' && angle_bracket(s, i, literal, i, target)) {
      // An autolink, a comment or an HTML tag, consumed.
      if (!target.empty()) {
        flush();
        pieces.push_back({target, 0, 0, false, false, target});
      }
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

// `[text](url)`, `![alt](src)`, `[text][ref]`, `[text][]` and `[text]` with a definition give
// their text, a piece of its own with the target. `open` is the `[`; on success `next` is the
// index past the link.
bool InlineRenderer::link(std::string_view s, std::size_t open, std::string& literal,
                          std::vector<InlinePiece>& pieces, std::size_t& next) const {
  std::size_t close = bracket_end(s, open);
  if (close == std::string_view::npos) return false;
  std::string_view text = s.substr(open + 1, close - open - 2);
  std::size_t end = std::string_view::npos;
  std::string_view label;
  std::string href;
  if (close < s.size() && s[close] == '(') {
    end = inline_target_end(s, close);
    if (end != std::string_view::npos)
      href = link_destination(s.substr(close + 1, end - close - 2));
  } else if (close < s.size() && s[close] == '[') {
    end = bracket_end(s, close);
    if (end != std::string_view::npos) label = s.substr(close + 1, end - close - 2);
    if (trim(label).empty()) label = text;
  } else if (!text.starts_with('^') && references_.contains(normalise_label(text))) {
    end = close;
    label = text;
  }
  if (end == std::string_view::npos) return false;
  if (auto it = references_.find(normalise_label(label)); !label.empty() && it != references_.end())
    href = it->second;
  flush_literal(literal, pieces);
  pieces.push_back({render(text), 0, 0, false, false, std::move(href)});
  next = end;
  return true;
}

}  // namespace briefing::markdown
