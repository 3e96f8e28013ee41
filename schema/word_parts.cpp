// Dots and underscores divide a word; in CamelCase, a capital after a small letter begins a part
// ("Citrix|Bleed", "mac|OS"), and so does the last capital of a run followed by three or more
// small letters ("CVE|Record", "PLUG|Scheduler"; but "MOVEit" and "VMware" stay one). A part of
// one letter joins its neighbour ("IoT", "iOS", "PlugX"), and so does a capital plus "s" at the
// end, the plural of an acronym ("IoCs").
#include "word_parts.h"

#include <array>

namespace briefing {
namespace {

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_letter(char c) {
  return is_upper(c) || is_lower(c);
}
bool is_separator(char c) {
  return c == '.' || c == '_';
}

constexpr std::string_view kCurlyApostrophe = "\xE2\x80\x99";

// What split_word looks for in a word, one bit per kind of byte.
enum : unsigned char { kCapital = 1, kSeparator = 2, kDigit = 4, kHigh = 8 };
constexpr auto kByteClass = [] {
  std::array<unsigned char, 256> table{};
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = kCapital;
  for (int c = '0'; c <= '9'; ++c) table[c] = kDigit;
  table['.'] = table['_'] = kSeparator;
  for (int c = 0x80; c < 0x100; ++c) table[c] = kHigh;
  return table;
}();

bool split_at_separators(std::string_view word, std::vector<WordPart>& parts) {
  std::uint32_t begin = 0;
  bool letter = false;
  for (std::uint32_t i = 0; i <= word.size(); ++i) {
    if (i < word.size() && !is_separator(word[i])) {
      letter = letter || is_letter(word[i]);
      continue;
    }
    if (i - begin < 2 || !letter) {  // "U.S", "T1059.001", "14.7", "__init__"
      parts.clear();
      return false;
    }
    parts.push_back({begin, i});
    begin = i + 1;
    letter = false;
  }
  return parts.size() > 1;
}

bool starts_part(std::string_view w, std::size_t i) {
  if (is_lower(w[i - 1]) && is_upper(w[i])) return true;
  return is_upper(w[i - 1]) && is_upper(w[i]) && i + 3 < w.size() && is_lower(w[i + 1]) &&
         is_lower(w[i + 2]) && is_lower(w[i + 3]);
}

bool split_camel(std::string_view word, std::vector<WordPart>& parts) {
  std::uint32_t begin = 0;
  for (std::uint32_t i = 1; i < word.size(); ++i) {
    if (!starts_part(word, i)) continue;
    parts.push_back({begin, i});
    begin = i;
  }
  parts.push_back({begin, static_cast<std::uint32_t>(word.size())});
  // One-letter parts, and a plural "s" after a capital at the end, join a neighbour.
  for (std::size_t i = 0; i < parts.size() && parts.size() > 1;) {
    const WordPart p = parts[i];
    const bool plural = i + 1 == parts.size() && p.end - p.begin == 2 && word[p.begin + 1] == 's';
    if (p.end - p.begin > 1 && !plural) {
      ++i;
    } else if (i == 0) {
      parts[1].begin = p.begin;
      parts.erase(parts.begin());
    } else {
      parts[i - 1].end = p.end;
      parts.erase(parts.begin() + static_cast<std::ptrdiff_t>(i));
    }
  }
  if (parts.size() > 1) return true;
  parts.clear();
  return false;
}

}  // namespace

bool split_word(std::string_view word, std::vector<WordPart>& parts) {
  parts.clear();
  // Nearly every word is small letters after the first: one table lookup per byte rejects it.
  unsigned char seen = 0;
  for (std::size_t i = 1; i < word.size(); ++i)
    seen |= kByteClass[static_cast<unsigned char>(word[i])];
  if (!word.empty()) seen |= kByteClass[static_cast<unsigned char>(word[0])] & ~kCapital;
  if (!(seen & (kCapital | kSeparator))) return false;
  if (seen & kHigh) {
    // Not ASCII: only a curly apostrophe is allowed ("GitHub’s").
    for (std::size_t i = 0; i < word.size(); ++i) {
      if (static_cast<unsigned char>(word[i]) < 0x80) continue;
      if (word.compare(i, kCurlyApostrophe.size(), kCurlyApostrophe) != 0) return false;
      i += kCurlyApostrophe.size() - 1;
    }
  }
  if (seen & kSeparator) return split_at_separators(word, parts);
  if (seen & kDigit) return false;
  // A possessive belongs to the last part: "IoT's" is one word, "GitHub's" is "Git" + "Hub's".
  std::string_view core = word;
  for (std::string_view possessive : {std::string_view("'s"), std::string_view("\xE2\x80\x99s")})
    if (core.size() > possessive.size() &&
        core.substr(core.size() - possessive.size()) == possessive)
      core.remove_suffix(possessive.size());
  if (!split_camel(core, parts)) return false;
  parts.back().end = static_cast<std::uint32_t>(word.size());
  return true;
}

}  // namespace briefing
