// Scripts without a stemmer here: Greek (Xapian 1.4 has none), Devanagari (Hindi as often as
// Nepali), Tamil (Xapian 1.4.22's stemmer parts "attack" from "attacks": தாக்குதல் -> தா,
// தாக்குதல்கள் -> தாக்குதல்), Latin words that are not English (no way to tell per word).
#include "script_language.h"

#include <algorithm>
#include <array>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

namespace briefing {
namespace {

// Cyrillic letters of Ukrainian, Belarusian, Serbian and Macedonian that Russian does not use.
constexpr std::array<UChar32, 14> kNotRussian = {0x0452, 0x0453, 0x0454, 0x0455, 0x0456,
                                                 0x0457, 0x0458, 0x0459, 0x045A, 0x045B,
                                                 0x045C, 0x045E, 0x045F, 0x0491};
// Letters of Persian and Urdu that Arabic does not use.
constexpr std::array<UChar32, 12> kNotArabic = {0x067E, 0x0686, 0x0698, 0x06AF, 0x06A9, 0x06CC,
                                                0x0679, 0x0688, 0x0691, 0x06BA, 0x06C1, 0x06D2};

template <std::size_t N>
bool contains(const std::array<UChar32, N>& letters, UChar32 c) {
  return std::find(letters.begin(), letters.end(), c) != letters.end();
}

// The language of one letter; nullopt for a letter of no language here, and for punctuation
// and marks (`neutral` set), which do not decide.
std::optional<StemLanguage> letter_language(UChar32 c, bool& neutral) {
  UErrorCode status = U_ZERO_ERROR;
  neutral = false;
  switch (uscript_getScript(c, &status)) {
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED:
      neutral = true;
      return std::nullopt;
    case USCRIPT_CYRILLIC:
      if (contains(kNotRussian, c)) return std::nullopt;
      return StemLanguage::kRussian;
    case USCRIPT_ARABIC:
      if (contains(kNotArabic, c)) return std::nullopt;
      return StemLanguage::kArabic;
    case USCRIPT_ARMENIAN:
      return StemLanguage::kArmenian;
    default:
      return std::nullopt;
  }
}

}  // namespace

const char* stemmer_name(StemLanguage language) {
  switch (language) {
    case StemLanguage::kRussian:
      return "russian";
    case StemLanguage::kArabic:
      return "arabic";
    case StemLanguage::kArmenian:
      return "armenian";
  }
  return "none";
}

std::optional<StemLanguage> stem_language(std::string_view folded_word) {
  std::optional<StemLanguage> language;
  const auto n = static_cast<int32_t>(folded_word.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(folded_word.data(), i, n, c);
    if (c < 0) return std::nullopt;
    bool neutral = false;
    std::optional<StemLanguage> here = letter_language(c, neutral);
    if (neutral) continue;
    if (!here || (language && language != here)) return std::nullopt;
    language = here;
  }
  return language;
}

}  // namespace briefing
