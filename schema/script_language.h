// Which Snowball stemmer a word in another script gets: only where its script names the
// language well enough, and Xapian 1.4.22 has a stemmer that works for it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace briefing {

enum class StemLanguage : std::uint8_t { kRussian, kArabic, kArmenian };
inline constexpr std::size_t kStemLanguages = 3;

// The Xapian::Stem name of a language ("russian").
const char* stemmer_name(StemLanguage language);

// The stemmer language of a folded non-ASCII word whose letters are all of one such script:
// Cyrillic -> Russian (unless the word has a letter Russian does not use: Ukrainian "і",
// Serbian "ј"), Arabic -> Arabic (unless it has a Persian or Urdu letter: "گ", "ی"),
// Armenian -> Armenian. Nothing for any other script or a mixed word.
std::optional<StemLanguage> stem_language(std::string_view folded_word);

}  // namespace briefing
