// ICU-based analyser. Works on UTF-8 directly (UText) so token offsets are byte offsets into the
// caller's text, which the snippet builder needs; ASCII words skip ICU normalisation entirely.
#include "analyser.h"

#include <array>
#include <optional>
#include <stdexcept>
#include <unordered_map>

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <xapian.h>

#include "script_language.h"
#include "spelling.h"
#include "word_parts.h"

namespace briefing {
namespace {

bool is_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

bool has_digit(std::string_view s) {
  for (char c : s)
    if (c >= '0' && c <= '9') return true;
  return false;
}

// Words the English stemmer should see: ASCII letters and apostrophes only.
bool stemmable(std::string_view s) {
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || c == '\'')) return false;
  return true;
}

// Hyphens that join identifiers: ASCII hyphen-minus, U+2010 HYPHEN, U+2011 NON-BREAKING HYPHEN.
bool is_hyphen(std::string_view s) {
  return s == "-" || s == "\xE2\x80\x90" || s == "\xE2\x80\x91";
}

std::string ascii_hyphens(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 3, "\xE2\x80\x90") == 0 || s.compare(i, 3, "\xE2\x80\x91") == 0) {
      out += '-';
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

constexpr std::size_t kHangulBytes = 3;  // every precomposed Hangul syllable is 3 bytes in UTF-8

bool is_hangul_word(std::string_view s) {
  if (s.size() % kHangulBytes != 0 || s.empty()) return false;
  for (std::size_t i = 0; i < s.size(); i += kHangulBytes) {
    // U+AC00..U+D7A3 encode as EA B0 80 .. ED 9E A3
    unsigned char lead = static_cast<unsigned char>(s[i]);
    if (lead < 0xEA || lead > 0xED) return false;
  }
  return true;
}

// Korean attaches particles to nouns ("북한의", "북한이"); ICU keeps the whole eojeol, so a light
// stemmer trims the commonest particles, keeping at least two syllables.
std::string trim_korean_particle(const std::string& word) {
  static const char* const kParticles[] = {"에서는", "으로는", "에게서", "에서", "으로", "에게",
                                           "까지",   "부터",   "처럼",   "보다", "에는", "은",
                                           "는",     "이",     "가",     "을",   "를",   "의",
                                           "에",     "와",     "과",     "도",   "로"};
  for (const char* particle : kParticles) {
    std::string_view p(particle);
    if (word.size() >= p.size() + 2 * kHangulBytes &&
        word.compare(word.size() - p.size(), p.size(), p) == 0)
      return word.substr(0, word.size() - p.size());
  }
  return word;
}

UScriptCode script_of(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status);
}

// Scripts whose combining marks change the letter (Japanese dakuten, Indic vowel signs): marks
// are removed only from Latin, Greek and Cyrillic.
bool marks_are_diacritics(UScriptCode script) {
  return script == USCRIPT_LATIN || script == USCRIPT_GREEK || script == USCRIPT_CYRILLIC ||
         script == USCRIPT_COMMON || script == USCRIPT_INHERITED;
}

constexpr UChar32 kCombiningBreve = 0x0306;

}  // namespace

struct Analyser::Impl {
  std::unique_ptr<icu::BreakIterator> words;
  const icu::Normalizer2* nfkc_casefold = nullptr;
  const icu::Normalizer2* nfd = nullptr;
  const icu::Normalizer2* nfc = nullptr;
  UText* text = nullptr;
  Xapian::Stem english{"english"};
  std::array<Xapian::Stem, kStemLanguages> stemmers;
  // Stems of the words seen so far: word frequencies are Zipfian, so nearly every lookup hits and
  // the Snowball stemmer (the analyser's largest cost after segmentation) runs once per word.
  // A word's script decides its stemmer, so one cache serves every language.
  // Cleared when full: about 1 MB at most, which matters in searchd, where every pooled handle
  // has an analyser (8,192 words cost 5% more analysis time than 50,000).
  std::unordered_map<std::string, std::string> stems;
  static constexpr std::size_t kMaxStems = 8192;
  icu::UnicodeString scratch, folded;

  struct Segment {
    std::uint32_t begin, end;
  };
  std::vector<Segment> run;  // words joined by single hyphens, waiting to be emitted
  std::vector<WordPart> parts;
  const std::bitset<256>* stem_first_bytes = nullptr;  // null: stem every word

  std::string fold(std::string_view word);
  std::string stem(const std::string& folded);
  std::string term_of(std::string_view word);
  void emit_word(std::string_view text, Segment s, std::vector<Token>& out,
                 std::uint32_t& position);
  void flush_run(std::string_view text, std::vector<Token>& out, std::uint32_t& position);
};

Analyser::Analyser() : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  impl_->nfkc_casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  impl_->nfd = icu::Normalizer2::getNFDInstance(status);
  impl_->nfc = icu::Normalizer2::getNFCInstance(status);
  for (std::size_t i = 0; i < kStemLanguages; ++i)
    impl_->stemmers[i] = Xapian::Stem(stemmer_name(static_cast<StemLanguage>(i)));
  if (U_FAILURE(status) || !impl_->words)
    throw std::runtime_error(std::string("ICU initialisation failed: ") + u_errorName(status));
}

Analyser::~Analyser() {
  if (impl_ && impl_->text) utext_close(impl_->text);
}

std::string Analyser::Impl::fold(std::string_view word) {
  std::string out;
  if (is_ascii(word)) {
    out.assign(word);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  scratch = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  scratch.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2019)),
                         icu::UnicodeString(u'\''));
  nfkc_casefold->normalize(scratch, folded, status);
  if (U_FAILURE(status)) return out;
  // Strip diacritics: decompose, drop non-spacing marks that follow a Latin/Greek/Cyrillic base,
  // except the breve of Cyrillic "й", a letter of its own that Russian endings are made of.
  nfd->normalize(folded, scratch, status);
  if (U_FAILURE(status)) return out;
  folded.remove();
  bool drop_marks = true, cyrillic = false;
  for (int32_t i = 0; i < scratch.length();) {
    UChar32 c = scratch.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) {
      if (drop_marks && !(cyrillic && c == kCombiningBreve)) continue;
    } else {
      UScriptCode script = script_of(c);
      drop_marks = marks_are_diacritics(script);
      cyrillic = script == USCRIPT_CYRILLIC;
    }
    folded.append(c);
  }
  nfc->normalize(folded, scratch, status);
  if (U_FAILURE(status)) return out;
  scratch.toUTF8String(out);
  return out;
}

// "3,800" and "3800" are one number.
static std::string strip_digit_grouping(const std::string& word) {
  for (char c : word)
    if (!((c >= '0' && c <= '9') || c == ',')) return word;
  std::string out;
  for (char c : word)
    if (c != ',') out += c;
  return out;
}

std::string Analyser::Impl::stem(const std::string& folded) {
  if (folded.empty()) return folded;
  if (has_digit(folded)) return strip_digit_grouping(folded);  // identifiers stay as written
  if (auto it = stems.find(folded); it != stems.end()) return it->second;
  std::string stemmed;
  if (stemmable(folded)) {
    std::string word = folded;
    americanise(word);  // "organisation" and "organization" meet before Porter2 sees them
    stemmed = english(word);
  } else if (is_hangul_word(folded)) {
    return trim_korean_particle(folded);
  } else if (is_ascii(folded)) {
    return folded;
  } else if (std::optional<StemLanguage> language = stem_language(folded)) {
    stemmed = stemmers[static_cast<std::size_t>(*language)](folded);
  } else {
    return folded;
  }
  if (stems.size() >= kMaxStems) stems.clear();
  return stems.emplace(folded, std::move(stemmed)).first->second;
}

// The term of one word: folded, and stemmed unless the caller asked for only some first bytes.
// Porter2 drops a leading apostrophe, and other languages' stemmers drop prefixes (Arabic "al-"),
// so those words are always stemmed.
std::string Analyser::Impl::term_of(std::string_view word) {
  std::string term = fold(word);
  if (term.empty()) return term;
  const auto first = static_cast<unsigned char>(term[0]);
  if (!stem_first_bytes || first == '\'' || first >= 0x80 || stem_first_bytes->test(first))
    term = stem(term);
  return term;
}

// One word not inside a hyphenated identifier; a dotted or CamelCase one is emitted as a
// compound followed by its parts, which are stemmed as the words they are.
void Analyser::Impl::emit_word(std::string_view text, Segment s, std::vector<Token>& out,
                               std::uint32_t& position) {
  std::string_view word = text.substr(s.begin, s.end - s.begin);
  if (!split_word(word, parts)) {
    std::string term = term_of(word);
    if (!term.empty())
      out.push_back({std::move(term), s.begin, s.end, position++, TokenRole::kWord});
    return;
  }
  out.push_back({term_of(word), s.begin, s.end, position, TokenRole::kCompound});
  for (const WordPart& p : parts) {
    std::string term = term_of(word.substr(p.begin, p.end - p.begin));
    if (term.empty()) continue;
    out.push_back(
        {std::move(term), s.begin + p.begin, s.begin + p.end, position++, TokenRole::kPart});
  }
}

void Analyser::Impl::flush_run(std::string_view text, std::vector<Token>& out,
                               std::uint32_t& position) {
  if (run.empty()) return;
  bool compound = run.size() > 1;
  if (compound) {
    bool digits = false;
    for (const Segment& s : run)
      digits = digits || has_digit(text.substr(s.begin, s.end - s.begin));
    compound = digits;  // "UAT-8616" is an identifier; "US-ROK" and "e-mail" are two words
  }
  if (compound) {
    std::uint32_t begin = run.front().begin, end = run.back().end;
    std::string whole = fold(text.substr(begin, end - begin));
    // Unicode hyphens become ASCII so that every spelling of an identifier meets in one term.
    whole = ascii_hyphens(whole);
    out.push_back({std::move(whole), begin, end, position, TokenRole::kCompound});
  }
  for (const Segment& s : run) {
    if (!compound) {
      emit_word(text, s, out, position);
      continue;
    }
    std::string term = term_of(text.substr(s.begin, s.end - s.begin));
    if (term.empty()) continue;
    out.push_back({std::move(term), s.begin, s.end, position++, TokenRole::kPart});
  }
  run.clear();
}

std::uint32_t Analyser::analyse(std::string_view text, std::vector<Token>& out,
                                std::uint32_t first_position) {
  Impl& im = *impl_;
  std::uint32_t position = first_position;
  if (text.empty()) return position;
  UErrorCode status = U_ZERO_ERROR;
  im.text = utext_openUTF8(im.text, text.data(), static_cast<int64_t>(text.size()), &status);
  im.words->setText(im.text, status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU: ") + u_errorName(status));

  im.run.clear();
  std::uint32_t pending_hyphen_end = 0;  // end of a hyphen that directly follows the run, or 0
  int32_t begin = im.words->first();
  for (int32_t end = im.words->next(); end != icu::BreakIterator::DONE;
       begin = end, end = im.words->next()) {
    auto b = static_cast<std::uint32_t>(begin), e = static_cast<std::uint32_t>(end);
    bool is_word = im.words->getRuleStatus() >= UBRK_WORD_NONE_LIMIT;
    if (is_word) {
      bool joins = !im.run.empty() && pending_hyphen_end == b;
      if (!joins) im.flush_run(text, out, position);
      im.run.push_back({b, e});
      pending_hyphen_end = 0;
    } else if (!im.run.empty() && pending_hyphen_end == 0 && im.run.back().end == b &&
               is_hyphen(text.substr(b, e - b))) {
      pending_hyphen_end = e;
    } else {
      im.flush_run(text, out, position);
      pending_hyphen_end = 0;
    }
  }
  im.flush_run(text, out, position);
  return position;
}

std::uint32_t Analyser::analyse(std::string_view text, std::vector<Token>& out,
                                std::uint32_t first_position,
                                const std::bitset<256>& stem_first_bytes) {
  impl_->stem_first_bytes = &stem_first_bytes;
  try {
    std::uint32_t next = analyse(text, out, first_position);
    impl_->stem_first_bytes = nullptr;
    return next;
  } catch (...) {
    impl_->stem_first_bytes = nullptr;
    throw;
  }
}

std::vector<std::string> Analyser::terms(std::string_view text) {
  std::vector<Token> tokens;
  analyse(text, tokens);
  std::vector<std::string> out;
  out.reserve(tokens.size());
  for (auto& t : tokens) out.push_back(std::move(t.term));
  return out;
}

std::string Analyser::fold(std::string_view word) {
  return impl_->fold(word);
}
std::string Analyser::stem(const std::string& folded) {
  return impl_->stem(folded);
}

}  // namespace briefing
