// The rules, each the narrowest that catches the common words: -our only for listed roots (most
// words in -our are not British spellings: "four", "hour", "tour", "detour"); -ise for any word
// whose stem is long enough, except listed words that end in -ise in American English too
// ("compromise", "enterprise", "advise"); the rest are short lists of roots.
#include "spelling.h"

#include <algorithm>
#include <string_view>

namespace briefing {
namespace {

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

// Roots whose British spelling is a plain substitution wherever they occur in a word
// ("behaviour", "behavioural", "misbehaviour"; "defence", "defenceless").
struct RootPair {
  std::string_view british, american;
};
constexpr RootPair kRoots[] = {
    {"ardour", "ardor"},       {"armour", "armor"},       {"behaviour", "behavior"},
    {"candour", "candor"},     {"clamour", "clamor"},     {"colour", "color"},
    {"demeanour", "demeanor"}, {"endeavour", "endeavor"}, {"favour", "favor"},
    {"fervour", "fervor"},     {"flavour", "flavor"},     {"glamour", "glamor"},
    {"harbour", "harbor"},     {"honour", "honor"},       {"humour", "humor"},
    {"labour", "labor"},       {"neighbour", "neighbor"}, {"odour", "odor"},
    {"parlour", "parlor"},     {"rancour", "rancor"},     {"rigour", "rigor"},
    {"rumour", "rumor"},       {"saviour", "savior"},     {"savour", "savor"},
    {"splendour", "splendor"}, {"succour", "succor"},     {"tumour", "tumor"},
    {"valour", "valor"},       {"vapour", "vapor"},       {"vigour", "vigor"},
    {"defenc", "defens"},      {"offenc", "offens"},      {"licenc", "licens"},
    {"pretenc", "pretens"},    {"practis", "practic"},    {"judgement", "judgment"},
};

void replace_roots(std::string& word) {
  // Every root has "our" or "enc" in it, or is one of two words; most words have neither.
  if (word.find("our") == std::string::npos && word.find("enc") == std::string::npos &&
      word.find("practis") == std::string::npos && word.find("judgement") == std::string::npos)
    return;
  for (const RootPair& r : kRoots) {
    std::size_t at = word.find(r.british);
    if (at != std::string::npos) word.replace(at, r.british.size(), r.american);
  }
}

// -tre words: "centre", "centres", "centred" -> "center", "centers", "centered".
void replace_tre(std::string& word, std::size_t end) {
  std::string_view w = std::string_view(word).substr(0, end);
  if (!ends_with(w, "re") && !ends_with(w, "res") && !ends_with(w, "red")) return;
  static constexpr std::string_view kTre[] = {"centre", "fibre",   "litre",
                                              "metre",  "theatre", "calibre"};
  for (std::string_view root : kTre) {
    std::size_t at = word.rfind(root, end);
    if (at == std::string::npos || at + root.size() > end) continue;
    std::string_view tail = std::string_view(word).substr(at + root.size(), end - at - root.size());
    std::size_t re = at + root.size() - 2;
    if (tail.empty() || tail == "s") word.replace(re, 2, "er");
    if (tail == "d") word.replace(re, 3, "ered");
    return;
  }
}

// -ogue words: "catalogue", "catalogues", "catalogued" -> "catalog", "catalogs", "cataloged".
void replace_ogue(std::string& word, std::size_t end) {
  if (word.find("ogu") == std::string::npos) return;
  static constexpr std::string_view kOgue[] = {"catalogu", "dialogu", "analogu"};
  for (std::string_view root : kOgue) {
    std::size_t at = word.rfind(root, end);
    if (at == std::string::npos || at + root.size() > end) continue;
    std::size_t tail = at + root.size();
    std::string_view rest = std::string_view(word).substr(tail, end - tail);
    if (rest == "e" || rest == "es") word.erase(tail - 1, 2);  // "ue" goes, an "s" stays
    if (rest == "ed" || rest == "ing") word.erase(tail - 1, 1);
    return;
  }
}

// Words ending in -ise in American English too, as endings ("promise" covers "compromise").
constexpr std::string_view kIseKept[] = {
    "wise",        "vise",     "chise",     "prise",     "promise",   "premise",
    "demise",      "surmise",  "chemise",   "precise",   "concise",   "exercise",
    "excise",      "incise",   "expertise", "advertise", "treatise",  "chastise",
    "merchandise", "paradise", "despise",   "sunrise",   "circumcise"};

// The endings that follow -is- in -ise words, longest first.
constexpr std::string_view kIseSuffixes[] = {"ational", "ations", "ation", "able", "ing",
                                             "ers",     "er",     "ed",    "es",   "e"};

// -ise -> -ize ("organisation", "authorised", "realise"), -lyse -> -lyze ("analysed").
void replace_ise(std::string& word, std::size_t end) {
  std::string_view w = std::string_view(word).substr(0, end);
  if (w.find("is") == std::string_view::npos && w.find("ys") == std::string_view::npos) return;
  for (std::string_view suffix : kIseSuffixes) {
    if (!ends_with(w, suffix)) continue;
    std::string_view stem = w.substr(0, w.size() - suffix.size());
    if (!ends_with(stem, "is") && !ends_with(stem, "lys")) continue;
    const std::size_t s_at = stem.size() - 1;  // the "s" that becomes "z"
    if (ends_with(stem, "lys")) {
      if (stem.size() >= 5) word[s_at] = 'z';  // "analyse"; never "lyse" alone
      return;
    }
    // The stem before -is- is long enough to be a word and does not end in a vowel: "rise",
    // "raise", "noise", "cruise" and "disable" are left alone.
    std::string_view before = stem.substr(0, stem.size() - 2);
    if (before.size() < 4 || is_vowel(before.back())) return;
    std::string base = std::string(before) + "ise";
    if (std::any_of(std::begin(kIseKept), std::end(kIseKept),
                    [&](std::string_view kept) { return ends_with(base, kept); }))
      return;
    word[s_at] = 'z';
    return;
  }
}

}  // namespace

bool americanise(std::string& word) {
  if (word.size() < 5) return false;  // the shortest word any rule changes is "odour"
  const std::string before = word;
  replace_roots(word);
  // Possessives: the rules look at the word's own ending ("organisation's").
  const std::size_t possessive = ends_with(word, "'s") ? 2 : word.back() == '\'' ? 1 : 0;
  if (word == "programme" || word == "programmes") word.erase(7, 2);
  replace_tre(word, word.size() - possessive);
  replace_ogue(word, word.size() - possessive);
  replace_ise(word, word.size() - possessive);
  return word != before;
}

}  // namespace briefing
