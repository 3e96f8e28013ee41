// The shingle words: every stem of letters only that the analyser writes in at least 10% of the
// 1,129 real advisories in ../shared/data, less the function words of the Snowball English stop
// list (bench/shingle_words.py lists them from an index of those advisories, as
// bench/run-relevance builds it). A phrase with a word in fewer than one briefing in ten is
// checked over at most that tenth; a phrase of function words and common words is filtered by
// the shingles it holds.
#include "shingles.h"

#include <algorithm>
#include <iterator>

#include "index_layout.h"

namespace briefing {
namespace {

// Sorted, for binary search.
constexpr std::string_view kShingleWords[] = {
    "access",    "action",   "activ",      "actor",   "ad",        "addit",    "address",
    "administr", "advisori", "affect",     "alert",   "allow",     "appli",    "arbitrari",
    "articl",    "attack",   "australian", "authent", "awar",      "base",     "bypass",
    "can",       "catalog",  "cisa",       "code",    "com",       "command",  "compromis",
    "control",   "craft",    "critic",     "cve",     "cvss",      "cyber",    "data",
    "date",      "detail",   "devic",      "en",      "event",     "evid",     "execut",
    "expect",    "exploit",  "file",       "fix",     "flaw",      "follow",   "gov",
    "govern",    "high",     "hour",       "html",    "https",     "includ",   "industri",
    "inform",    "inject",   "instruct",   "issu",    "known",     "lead",     "list",
    "made",      "malici",   "manag",      "may",     "microsoft", "month",    "multipl",
    "network",   "new",      "news",       "note",    "observ",    "one",      "os",
    "overview",  "patch",    "per",        "potenti", "prior",     "privileg", "product",
    "publish",   "receiv",   "recommend",  "refer",   "relat",     "releas",   "relev",
    "remot",     "report",   "review",     "s",       "score",     "secur",    "server",
    "servic",    "sever",    "soc",        "softwar", "solut",     "success",  "summari",
    "support",   "system",   "take",       "threat",  "time",      "timefram", "unauthent",
    "updat",     "use",      "user",       "vendor",  "version",   "via",      "vulner",
    "wa",        "wasoc",    "web",        "western", "window",    "within",   "write",
    "www",
};

}  // namespace

bool is_shingle_word(std::string_view term) {
  return std::binary_search(std::begin(kShingleWords), std::end(kShingleWords), term);
}

std::string shingle_term(std::string_view first, std::string_view second) {
  std::string term(layout::kShingle);
  term.append(first).append(1, ' ').append(second);
  return term;
}

std::string shingle_term(std::string_view first, std::string_view second, std::string_view third) {
  return shingle_term(first, second).append(1, ' ').append(third);
}

std::vector<std::string> words_of_shingle(std::string_view term) {
  std::vector<std::string> words;
  if (!term.starts_with(layout::kShingle)) return words;
  term.remove_prefix(layout::kShingle.size());
  for (std::size_t space; (space = term.find(' ')) != std::string_view::npos;) {
    words.emplace_back(term.substr(0, space));
    term.remove_prefix(space + 1);
  }
  words.emplace_back(term);
  return words;
}

std::span<const std::string_view> shingle_words() {
  return kShingleWords;
}

}  // namespace briefing
