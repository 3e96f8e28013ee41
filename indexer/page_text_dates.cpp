// Dates in page text, found word by word: a day, a month name and a year with the separators
// between them that the site writes.
#include "page_text_dates.h"

#include <array>

#include "page_text_chars.h"
#include "timestamp.h"

namespace briefing::page_text {
namespace {

struct Word {
  std::string_view text;
  std::size_t begin = 0, end = 0;
};

// ASCII letter-and-digit runs with their places, enough to find dates in a line.
std::vector<Word> words_of(std::string_view s) {
  std::vector<Word> words;
  for (std::size_t i = 0; i < s.size();) {
    if (!is_ascii_alnum(s[i])) {
      ++i;
      continue;
    }
    std::size_t begin = i;
    while (i < s.size() && is_ascii_alnum(s[i])) ++i;
    words.push_back({s.substr(begin, i - begin), begin, i});
  }
  return words;
}

// A day of the month, allowing an ordinal suffix ("8", "08", "8th").
int day_number(std::string_view word) {
  for (std::string_view suffix : {"st", "nd", "rd", "th"})
    if (word.size() > suffix.size() && ascii_lower(word).ends_with(suffix))
      word.remove_suffix(suffix.size());
  if (!all_ascii_digits(word) || word.size() > 2) return 0;
  return digits_value(word);
}

int year_number(std::string_view word) {
  return all_ascii_digits(word) && word.size() == 4 ? digits_value(word) : 0;
}

// True when only `allowed` characters (and spaces) lie between two words of a date.
bool gap_is(std::string_view s, const Word& a, const Word& b, std::string_view allowed) {
  for (std::size_t i = a.end; i < b.begin; ++i)
    if (s[i] != ' ' && allowed.find(s[i]) == std::string_view::npos) return false;
  return true;
}

}  // namespace

int month_from_name(std::string_view word) {
  if (ascii_iequals(word, "sept")) return 9;
  if (word.size() < 3) return 0;
  for (std::size_t m = 0; m < kMonthNames.size(); ++m) {
    const std::string_view name = kMonthNames[m];
    if (ascii_iequals(word, name) || (word.size() == 3 && ascii_iequals(word, name.substr(0, 3))))
      return static_cast<int>(m) + 1;
  }
  return 0;
}

std::vector<DateMatch> full_dates_in(std::string_view s) {
  std::vector<DateMatch> found;
  std::vector<Word> w = words_of(s);
  for (std::size_t i = 0; i + 2 < w.size(); ++i) {
    CivilDate d;
    if (int day = day_number(w[i].text);
        day && gap_is(s, w[i], w[i + 1], "") && gap_is(s, w[i + 1], w[i + 2], ".,")) {
      d = {year_number(w[i + 2].text), month_from_name(w[i + 1].text), day};
    } else if (int month = month_from_name(w[i].text);
               month && gap_is(s, w[i], w[i + 1], ".") && gap_is(s, w[i + 1], w[i + 2], ",")) {
      d = {year_number(w[i + 2].text), month, day_number(w[i + 1].text)};
    } else if (w[i].text.size() == 4 && w[i + 1].text.size() == 2 && w[i + 2].text.size() == 2 &&
               w[i].end == w[i + 1].begin - 1 && s[w[i].end] == '-' &&
               w[i + 1].end == w[i + 2].begin - 1 && s[w[i + 1].end] == '-' &&
               all_ascii_digits(w[i + 1].text) && all_ascii_digits(w[i + 2].text)) {
      d = {year_number(w[i].text), digits_value(w[i + 1].text), digits_value(w[i + 2].text)};
    }
    if (d.year && d.month && d.day && valid_civil_date(d.year, d.month, d.day)) {
      found.push_back({d, w[i].begin, w[i + 2].end});
      i += 2;
    }
  }
  return found;
}

std::string format_civil_date(const CivilDate& d) {
  return format_date(epoch_seconds({d.year, d.month, d.day}));
}

}  // namespace briefing::page_text
