// The one way text becomes terms, at index time and at query time: ICU word segmentation, NFKC
// normalisation, case and diacritics folding, identifier merging, parts of dotted and CamelCase
// words, British spellings made American, and stemming (English; Russian, Arabic and Armenian
// for words in those scripts).
#pragma once

#include <bitset>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace briefing {

enum class TokenRole : std::uint8_t {
  kWord,      // an ordinary word
  kCompound,  // a word kept whole: a hyphenated identifier ("cve-2026-20182"), a dotted or
              // CamelCase word ("dark.iot", "citrixble"); its parts follow it
  kPart,      // one piece of the compound before it ("cve", "2026", "20182"; "citrix", "bleed")
};

struct Token {
  std::string term;     // the indexed form: normalised, folded and stemmed
  std::uint32_t begin;  // byte offsets of the token in the analysed text
  std::uint32_t end;
  std::uint32_t position;  // word position; a compound shares its first part's position
  TokenRole role;
};

// Not thread-safe (it owns an ICU BreakIterator): use one Analyser per thread.
class Analyser {
 public:
  Analyser();
  ~Analyser();
  Analyser(const Analyser&) = delete;
  Analyser& operator=(const Analyser&) = delete;

  // Appends the tokens of `text` to `out`, numbering positions from `first_position`; returns the
  // position after the last token. Invalid UTF-8 is read as U+FFFD and never stops the analysis.
  std::uint32_t analyse(std::string_view text, std::vector<Token>& out,
                        std::uint32_t first_position = 0);
  // As analyse, but only words whose folded form starts with a byte in `stem_first_bytes` (or
  // with an apostrophe, or with a non-ASCII letter) are stemmed; the others keep their folded
  // form as the term. An English stem starts with its word's first byte, so a caller looking for
  // known terms (the snippet builder) loses nothing and skips most of the stemming.
  std::uint32_t analyse(std::string_view text, std::vector<Token>& out,
                        std::uint32_t first_position, const std::bitset<256>& stem_first_bytes);

  // Convenience for tests and tools: just the terms, in order.
  std::vector<std::string> terms(std::string_view text);

  // Normalises and folds one word without stemming ("Café" -> "cafe"): for prefixes and display.
  std::string fold(std::string_view word);
  // The indexed form of one already-folded word (stems English words after americanise(), and
  // Cyrillic, Arabic and Armenian ones; trims Korean particles).
  std::string stem(const std::string& folded);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace briefing
