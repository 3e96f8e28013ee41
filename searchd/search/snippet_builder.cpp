// The window with the most distinct query terms wins (then the most matches, then the earliest;
// fields after one whose window holds every term are not looked at);
// it is widened to about the target length and cut at spaces, never inside a UTF-8 character.
#include "snippet_builder.h"
#include "text_util.h"

#include <algorithm>
#include <map>

namespace briefing {
namespace {

bool is_utf8_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Number of characters (code points) in text[begin, end).
std::size_t char_count(std::string_view text, std::size_t begin, std::size_t end) {
  std::size_t n = 0;
  for (std::size_t i = begin; i < end; ++i)
    if (!is_utf8_continuation(text[i])) ++n;
  return n;
}

// Moves `at` back by up to `chars` characters, stopping at `floor`.
std::size_t back_chars(std::string_view text, std::size_t at, std::size_t chars,
                       std::size_t floor) {
  while (at > floor && chars > 0) {
    --at;
    while (at > floor && is_utf8_continuation(text[at])) --at;
    --chars;
  }
  return at;
}

std::size_t forward_chars(std::string_view text, std::size_t at, std::size_t chars) {
  while (at < text.size() && chars > 0) {
    ++at;
    while (at < text.size() && is_utf8_continuation(text[at])) ++at;
    --chars;
  }
  return at;
}

// Cut points: after a space going backwards, before a space going forwards (within a few
// characters), so words are not split when the text has spaces at all.
std::size_t start_at_word(std::string_view text, std::size_t at) {
  std::size_t s = at;
  while (s > 0 && at - s < 20 && !is_ascii_space(text[s - 1])) --s;
  if (s == 0 || is_ascii_space(text[s - 1])) return s;
  while (at < text.size() && is_utf8_continuation(text[at])) ++at;
  return at;
}

std::size_t end_at_word(std::string_view text, std::size_t at) {
  std::size_t e = at;
  while (e < text.size() && e - at < 20 && !is_ascii_space(text[e])) ++e;
  if (e == text.size() || is_ascii_space(text[e])) return e;
  while (at < text.size() && is_utf8_continuation(text[at])) ++at;
  return at;
}

// The length of the longest prefix of `text` within `limit` bytes that ends on a character.
std::size_t prefix_length(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text.size();
  std::size_t n = limit;
  while (n > 0 && is_utf8_continuation(text[n])) --n;
  return n;
}

}  // namespace

std::vector<SnippetBuilder::Mark> SnippetBuilder::find_marks(std::string_view text,
                                                             const HighlightTerms& highlight) {
  std::vector<Mark> marks;
  tokens_.clear();
  std::bitset<256> first_bytes;  // only words that could stem to a query term are stemmed
  for (const std::string& term : highlight.terms)
    if (!term.empty()) first_bytes.set(static_cast<unsigned char>(term[0]));
  analyser_.analyse(text, tokens_, 0, first_bytes);
  std::uint32_t covered_to = 0;  // a matched compound covers its parts
  for (const Token& t : tokens_) {
    if (t.begin < covered_to) continue;
    bool hit = highlight.terms.count(t.term) > 0;
    if (!hit && !highlight.prefixes.empty() && t.role != TokenRole::kCompound) {
      std::string folded = analyser_.fold(text.substr(t.begin, t.end - t.begin));
      for (const auto& p : highlight.prefixes) hit = hit || folded.compare(0, p.size(), p) == 0;
    }
    if (!hit) continue;
    marks.push_back({t.begin, t.end, t.term});
    covered_to = t.end;
  }
  return marks;
}

std::string SnippetBuilder::render(std::string_view text, std::size_t begin, std::size_t end,
                                   const std::vector<Mark>& marks) const {
  std::string out;
  if (begin > 0) out += "\xE2\x80\xA6 ";  // "… "
  std::size_t at = begin;
  for (std::size_t i = 0; i < marks.size(); ++i) {
    const Mark& m = marks[i];
    if (m.begin < at || m.end > end) continue;
    // Marks that touch are one: Chinese words ICU splits into characters ("路由器"), the parts
    // of a CamelCase word ("PowerShell").
    std::size_t mark_end = m.end;
    while (i + 1 < marks.size() && marks[i + 1].begin == mark_end && marks[i + 1].end <= end)
      mark_end = marks[++i].end;
    out += html_escape(text.substr(at, m.begin - at));
    out += "<mark>";
    out += html_escape(text.substr(m.begin, mark_end - m.begin));
    out += "</mark>";
    at = mark_end;
  }
  out += html_escape(text.substr(at, end - at));
  if (end < text.size()) out += " \xE2\x80\xA6";  // " …"
  return out;
}

SnippetBuilder::Window SnippetBuilder::best_window(std::string_view text,
                                                   const std::vector<Mark>& marks) const {
  // Two pointers over the marks: each mark enters and leaves the window once, so a field full of
  // matches (a wildcard over a long body) costs linear time, not one count per pair.
  Window best;
  std::map<std::string_view, std::size_t> in_window;  // term -> marks of it in the window
  std::size_t j = 0, chars = 0;                       // window is [i, j); chars spanned
  for (std::size_t i = 0; i < marks.size(); ++i) {
    if (j < i + 1) {
      j = i + 1;
      in_window.clear();
      ++in_window[marks[i].term];
    }
    chars = char_count(text, marks[i].begin, marks[j - 1].end);
    while (j < marks.size()) {
      std::size_t wider = chars + char_count(text, marks[j - 1].end, marks[j].end);
      if (wider > target_) break;
      chars = wider;
      ++in_window[marks[j++].term];
    }
    const std::size_t count = j - i;
    if (in_window.size() > best.distinct ||
        (in_window.size() == best.distinct && count > best.count))
      best = {in_window.size(), count, i, j - 1};
    if (--in_window[marks[i].term] == 0) in_window.erase(marks[i].term);
  }
  return best;
}

std::string SnippetBuilder::build(const std::vector<std::string_view>& fields,
                                  const HighlightTerms& highlight) {
  struct Best {
    int field = -1;
    std::size_t distinct = 0, count = 0;
    std::size_t begin = 0, end = 0;  // byte span of the matches
    std::vector<Mark> marks;
  } best;

  if (!highlight.empty()) {
    // A window with every query term cannot be beaten on distinct terms, and an earlier field is
    // the better read: the fields after it need not be analysed.
    const std::size_t all_terms = highlight.terms.size() + highlight.prefixes.size();
    std::size_t hit_bytes = 0;
    for (std::size_t f = 0; f < fields.size() && best.distinct < all_terms; ++f) {
      const std::size_t room =
          std::min(budget_.bytes_per_hit - hit_bytes, budget_.bytes_per_answer - answer_bytes_);
      std::string_view text = fields[f].substr(0, prefix_length(fields[f], room));
      if (text.empty()) continue;
      hit_bytes += text.size();
      answer_bytes_ += text.size();
      std::vector<Mark> marks = find_marks(text, highlight);
      if (marks.empty()) continue;
      Window w = best_window(text, marks);
      if (w.distinct > best.distinct || (w.distinct == best.distinct && w.count > best.count))
        best = {static_cast<int>(f),  w.distinct,        w.count,
                marks[w.first].begin, marks[w.last].end, std::move(marks)};
    }
  }

  if (best.field < 0) {  // nothing to mark: the opening of the first non-empty field
    for (std::string_view text : fields) {
      if (text.empty()) continue;
      std::size_t end = end_at_word(text, forward_chars(text, 0, target_));
      return render(text, 0, end, {});
    }
    return {};
  }

  std::string_view text = fields[static_cast<std::size_t>(best.field)];
  // Put the matches a little after the start, then fill up to the target length.
  std::size_t used = char_count(text, best.begin, best.end);
  std::size_t room = target_ > used ? target_ - used : 0;
  std::size_t lead = std::min<std::size_t>(room / 3, 60);
  std::size_t begin = back_chars(text, best.begin, lead, 0);
  std::size_t end = forward_chars(text, best.end, room - lead);
  if (end == text.size())
    begin = back_chars(text, begin, target_ - std::min(target_, char_count(text, begin, end)), 0);
  if (begin > 0) begin = start_at_word(text, begin);
  if (end < text.size()) end = end_at_word(text, end);
  return render(text, begin, end, best.marks);
}

}  // namespace briefing
