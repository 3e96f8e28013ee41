// Page text: a briefing page copied out of the browser. Lines are classified, split into sections
// at the fixed section headings, and each section is parsed on its own, so sections may come in
// any order or be missing.
#include "page_text_reader.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "briefing_json.h"
#include "errors.h"
#include "timestamp.h"

namespace briefing {
namespace {

// ---- Characters ----

constexpr std::string_view kMiddleDot = "\xC2\xB7";  // "·" in `Short term · 0.65`, `CSIS· 8 May`
constexpr std::string_view kBullet = "\xE2\x80\xA2";  // "•" in front of an outlook kind

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_alnum(char c) {
  return is_digit(c) || is_upper(c) || is_lower(c);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (is_upper(c)) c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!is_digit(c)) return false;
  return true;
}

int to_int(std::string_view digits) {
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

// Browsers copy layout characters along with the text. Returns how many bytes at `i` form one, and
// whether it stands for a space (no-break and fixed-width spaces) or for nothing (zero-width
// characters and the byte-order mark sit inside or before words, so they must not split them).
std::pair<std::size_t, bool> odd_space_at(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  if (i + 1 < s.size() && byte(0) == 0xC2 && byte(1) == 0xA0) return {2, true};
  if (i + 2 >= s.size()) return {0, false};
  if (byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF) return {3, false};  // BOM
  if (byte(0) == 0xE3 && byte(1) == 0x80 && byte(2) == 0x80) return {3, true};   // ideographic
  if (byte(0) != 0xE2) return {0, false};
  if (byte(1) == 0x80 && byte(2) >= 0x80 && byte(2) <= 0x8A) return {3, true};  // en quad..hair
  if (byte(1) == 0x80 && byte(2) == 0xAF) return {3, true};                     // narrow no-break
  if (byte(1) == 0x81 && byte(2) == 0x9F) return {3, true};                     // math space
  if (byte(1) == 0x80 && byte(2) == 0x8B) return {3, false};                    // zero width
  if (byte(1) == 0x81 && byte(2) == 0xA0) return {3, false};                    // word joiner
  return {0, false};
}

// One line as the reader sees it: odd spaces made plain, runs of spaces collapsed, ends trimmed
// (outlook items come indented, some lines carry trailing spaces).
std::string normalise_line(std::string_view raw) {
  std::string out;
  bool pending_space = false;
  for (std::size_t i = 0; i < raw.size();) {
    auto [odd_length, odd_is_space] = odd_space_at(raw, i);
    if (odd_length > 0 && !odd_is_space) {
      i += odd_length;
      continue;
    }
    if (odd_length > 0 || is_space(raw[i])) {
      pending_space = !out.empty();
      i += odd_length > 0 ? odd_length : 1;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += raw[i++];
  }
  return out;
}

// ---- Prose clean-up ----

// Footnote references are superscripts on the page and arrive glued to the end of a sentence:
// `joint response."1 The paper`. Returns how many digits at `i` are such a reference (0 if none):
// one or two digits ending a word, right after sentence punctuation with a closing quote, or right
// after a full stop that ends a word when a new sentence (or the line's end) follows.
std::size_t footnote_digits_at(std::string_view s, std::size_t i) {
  std::size_t end = i;
  while (end < s.size() && is_digit(s[end])) ++end;
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
                    is_lower(before[before.size() - 2]) && is_lower(before[before.size() - 3]);
  bool sentence_follows = end == s.size() || (end + 1 < s.size() && is_upper(s[end + 1]));
  return after_word && sentence_follows ? end - i : 0;
}

// A paragraph as the page shows it, without footnote digits. Other oddities of the copy (a space
// before a comma) are kept: the text stays what the analyst copied.
std::string tidy_prose(std::string_view line) {
  std::string out;
  for (std::size_t i = 0; i < line.size();) {
    if (is_digit(line[i]) && (i == 0 || !is_digit(line[i - 1]))) {
      if (std::size_t n = footnote_digits_at(line, i)) {
        i += n;
        continue;
      }
    }
    out += line[i++];
  }
  return std::string(trim(out));
}

// Paragraphs of one field, each tidied, separated by a blank line as the schema wants.
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

// ---- Dates ----

struct CivilDate {
  int year = 0, month = 0, day = 0;
};

// 1..12 for an English month name or its abbreviation ("May", "SEP", "Sept."), 0 otherwise.
int month_from_name(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  std::string w = lower(word);
  if (w == "sept") return 9;
  if (w.size() < 3) return 0;
  for (std::size_t m = 0; m < kMonths.size(); ++m)
    if (w == kMonths[m] || (w.size() == 3 && kMonths[m].starts_with(w)))
      return static_cast<int>(m) + 1;
  return 0;
}

struct Word {
  std::string_view text;
  std::size_t begin = 0, end = 0;
};

// ASCII letter-and-digit runs with their places, enough to find dates in a line.
std::vector<Word> words_of(std::string_view s) {
  std::vector<Word> words;
  for (std::size_t i = 0; i < s.size();) {
    if (!is_alnum(s[i])) {
      ++i;
      continue;
    }
    std::size_t begin = i;
    while (i < s.size() && is_alnum(s[i])) ++i;
    words.push_back({s.substr(begin, i - begin), begin, i});
  }
  return words;
}

// A day of the month, allowing an ordinal suffix ("8", "08", "8th").
int day_number(std::string_view word) {
  for (std::string_view suffix : {"st", "nd", "rd", "th"})
    if (word.size() > suffix.size() && lower(word).ends_with(suffix))
      word.remove_suffix(suffix.size());
  if (!all_digits(word) || word.size() > 2) return 0;
  return to_int(word);
}

int year_number(std::string_view word) {
  return all_digits(word) && word.size() == 4 ? to_int(word) : 0;
}

// True when only `allowed` characters (and spaces) lie between two words of a date.
bool gap_is(std::string_view s, const Word& a, const Word& b, std::string_view allowed) {
  for (std::size_t i = a.end; i < b.begin; ++i)
    if (s[i] != ' ' && allowed.find(s[i]) == std::string_view::npos) return false;
  return true;
}

struct DateMatch {
  CivilDate date;
  std::size_t begin = 0, end = 0;
};

// Every full date in a line: "8 May 2026", "May 8, 2026" and "2026-05-08".
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
               all_digits(w[i + 1].text) && all_digits(w[i + 2].text)) {
      d = {year_number(w[i].text), to_int(w[i + 1].text), to_int(w[i + 2].text)};
    }
    if (d.year && d.month && d.day && valid_civil_date(d.year, d.month, d.day)) {
      found.push_back({d, w[i].begin, w[i + 2].end});
      i += 2;
    }
  }
  return found;
}

std::string format_civil_date(const CivilDate& d) {
  return format_date(epoch_seconds(d.year, d.month, d.day));
}

// ---- Line classifier ----

enum class Section {
  kHeader,  // everything before the first section heading
  kKeyTakeaway,
  kDeepAnalysis,
  kPlainEnglish,
  kRootCauses,
  kOutlook,
  kFirstReported,
  kCausesEffects,
  kPerspectives,
};

enum class LineKind { kBlank, kChrome, kLabel, kHeading, kText };

struct Line {
  LineKind kind = LineKind::kText;
  Section section = Section::kHeader;  // for headings
  std::string text;
};

struct HeadingName {
  std::string_view name;  // lower case, without a trailing colon
  Section section;
};

constexpr std::array<HeadingName, 12> kHeadings = {{
    {"key takeaway", Section::kKeyTakeaway},
    {"key takeaways", Section::kKeyTakeaway},
    {"deep analysis", Section::kDeepAnalysis},
    {"in plain english", Section::kPlainEnglish},
    {"root causes", Section::kRootCauses},
    {"root cause", Section::kRootCauses},
    {"what could happen next?", Section::kOutlook},
    {"what could happen next", Section::kOutlook},
    {"first reported in", Section::kFirstReported},
    {"causes and effects", Section::kCausesEffects},
    {"causes & effects", Section::kCausesEffects},
    {"different perspectives", Section::kPerspectives},
}};

// Navigation, banners and link labels of the site: never part of the briefing.
bool is_chrome(std::string_view key) {
  return key == "skip to content" || key == "read original" || key == "back to top" ||
         key.ends_with("see roadmap");
}

// What a line is, independent of where it stands; the section parsers read the rest.
Line classify(std::string_view raw) {
  Line line;
  line.text = normalise_line(raw);
  if (line.text.empty()) {
    line.kind = LineKind::kBlank;
    return line;
  }
  std::string key = lower(line.text);
  if (key.size() > 1 && key.back() == ':') key.pop_back();
  if (is_chrome(key)) {
    line.kind = LineKind::kChrome;
  } else if (key == "this event") {  // the label over the repeated title in "Causes and effects"
    line.kind = LineKind::kLabel;
  } else {
    for (const HeadingName& h : kHeadings) {
      if (key != h.name) continue;
      line.kind = LineKind::kHeading;
      line.section = h.section;
    }
  }
  return line;
}

struct SectionLines {
  Section section;
  std::vector<std::string> lines;  // text lines only, in page order
};

// Splits the page at its section headings; the first entry is the header. Accepts "\n", "\r\n"
// and lone "\r" line ends.
std::vector<SectionLines> split_sections(std::string_view text) {
  std::vector<SectionLines> sections{{Section::kHeader, {}}};
  while (!text.empty()) {
    std::size_t end = text.find_first_of("\r\n");
    Line line = classify(text.substr(0, end));
    if (line.kind == LineKind::kHeading) sections.push_back({line.section, {}});
    if (line.kind == LineKind::kText) sections.back().lines.push_back(std::move(line.text));
    if (end == std::string_view::npos) break;
    std::size_t next = end + (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n');
    text.remove_prefix(next + 1);
  }
  return sections;
}

// ---- Header: series, date, title, reading time, time of day, lede, category and status ----

struct DayMonth {
  int day = 0, month = 0;
};

// "29MAY" (or "29 May"): the day and month of publication; the year is found elsewhere.
std::optional<DayMonth> parse_day_month(std::string_view line) {
  std::size_t digits = 0;
  while (digits < line.size() && is_digit(line[digits])) ++digits;
  if (digits == 0 || digits > 2) return std::nullopt;
  std::string_view name = trim(line.substr(digits));
  if (name.size() != 3) return std::nullopt;
  int month = month_from_name(name);
  if (month == 0) return std::nullopt;
  return DayMonth{to_int(line.substr(0, digits)), month};
}

// "3 min read".
std::optional<int> parse_read_minutes(std::string_view line) {
  std::size_t digits = 0;
  while (digits < line.size() && is_digit(line[digits])) ++digits;
  if (digits == 0 || digits > 4) return std::nullopt;
  std::string rest = lower(trim(line.substr(digits)));
  for (std::string_view form : {"min read", "mins read", "minute read", "minutes read"})
    if (rest == form) return to_int(line.substr(0, digits));
  return std::nullopt;
}

struct ClockTime {
  int hour = 0, minute = 0;
};

// "14:17UTC" (also "14:17 UTC", "14:17 GMT", or bare "14:17").
std::optional<ClockTime> parse_time_of_day(std::string_view line) {
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || colon + 3 > line.size())
    return std::nullopt;
  std::string_view hh = line.substr(0, colon), mm = line.substr(colon + 1, 2);
  if (!all_digits(hh) || !all_digits(mm)) return std::nullopt;
  std::string zone = lower(trim(line.substr(colon + 3)));
  if (!zone.empty() && zone != "utc" && zone != "gmt" && zone != "z") return std::nullopt;
  ClockTime t{to_int(hh), to_int(mm)};
  if (t.hour > 23 || t.minute > 59) return std::nullopt;
  return t;
}

// "TechnologyDeveloping": the page renders category and status as two labels with nothing
// between them, so the copy glues them. A known status at the end decides the split (categories
// such as "AI" hold capitals of their own); otherwise the second capitalised word begins the
// status.
std::optional<std::pair<std::string, std::string>> split_category_status(std::string_view line) {
  if (line.empty() || !is_upper(line.front())) return std::nullopt;
  for (char c : line)
    if (!is_upper(c) && !is_lower(c) && c != '&' && c != '-') return std::nullopt;
  static constexpr std::array<std::string_view, 7> kStatuses = {
      "Developing", "Breaking", "Update", "Updated", "Analysis", "Explainer", "Live"};
  for (std::string_view status : kStatuses)
    if (line.size() > status.size() && line.ends_with(status))
      return std::pair{std::string(line.substr(0, line.size() - status.size())),
                       std::string(status)};
  for (std::size_t i = 1; i < line.size(); ++i) {
    if (!is_upper(line[i]) || !is_lower(line[i - 1])) continue;
    std::string_view status = line.substr(i);
    for (std::size_t k = 1; k < status.size(); ++k)
      if (!is_lower(status[k])) return std::nullopt;
    if (status.size() < 2) return std::nullopt;
    return std::pair{std::string(line.substr(0, i)), std::string(status)};
  }
  return std::nullopt;
}

struct PageHeader {
  std::optional<DayMonth> day_month;
  ClockTime time;
  std::vector<std::string> body;  // paragraphs after the lede, when no "Key takeaway" follows
};

// The title is the line just above the reading time (the date line above it, the series above
// that); without those markers it is the first line after the date, or the first line at all.
std::optional<std::size_t> find_title(const std::vector<bool>& used,
                                      std::optional<std::size_t> date_at,
                                      std::optional<std::size_t> meta_at) {
  std::size_t from = date_at ? *date_at + 1 : 0;
  if (meta_at && *meta_at >= from) {
    for (std::size_t i = *meta_at; i > from; --i)
      if (!used[i - 1]) return i - 1;
    return std::nullopt;  // date and reading time with nothing between: the title is missing
  }
  for (std::size_t i = from; i < used.size(); ++i)
    if (!used[i]) return i;
  return std::nullopt;
}

PageHeader parse_header(const std::vector<std::string>& lines, Briefing& b) {
  PageHeader header;
  std::vector<bool> used(lines.size(), false);
  std::optional<std::size_t> date_at, meta_at;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (auto dm = parse_day_month(lines[i]); dm && !date_at) {
      header.day_month = dm;
      date_at = i;
    } else if (auto minutes = parse_read_minutes(lines[i]); minutes && !b.read_minutes) {
      b.read_minutes = minutes;
      if (!meta_at) meta_at = i;
    } else if (auto t = parse_time_of_day(lines[i])) {
      header.time = *t;
      if (!meta_at) meta_at = i;
    } else {
      continue;
    }
    used[i] = true;
  }
  std::optional<std::size_t> title_at = find_title(used, date_at, meta_at);
  if (!title_at)
    throw InvalidBriefing("title", "no title line between the date line and the reading time");
  b.title = lines[*title_at];
  used[*title_at] = true;

  std::size_t series_before = date_at && *date_at < *title_at ? *date_at : *title_at;
  for (std::size_t i = series_before; i > 0; --i) {
    if (used[i - 1]) continue;
    b.series = lines[i - 1];
    break;
  }

  // The lede runs from the title to the category line; what follows that line is body text.
  std::vector<std::string> before_category, after_category;
  bool category_seen = false;
  for (std::size_t i = *title_at + 1; i < lines.size(); ++i) {
    if (used[i]) continue;
    if (!category_seen) {
      if (auto split = split_category_status(lines[i])) {
        std::tie(b.category, b.status) = *split;
        category_seen = true;
        continue;
      }
    }
    (category_seen ? after_category : before_category).push_back(lines[i]);
  }
  if (before_category.empty()) {  // no lede above the labels: take the first paragraph below
    before_category.swap(after_category);
    if (before_category.size() > 1) {
      after_category.assign(before_category.begin() + 1, before_category.end());
      before_category.resize(1);
    }
  }
  b.summary = join_prose(before_category);
  header.body = std::move(after_category);
  return header;
}

// ---- "What could happen next?": `• Opportunity`, its text, `Short term · 0.65` ----

// The kind of an outlook item from its bullet line, lower case; nullopt for any other line.
std::optional<std::string> parse_outlook_kind(std::string_view line) {
  for (bool stripped = true; stripped;) {
    stripped = false;
    for (std::string_view bullet :
         {kBullet, kMiddleDot, std::string_view("-"), std::string_view("*")}) {
      if (!line.starts_with(bullet)) continue;
      line = trim(line.substr(bullet.size()));
      stripped = true;
    }
  }
  std::string kind = lower(line);
  if (!kind.empty() && kind.back() == ':') kind.pop_back();
  if (kind == "opportunity" || kind == "risk" || kind == "precedent") return kind;
  return std::nullopt;
}

struct Horizon {
  std::string horizon;
  std::optional<double> probability;
};

// A probability written as 0.65, .65 or 65%.
std::optional<double> parse_probability(std::string_view text) {
  bool percent = text.ends_with('%');
  if (percent) text = trim(text.substr(0, text.size() - 1));
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  if (percent || (value > 1.0 && value <= 100.0)) value /= 100.0;
  return value;
}

// "Short term · 0.65" (or "Medium-term", "Long term | 55%", or a horizon without odds).
std::optional<Horizon> parse_horizon(std::string_view line) {
  std::string key = lower(line);
  for (std::string_view h : {"short", "medium", "long"}) {
    if (!std::string_view(key).starts_with(h)) continue;
    std::string_view rest = std::string_view(line).substr(h.size());
    if (!rest.empty() && (rest.front() == ' ' || rest.front() == '-')) rest.remove_prefix(1);
    if (!lower(rest.substr(0, 4)).starts_with("term")) return std::nullopt;
    rest = trim(rest.substr(4));
    for (std::string_view sep : {kMiddleDot, kBullet, std::string_view("|"), std::string_view(":"),
                                 std::string_view(","), std::string_view("-")})
      if (rest.starts_with(sep)) rest = trim(rest.substr(sep.size()));
    Horizon result{std::string(h), std::nullopt};
    if (rest.empty()) return result;
    result.probability = parse_probability(rest);
    if (!result.probability) return std::nullopt;  // "Short term plans..." is a sentence
    return result;
  }
  return std::nullopt;
}

std::vector<OutlookItem> parse_outlook(const std::vector<std::string>& lines) {
  std::vector<OutlookItem> items;
  for (const std::string& line : lines) {
    if (auto kind = parse_outlook_kind(line)) {
      items.push_back({*kind, {}, {}, std::nullopt});
    } else if (items.empty()) {
      continue;  // an introduction above the first item is not an item
    } else if (auto h = parse_horizon(line); h && items.back().horizon.empty()) {
      items.back().horizon = h->horizon;
      items.back().probability = h->probability;
    } else {
      append_paragraph(items.back().text, tidy_prose(line));
    }
  }
  std::erase_if(items, [](const OutlookItem& o) { return o.text.empty(); });
  return items;
}

// ---- "First Reported In": title, then `Source· 8 May 2026` ----

// Trailing separators between a source name and its date: spaces, "·", "•", ",", "|", dashes.
std::string_view trim_separators(std::string_view s) {
  for (bool stripped = true; stripped;) {
    stripped = false;
    s = trim(s);
    for (std::string_view sep :
         {kMiddleDot, kBullet, std::string_view(","), std::string_view("|"), std::string_view("-"),
          std::string_view("\xE2\x80\x93"), std::string_view("\xE2\x80\x94")}) {
      if (!s.ends_with(sep)) continue;
      s.remove_suffix(sep.size());
      stripped = true;
    }
  }
  return s;
}

// A line that ends with a full date: what precedes the date is the source.
std::optional<std::pair<std::string, std::string>> parse_source_date(std::string_view line) {
  std::vector<DateMatch> dates = full_dates_in(line);
  if (dates.empty()) return std::nullopt;
  const DateMatch& last = dates.back();
  for (char c : line.substr(last.end))
    if (is_alnum(c)) return std::nullopt;
  return std::pair{std::string(trim_separators(line.substr(0, last.begin))),
                   format_civil_date(last.date)};
}

FirstReported parse_first_reported(const std::vector<std::string>& lines) {
  FirstReported fr;
  // The source line comes below the title, and the title itself may end with a date: search from
  // the bottom for the source line.
  std::optional<std::size_t> source_at;
  for (std::size_t i = lines.size(); i > 0 && !source_at; --i) {
    if (auto sd = parse_source_date(lines[i - 1])) {
      std::tie(fr.source, fr.date) = *sd;
      source_at = i - 1;
    }
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (source_at && i == *source_at) continue;
    fr.title = lines[i];
    break;
  }
  return fr;
}

// ---- "Causes and effects" and "Different Perspectives" ----

// The section repeats the briefing's title under its "This Event" label; neither is content.
std::string parse_causes_effects(const std::vector<std::string>& lines, const std::string& title) {
  std::vector<std::string> kept;
  for (const std::string& line : lines)
    if (line != title) kept.push_back(line);
  return join_prose(kept);
}

// Each party's name is shown twice (a heading and a label), then its statement. Pages without the
// doubled names alternate name and statement.
std::vector<Perspective> parse_perspectives(const std::vector<std::string>& lines) {
  bool doubled = false;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) doubled = doubled || lines[i] == lines[i + 1];
  std::vector<Perspective> out;
  for (std::size_t i = 0; i < lines.size();) {
    if (!doubled) {
      if (i + 1 < lines.size()) out.push_back({lines[i], tidy_prose(lines[i + 1])});
      i += 2;
    } else if (i + 1 < lines.size() && lines[i] == lines[i + 1]) {
      out.push_back({lines[i], {}});
      i += 2;
    } else {
      if (!out.empty()) append_paragraph(out.back().text, tidy_prose(lines[i]));
      ++i;
    }
  }
  std::erase_if(out, [](const Perspective& p) { return p.text.empty(); });
  return out;
}

// ---- Publication time ----

// The page gives day and month ("29MAY"); the year is that of the first full date on the page,
// else the file's. A briefing cannot predate its first report, so a page from early January that
// cites a December report takes the following year.
std::int64_t publication_time(const PageHeader& header, std::optional<CivilDate> first_full_date,
                              int fallback_year, const FirstReported& first_reported) {
  if (!header.day_month)
    throw InvalidBriefing("published", "no publication date line such as '29MAY'");
  const DayMonth& dm = *header.day_month;
  int year = first_full_date ? first_full_date->year : fallback_year;
  if (!valid_civil_date(year, dm.month, dm.day))
    throw InvalidBriefing("published", "day " + std::to_string(dm.day) + " of month " +
                                           std::to_string(dm.month) + " does not exist in " +
                                           std::to_string(year));
  auto at = [&](int y) {
    return epoch_seconds(y, dm.month, dm.day, header.time.hour, header.time.minute);
  };
  if (auto reported = parse_timestamp(first_reported.date)) {
    if (at(year) < *reported && valid_civil_date(year + 1, dm.month, dm.day) &&
        at(year + 1) >= *reported)
      ++year;
  }
  return at(year);
}

std::optional<CivilDate> first_full_date(const std::vector<SectionLines>& sections) {
  for (const SectionLines& section : sections)
    for (const std::string& line : section.lines)
      if (auto dates = full_dates_in(line); !dates.empty()) return dates.front().date;
  return std::nullopt;
}

}  // namespace

Briefing read_page_text(std::string_view text, const std::string& fallback_id, int fallback_year) {
  std::vector<SectionLines> sections = split_sections(text);
  Briefing b;
  b.id = fallback_id;
  PageHeader header = parse_header(sections.front().lines, b);
  std::vector<std::string> body = header.body;
  for (std::size_t s = 1; s < sections.size(); ++s) {
    const std::vector<std::string>& lines = sections[s].lines;
    switch (sections[s].section) {
      case Section::kKeyTakeaway:
        // The first paragraph is the takeaway; the article runs on below it.
        if (!lines.empty() && b.key_takeaway.empty()) {
          b.key_takeaway = tidy_prose(lines.front());
          body.insert(body.end(), lines.begin() + 1, lines.end());
        } else {
          body.insert(body.end(), lines.begin(), lines.end());
        }
        break;
      case Section::kDeepAnalysis:  // a group heading; text right under it explains, plainly
      case Section::kPlainEnglish:
        append_paragraph(b.analysis.plain_english, join_prose(lines));
        break;
      case Section::kRootCauses:
        append_paragraph(b.analysis.root_causes, join_prose(lines));
        break;
      case Section::kOutlook:
        for (OutlookItem& item : parse_outlook(lines)) b.outlook.push_back(std::move(item));
        break;
      case Section::kFirstReported:
        if (b.first_reported.empty()) b.first_reported = parse_first_reported(lines);
        break;
      case Section::kCausesEffects:
        append_paragraph(b.causes_effects, parse_causes_effects(lines, b.title));
        break;
      case Section::kPerspectives:
        for (Perspective& p : parse_perspectives(lines)) b.perspectives.push_back(std::move(p));
        break;
      case Section::kHeader:
        break;
    }
  }
  b.body = join_prose(body);
  b.published =
      publication_time(header, first_full_date(sections), fallback_year, b.first_reported);
  validate(b);
  return b;
}

}  // namespace briefing
