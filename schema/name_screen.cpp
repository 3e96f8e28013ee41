// The screens. Places come from the compiled-in region gazetteer (names, aliases and demonyms,
// "Korean" included), languages from ICU's English names, tools and generic words from the short
// lists below: the names MISP and STIX carry that are not groups.
#include "name_screen.h"

#include <algorithm>
#include <fstream>
#include <string>
#include <unordered_set>

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "gazetteer.h"
#include "text_util.h"

namespace briefing {
namespace {

// English words from Debian's word list: the lower-case entries, or the capitalised ones
// (proper nouns: places and people, "Vancouver", "Kafka"), lower-cased.
const std::unordered_set<std::string>& dictionary(bool proper_nouns = false) {
  static const auto words = [] {
    std::pair<std::unordered_set<std::string>, std::unordered_set<std::string>> w;
    std::ifstream in("/usr/share/dict/words");
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) (is_ascii_lower(line[0]) ? w.first : w.second).insert(ascii_lower(line));
    return w;
  }();
  return proper_nouns ? words.second : words.first;
}

// ICU's English names of languages ("Korean", "Russian", "Farsi"), lower-case.
const std::unordered_set<std::string>& languages() {
  static const std::unordered_set<std::string> names = [] {
    std::unordered_set<std::string> out;
    for (const char* const* code = icu::Locale::getISOLanguages(); *code; ++code) {
      icu::UnicodeString display;
      icu::Locale(*code).getDisplayLanguage(icu::Locale::getEnglish(), display);
      std::string name;
      display.toUTF8String(name);
      if (name != *code) out.insert(ascii_lower(name));
    }
    return out;
  }();
  return names;
}

// Programming languages, scripting hosts and off-the-shelf tools that galaxies list as synonyms
// of malware families ("AutoIt" for Bandarchor) but that name no group.
bool tool_name(const std::string& lower) {
  static const std::unordered_set<std::string> kTools = {
      "autoit",        "powershell", "python",  "perl",     "ruby",   "javascript", "vbscript",
      "vba",           "java",       "golang",  "delphi",   "rust",   "lua",        "node.js",
      ".net",          "c#",         "c++",     "mimikatz", "psexec", "metasploit", "impacket",
      "cobalt strike", "tor",        "bitcoin", "monero",   "winrar", "7-zip",      "anydesk",
      "teamviewer",    "ngrok"};
  return kTools.count(lower) > 0;
}

// Words of the trade that galaxies use as names ("0day", "Ransomware").
bool generic_word(const std::string& lower) {
  static const std::unordered_set<std::string> kGeneric = {
      "0day",   "0-day",   "zero-day", "zeroday",  "ransomware", "malware", "apt",
      "hacker", "hackers", "unknown",  "n/a",      "none",       "test",    "virus",
      "worm",   "trojan",  "botnet",   "backdoor", "stealer",    "wiper",   "exploit",
      "loader", "crypto",  "locker",   "rat",      "spyware",    "adware",  "miner"};
  return kGeneric.count(lower) > 0;
}

bool place_name(std::string_view name) {
  return Gazetteer::builtin().find(EntityKind::kRegion, name) != nullptr;
}

// Each space-separated word of `phrase` an ordinary word.
bool ordinary_words(std::string_view phrase) {
  bool any = false;
  for (std::size_t at = 0; at < phrase.size();) {
    std::size_t end = std::min(phrase.find(' ', at), phrase.size());
    if (end > at) {
      if (!ordinary_word(phrase.substr(at, end - at))) return false;
      any = true;
    }
    at = end + 1;
  }
  return any;
}

}  // namespace

bool ordinary_word(std::string_view word) {
  if (word.size() <= 3) return true;
  if (!std::all_of(word.begin(), word.end(), [](char c) { return is_ascii_alpha(c); }))
    return false;  // digits, spaces or punctuation: a name, not a word
  const auto& words = dictionary();
  if (words.empty()) return true;  // no word list: trust no single word alone
  std::string lower = ascii_lower(word);
  // Protocol names are words of the trade ("HTTP Server" names no product).
  static const std::unordered_set<std::string> kProtocols = {"http", "https", "smtp",  "ldap",
                                                             "snmp", "imap",  "ipsec", "wifi"};
  if (words.count(lower) || kProtocols.count(lower)) return true;
  return lower.back() == 's' && words.count(lower.substr(0, lower.size() - 1));  // "Routers"
}

NameVerdict screen_actor_name(std::string_view name, bool alias) {
  const std::string lower = ascii_lower(name);
  if (generic_word(lower)) return {NameUse::kRefused, "a generic word"};
  if (tool_name(lower)) return {NameUse::kRefused, "a tool or programming language"};
  if (place_name(name)) return {NameUse::kRefused, "a place or demonym"};
  if (languages().count(lower)) return {NameUse::kRefused, "a language"};
  if (ordinary_word(name))
    return alias ? NameVerdict{NameUse::kAmbiguous, "an ordinary word"}
                 : NameVerdict{NameUse::kRefused, "an ordinary word"};
  return {};
}

NameVerdict screen_product_name(std::string_view product) {
  const std::string lower = ascii_lower(product);
  if (product.size() < 3) return {NameUse::kRefused, "too short"};
  if (place_name(product)) return {NameUse::kRefused, "a place or demonym"};
  if (generic_word(lower) || lower.rfind("multiple ", 0) == 0)  // "Multiple Products"
    return {NameUse::kRefused, "a generic word"};
  if (product.size() <= 3) return {NameUse::kAmbiguous, "too short alone"};  // "FTA", "IOS"
  if (product.find(' ') == std::string_view::npos && ordinary_word(product))
    return {NameUse::kRefused, "an ordinary word"};
  // ServiceNow's releases are named after cities: "Vancouver" needs ServiceNow named too.
  if (product.find(' ') == std::string_view::npos && dictionary(true).count(lower))
    return {NameUse::kAmbiguous, "a proper noun"};
  if (ordinary_words(product)) return {NameUse::kAmbiguous, "ordinary words"};
  return {};
}

}  // namespace briefing
