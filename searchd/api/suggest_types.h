// What /suggest answers: the entities and words a typed prefix may complete to (Searcher::suggest).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace briefing {

enum class SuggestionKind { kActor, kVendor, kRegion, kWord };

constexpr std::string_view suggestion_kind_name(SuggestionKind kind) {
  switch (kind) {
    case SuggestionKind::kActor:
      return "actor";
    case SuggestionKind::kVendor:
      return "vendor";
    case SuggestionKind::kRegion:
      return "region";
    case SuggestionKind::kWord:
      break;
  }
  return "word";
}

struct Suggestion {
  SuggestionKind kind = SuggestionKind::kWord;
  std::string text;         // what to show: the canonical name, a region's English name, the word
  std::string canonical;    // the facet value a filter selects (a region's ISO code), or the word
  std::string matched;      // the name or alias the prefix matched, as the gazetteer spells it
  std::uint64_t count = 0;  // briefings tagged with the value, or holding the word
};

// A request's limit is clamped to [1, kMaxSuggestions]; the HTTP layer refuses others.
inline constexpr std::size_t kDefaultSuggestions = 8;
inline constexpr std::size_t kMaxSuggestions = 20;
// Longer prefixes complete nothing worth offering (the longest alias is shorter).
inline constexpr std::size_t kMaxSuggestPrefixBytes = 200;

}  // namespace briefing
