// The common words: every stem of letters only that the analyser writes in at least 10% of the
// 1,129 real advisories in ../shared/data (bench/common_words.py lists them from an index of
// those advisories, as bench/run-relevance builds it). A phrase of words each in fewer than one
// briefing in ten is checked over at most that tenth; a word in more is paired.
#include "common_words.h"

#include <algorithm>
#include <iterator>

#include "index_layout.h"

namespace briefing {
namespace {

// Sorted, for binary search.
constexpr std::string_view kCommonWords[] = {
    "a",         "access",    "action",   "activ",      "actor",     "ad",       "addit",
    "address",   "administr", "advisori", "affect",     "alert",     "all",      "allow",
    "an",        "and",       "ani",      "appli",      "arbitrari", "are",      "articl",
    "as",        "at",        "attack",   "australian", "authent",   "awar",     "base",
    "be",        "been",      "befor",    "by",         "bypass",    "can",      "catalog",
    "cisa",      "code",      "com",      "command",    "compromis", "control",  "could",
    "craft",     "critic",    "cve",      "cvss",       "cyber",     "data",     "date",
    "detail",    "devic",     "en",       "event",      "evid",      "execut",   "expect",
    "exploit",   "file",      "fix",      "flaw",       "follow",    "for",      "from",
    "gov",       "govern",    "has",      "have",       "high",      "hour",     "html",
    "https",     "if",        "in",       "includ",     "industri",  "inform",   "inject",
    "instruct",  "is",        "issu",     "it",         "known",     "lead",     "list",
    "made",      "malici",    "manag",    "may",        "microsoft", "month",    "multipl",
    "network",   "new",       "news",     "no",         "not",       "note",     "observ",
    "of",        "on",        "one",      "or",         "os",        "overview", "patch",
    "per",       "potenti",   "prior",    "privileg",   "product",   "publish",  "receiv",
    "recommend", "refer",     "relat",    "releas",     "relev",     "remot",    "report",
    "review",    "s",         "score",    "secur",      "server",    "servic",   "sever",
    "soc",       "softwar",   "solut",    "success",    "summari",   "support",  "system",
    "take",      "that",      "the",      "their",      "there",     "these",    "this",
    "threat",    "time",      "timefram", "to",         "unauthent", "updat",    "use",
    "user",      "vendor",    "version",  "via",        "vulner",    "wa",       "wasoc",
    "web",       "western",   "what",     "which",      "window",    "with",     "within",
    "write",     "www",
};

}  // namespace

bool is_common_word(std::string_view term) {
  return std::binary_search(std::begin(kCommonWords), std::end(kCommonWords), term);
}

std::string pair_term(std::string_view first, std::string_view second) {
  std::string term(layout::kPair);
  term.reserve(term.size() + first.size() + 1 + second.size());
  term.append(first).append(1, ' ').append(second);
  return term;
}

std::span<const std::string_view> common_words() {
  return kCommonWords;
}

}  // namespace briefing
