// The analyser as a table: input text -> the terms it must produce, in order (Xapian's
// queryparsertest style). Parts of a hyphenated identifier follow the whole identifier.
#include <string>
#include <vector>

#include <xapian.h>
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
    {"GitHub's repositories", {"github", "git", "hub", "repositori"}},
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
    {"T1059.001", {"t1059.001"}},  // a dotted word with a part that has no letter stays one
    // dotted, underscored and CamelCase words: the whole, then its parts, stemmed as words
    {"Dark.IoT", {"dark.iot", "dark", "iot"}},
    {"fortinet.com", {"fortinet.com", "fortinet", "com"}},
    {"SAP_BASIS", {"sap_basis", "sap", "basi"}},
    {"CitrixBleed", {"citrixble", "citrix", "bleed"}},
    {"citrixbleed", {"citrixble"}},  // the whole is stemmed, so typed in lower case it meets
    {"PowerShell", {"powershel", "power", "shell"}},
    {"SharePoint", {"sharepoint", "share", "point"}},
    {"FortiGate", {"fortig", "forti", "gate"}},
    {"NetScaler", {"netscal", "net", "scaler"}},
    {"macOS", {"maco", "mac", "os"}},               // small letters, then capitals
    {"iPadOS", {"ipado", "ipad", "os"}},            // a one-letter part joins the next
    {"CVERecord", {"cverecord", "cve", "record"}},  // a run of capitals, then a word
    {"PowerShell-based", {"powershel", "power", "shell", "base"}},
    {"Microsoft.PowerShell", {"microsoft.powershell", "microsoft", "powershel"}},
    // ... and words that stay one
    {"MOVEit", {"moveit"}},  // capitals before fewer than three small letters
    {"VMware", {"vmware"}},  // "V" + "Mware": a one-letter part joins the next
    {"IoT", {"iot"}},        // "Io" + "T": a one-letter part joins the previous
    {"iPhone", {"iphon"}},
    {"IoCs DDoS", {"ioc", "ddos"}},  // the plural of an acronym, and a one-letter end
    {"Log4Shell", {"log4shell"}},    // digits: an identifier, kept as written
    {"U.S. e.g.", {"u.s", "e.g"}},   // abbreviations: parts of one letter
    {"__init__", {"__init__"}},
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
    // other scripts: the Snowball stemmer of the language the script names
    {"хакер хакеры хакеров", {"хакер", "хакер", "хакер"}},  // Cyrillic: Russian
    {"новый новая Ёлка", {"нов", "нов", "елк"}},            // "й" keeps its breve; "ё" is "е"
    {"організація", {"організація"}},        // a Ukrainian letter: no Russian stemmer
    {"الهجوم هجوم", {"هجوم", "هجوم"}},       // Arabic, with the article
    {"رمزگذاری", {"رمزگذاری"}},              // a Persian letter: no Arabic stemmer
    {"հաքերներ հաքեր", {"հաքեր", "հաքեր"}},  // Armenian
    {"Αθήνα Αθήνας", {"αθηνα", "αθηνασ"}},   // Greek: Xapian 1.4 has no stemmer
    {"தாக்குதல்கள்", {"தாக்குதல்கள்"}},            // Tamil: Xapian 1.4.22's stemmer is not used
    {"हिंदी", {"हिंदी"}},                      // Devanagari: Hindi or Nepali, not stemmed
    // invalid UTF-8 never stops the analysis
    {"abc\xFF\xFE def", {"abc", "def"}},
};

// British spellings, as the advisories are written, and American ones: each pair one term.
struct SpellingPair {
  const char* british;
  const char* american;
};

const SpellingPair kSpellingPairs[] = {
    // -ise/-ize, -isation/-ization: a stem of four letters or more, not ending in a vowel
    {"organisation", "organization"},
    {"organisations", "organizations"},
    {"organisational", "organizational"},
    {"organised", "organized"},
    {"organiser", "organizer"},
    {"organisers", "organizers"},
    {"organises", "organizes"},
    {"deserialisation", "deserialization"},
    {"authorised", "authorized"},
    {"unauthorised", "unauthorized"},
    {"prioritising", "prioritizing"},
    {"recognisable", "recognizable"},
    {"criticise", "criticize"},
    {"realise", "realize"},
    {"organisation's", "organization's"},  // a possessive is not the word's ending
    // -lyse/-lyze
    {"analyse", "analyze"},
    {"analysed", "analyzed"},
    {"analysing", "analyzing"},
    {"analyser", "analyzer"},
    {"paralyse", "paralyze"},
    // -our/-or, for the listed roots, wherever they stand in a word
    {"behaviour", "behavior"},
    {"behavioural", "behavioral"},
    {"misbehaviour", "misbehavior"},
    {"colour", "color"},
    {"favourite", "favorite"},
    {"unfavourable", "unfavorable"},
    {"honour", "honor"},
    {"labour", "labor"},
    {"neighbourhood", "neighborhood"},
    {"rumoured", "rumored"},
    {"harbour", "harbor"},
    {"armoured", "armored"},
    {"vigour", "vigor"},
    {"humour", "humor"},
    {"endeavour", "endeavor"},
    {"flavour", "flavor"},
    {"odour", "odor"},
    {"savour", "savor"},
    {"valour", "valor"},
    {"parlour", "parlor"},
    {"splendour", "splendor"},
    {"glamour", "glamor"},
    {"rigour", "rigor"},
    {"clamour", "clamor"},
    {"fervour", "fervor"},
    {"saviour", "savior"},
    {"candour", "candor"},
    {"ardour", "ardor"},
    {"tumour", "tumor"},
    {"vapour", "vapor"},
    {"demeanour", "demeanor"},
    {"succour", "succor"},
    {"rancour", "rancor"},
    // -ence/-ense, and the verb practise
    {"defence", "defense"},
    {"defenceless", "defenseless"},
    {"offences", "offenses"},
    {"licence", "license"},
    {"licenced", "licensed"},
    {"pretence", "pretense"},
    {"practise", "practice"},
    {"practised", "practiced"},
    // -tre/-ter and -ogue/-og, for the listed roots
    {"centre", "center"},
    {"centres", "centers"},
    {"centred", "centered"},
    {"datacentre", "datacenter"},
    {"fibre", "fiber"},
    {"litre", "liter"},
    {"metres", "meters"},
    {"theatre", "theater"},
    {"calibre", "caliber"},
    {"catalogue", "catalog"},
    {"catalogues", "catalogs"},
    {"catalogued", "cataloged"},
    {"cataloguing", "cataloging"},
    {"dialogue", "dialog"},
    {"analogue", "analog"},
    // single words
    {"programme", "program"},
    {"programmes", "programs"},
    {"judgement", "judgment"},
};

// Words that look British but are spelt so in American English too (or are other words): the
// rules leave them alone, so their term is Porter2's stem of the word as written.
const char* const kNotBritish[] = {
    // -ise kept: stems of fewer than four letters, or ending in a vowel, and the listed endings
    "rise", "arise", "advise", "advised", "devise", "revise", "disable", "crises",      //
    "raise", "praise", "fundraising", "noise", "greynoise", "poise", "cruise",          //
    "bruise", "disguise", "disguised",                                                  //
    "wise", "otherwise", "likewise", "connectwise", "supervise", "televise",            //
    "improvisation", "franchise", "enterprise", "enterprises", "surprise", "comprise",  //
    "compromise", "compromised", "compromising", "promise", "premise", "premises",      //
    "demise", "surmise", "chemise", "precise", "concise", "exercise", "excise",         //
    "incise", "circumcise", "expertise", "advertise", "advertising", "treatise",        //
    "chastise", "merchandise", "paradise", "despise", "sunrise",                        //
    // -our that is not -or
    "four", "hour", "hours", "pour", "tour", "your", "our", "ours", "flour", "sour",  //
    "detour", "contour", "devour", "journal", "source", "resources",                  //
    // -tre, -ence and -ogue words not listed
    "spectre", "sentence", "evidence", "rogue", "vogue", "league"};

}  // namespace

TEST_CASE("analyser: text -> terms", "[analyser]") {
  Analyser analyser;
  for (const auto& row : kTermCases) {
    INFO("text: " << row.text);
    CHECK(analyser.terms(row.text) == row.terms);
  }
}

TEST_CASE("analyser: British and American spellings give one term", "[analyser]") {
  Analyser analyser;
  for (const auto& row : kSpellingPairs) {
    INFO(row.british << " / " << row.american);
    const std::vector<std::string> british = analyser.terms(row.british);
    CHECK(british.size() == 1);
    CHECK(british == analyser.terms(row.american));
  }
}

TEST_CASE("analyser: words that only look British are stemmed as written", "[analyser]") {
  Analyser analyser;
  Xapian::Stem porter2("english");
  for (const char* word : kNotBritish) {
    INFO(word);
    CHECK(analyser.terms(word) == std::vector<std::string>{porter2(word)});
  }
}

TEST_CASE("analyser: byte offsets point at the token in the original text", "[analyser]") {
  Analyser analyser;
  const std::string text = "Caf\xC3\xA9 UNC1069 exploited CVE-2026-20182 in CitrixBleed.";
  std::vector<Token> tokens;
  analyser.analyse(text, tokens);
  std::vector<std::string> spans;
  for (const auto& t : tokens) spans.push_back(text.substr(t.begin, t.end - t.begin));
  CHECK(spans == std::vector<std::string>{"Caf\xC3\xA9", "UNC1069", "exploited", "CVE-2026-20182",
                                          "CVE", "2026", "20182", "in", "CitrixBleed", "Citrix",
                                          "Bleed"});
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

  // A dotted or CamelCase word is a compound too.
  tokens.clear();
  next = analyser.analyse("patch CitrixBleed now", tokens);
  REQUIRE(tokens.size() == 5);
  CHECK((tokens[1].role == TokenRole::kCompound && tokens[1].position == 1));
  CHECK((tokens[2].role == TokenRole::kPart && tokens[2].position == 1));
  CHECK((tokens[3].role == TokenRole::kPart && tokens[3].position == 2));
  CHECK(tokens[4].position == 3);
  CHECK(next == 4);
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
      "\xE5\x8C\x97 CVE-2026-20182 CitrixBleed SecurityAdvisories организации "
      "\xD8\xA7\xD9\x84\xD9\x87\xD8\xAC\xD9\x88\xD9\x85";  // Arabic "al-hujum"
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
    // The English stem of a word keeps its first byte (unless the word began with an apostrophe,
    // always stemmed); other languages' stemmers may drop a prefix, so those are always stemmed.
    const std::string folded = analyser.fold(text.substr(all[i].begin, all[i].end - all[i].begin));
    const auto first = static_cast<unsigned char>(folded[0]);
    if (first < 0x80) CHECK((all[i].term[0] == folded[0] || folded[0] == '\''));
    const bool stemmed = first_bytes.test(first) || first == '\'' || first >= 0x80;
    if (stemmed)
      CHECK(some[i].term == all[i].term);
    else
      CHECK(some[i].term == folded);
  }
}
