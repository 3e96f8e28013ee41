// Footnote digits found and dropped; paragraphs tidied and joined as the schema wants them.
#include "page_text_prose.h"

#include <cstddef>

#include "page_text_chars.h"

namespace briefing::page_text {
namespace {

// Footnote references are superscripts on the page and arrive glued to the end of a sentence:
// `joint response."1 The paper`. Returns how many digits at `i` are such a reference (0 if none):
// one or two digits ending a word, right after sentence punctuation with a closing quote, or right
// after a full stop that ends a word when a new sentence (or the line's end) follows.
std::size_t footnote_digits_at(std::string_view s, std::size_t i) {
  std::size_t end = i;
  while (end < s.size() && is_ascii_digit(s[end])) ++end;
  if (end - i > 2 || (end < s.size() && s[end] != ' ')) return 0;
  std::string_view before = s.substr(0, i);
  for (std::string_view quote : {"\"", "'", ")", "\xE2\x80\x9D", "\xE2\x80\x99"}) {
    if (!before.ends_with(quote)) continue;
    std::string_view rest = before.substr(0, before.size() - quote.size());
    if (!rest.empty() &&
        (rest.back() == '.' || rest.back() == '!' || rest.back() == '?' || rest.back() == ','))
      return end - i;
  }
  // `sentence.1 Next`: a word of at least two lower-case letters, so "v.2" or "No.1" survive.
  bool after_word = before.size() >= 3 && before.back() == '.' &&
                    is_ascii_lower(before[before.size() - 2]) &&
                    is_ascii_lower(before[before.size() - 3]);
  bool sentence_follows = end == s.size() || (end + 1 < s.size() && is_ascii_upper(s[end + 1]));
  return after_word && sentence_follows ? end - i : 0;
}

}  // namespace

std::string tidy_prose(std::string_view line) {
  std::string out;
  for (std::size_t i = 0; i < line.size();) {
    if (is_ascii_digit(line[i]) && (i == 0 || !is_ascii_digit(line[i - 1]))) {
      if (std::size_t n = footnote_digits_at(line, i)) {
        i += n;
        continue;
      }
    }
    out += line[i++];
  }
  return std::string(trim(out));
}

std::string join_prose(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) {
    std::string paragraph = tidy_prose(line);
    if (paragraph.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += paragraph;
  }
  return out;
}

void append_paragraph(std::string& field, std::string_view paragraph) {
  if (paragraph.empty()) return;
  if (!field.empty()) field += "\n\n";
  field += paragraph;
}

}  // namespace briefing::page_text
