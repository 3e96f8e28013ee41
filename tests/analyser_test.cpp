// The analyser as a table: input text -> the terms it must produce, in order (Xapian's
// queryparsertest style). Parts of a hyphenated identifier follow the whole identifier.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "analyser.h"

using briefing::Analyser;
using briefing::Token;
using briefing::TokenRole;

namespace {

struct TermCase {
  const char* text;
  std::vector<std::string> terms;
};

const TermCase kTermCases[] = {
    // plain English: lower case, Snowball English stems
    {"Exploited vulnerabilities", {"exploit", "vulner"}},
    {"The attackers were running", {"the", "attack", "were", "run"}},
    {"GitHub's repositories", {"github", "repositori"}},
    {"Google\xE2\x80\x99s report", {"googl", "report"}},  // curly apostrophe is an apostrophe
    // identifiers stay searchable as written
    {"UNC1069", {"unc1069"}},
    {"APT45 and UNC6780", {"apt45", "and", "unc6780"}},
    {"CVE-2026-20182", {"cve-2026-20182", "cve", "2026", "20182"}},
    {"UAT-8616", {"uat-8616", "uat", "8616"}},
    {"AA26-148A", {"aa26-148a", "aa26", "148a"}},
    {"cve\xE2\x80\x91"
     "2026\xE2\x80\x91"
     "20182",
     {"cve-2026-20182", "cve", "2026", "20182"}},
    {"T1059.001", {"t1059.001"}},
    // hyphenated words without digits are two words, not an identifier
    {"US-ROK alliance", {"us", "rok", "allianc"}},
    {"e-mail", {"e", "mail"}},
    // a hyphen with spaces does not join
    {"UAT - 8616", {"uat", "8616"}},
    // numbers: digit grouping is not part of the number
    {"3,800 repositories", {"3800", "repositori"}},
    {"183 million", {"183", "million"}},
    // NFKC, case folding and diacritics folding
    {"Caf\xC3\xA9 na\xC3\xAFve R\xC3\xA9sum\xC3\xA9", {"cafe", "naiv", "resum"}},
    {"\xEF\xBC\xA1\xEF\xBC\xB0\xEF\xBC\xB4\xEF\xBC\x94\xEF\xBC\x95", {"apt45"}},  // full-width
    {"Stra\xC3\x9F"
     "e",
     {"strass"}},
    {"\xCE\x91\xCE\x98\xCE\x97\xCE\x9D\xCE\x91", {"αθηνα"}},  // Greek capitals fold, accents go
    // punctuation and symbols are not terms
    {"-- \xE2\x80\xA2 \xC2\xA3 ... !!!", {}},
    {"\xC2\xA3"
     "14.7 billion",
     {"14.7", "billion"}},
    // Chinese: ICU's dictionary splits words
    {"韩国的网络", {"韩国", "的", "网络"}},
    // Japanese: kanji, kana and katakana words (dakuten are kept: ガ is not カ)
    {"北朝鮮のハッカー", {"北朝鮮", "の", "ハッカー"}},
    {"ガイドライン", {"ガイドライン"}},
    // Korean: words split at spaces, common particles trimmed
    {"북한의 해커", {"북한", "해커"}},
    {"한국을 공격", {"한국", "공격"}},
    {"국가정보원은", {"국가정보원"}},
    {"미국", {"미국"}},  // two syllables: nothing to trim
    // invalid UTF-8 never stops the analysis
    {"abc\xFF\xFE def", {"abc", "def"}},
};

}  // namespace

TEST_CASE("analyser: text -> terms", "[analyser]") {
  Analyser analyser;
  for (const auto& row : kTermCases) {
    INFO("text: " << row.text);
    CHECK(analyser.terms(row.text) == row.terms);
  }
}

TEST_CASE("analyser: byte offsets point at the token in the original text", "[analyser]") {
  Analyser analyser;
  const std::string text = "Caf\xC3\xA9 UNC1069 exploited CVE-2026-20182.";
  std::vector<Token> tokens;
  analyser.analyse(text, tokens);
  std::vector<std::string> spans;
  for (const auto& t : tokens) spans.push_back(text.substr(t.begin, t.end - t.begin));
  CHECK(spans == std::vector<std::string>{"Caf\xC3\xA9", "UNC1069", "exploited", "CVE-2026-20182",
                                          "CVE", "2026", "20182"});
}

TEST_CASE("analyser: positions count words; a compound shares its first part's", "[analyser]") {
  Analyser analyser;
  std::vector<Token> tokens;
  std::uint32_t next = analyser.analyse("patch UAT-8616 now", tokens, 10);
  REQUIRE(tokens.size() == 5);
  CHECK(tokens[0].position == 10);
  CHECK((tokens[1].role == TokenRole::kCompound && tokens[1].position == 11));
  CHECK((tokens[2].role == TokenRole::kPart && tokens[2].position == 11));
  CHECK((tokens[3].role == TokenRole::kPart && tokens[3].position == 12));
  CHECK(tokens[4].position == 13);
  CHECK(next == 14);
}

TEST_CASE("analyser: fold and stem separately", "[analyser]") {
  Analyser analyser;
  CHECK(analyser.fold("R\xC3\xA9sum\xC3\xA9S") == "resumes");
  CHECK(analyser.stem(analyser.fold("Running")) == "run");
  CHECK(analyser.stem("unc1069") == "unc1069");
}

TEST_CASE("analyser: the same text always gives the same terms", "[analyser]") {
  Analyser a, b;
  const char* text = "North Korean cluster UNC1069 compromised the Axios npm package.";
  CHECK(a.terms(text) == b.terms(text));
  CHECK(a.terms(text) == a.terms(text));
}

TEST_CASE("analyser: stemming only some first letters keeps those stems and folds the rest",
          "[analyser]") {
  Analyser analyser;
  const std::string text =
      "Exploited 'Tis running servers, Skies dying UNC1069 3,800 R\xC3\xA9sum\xC3\xA9s "
      "\xE5\x8C\x97";
  std::vector<Token> all, some;
  analyser.analyse(text, all);
  std::bitset<256> first_bytes;
  first_bytes.set('e').set('s');
  analyser.analyse(text, some, 0, first_bytes);
  REQUIRE(all.size() == some.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    INFO(all[i].term);
    CHECK(some[i].begin == all[i].begin);
    CHECK(some[i].position == all[i].position);
    // A stem keeps its word's first byte (or the word began with an apostrophe, always stemmed).
    const std::string folded = analyser.fold(text.substr(all[i].begin, all[i].end - all[i].begin));
    CHECK((all[i].term[0] == folded[0] || folded[0] == '\''));
    const bool stemmed =
        first_bytes.test(static_cast<unsigned char>(folded[0])) || folded[0] == '\'';
    if (stemmed || all[i].role == TokenRole::kCompound)
      CHECK(some[i].term == all[i].term);
    else
      CHECK(some[i].term == folded);
  }
}
