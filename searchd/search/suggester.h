// Autocomplete (/suggest): the entity names and aliases, region names and words a typed prefix
// completes to, from an index of folded keys built once per revision of the index. A lookup is a
// binary search in one sorted array; the answers for every prefix of one or two characters (whose
// ranges are the long ones) are ranked when the index is built.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <xapian.h>

#include "analyser.h"
#include "gazetteer.h"
#include "index_handles.h"
#include "revision_caches.h"
#include "suggest_types.h"

namespace briefing {

// How names and typed prefixes are compared: folded (case, accents, width: Analyser::fold), with
// every run of ASCII spaces and punctuation one space and none at either end ("ALPHV/BlackCat"
// -> "alphv blackcat", "Storm-1567" -> "storm 1567").
std::string suggest_key(Analyser& analyser, std::string_view text);

class SuggestionIndex {
 public:
  // Entities: the actor, vendor and region values the index holds (their facet terms' frequencies
  // are the counts), each under its canonical name, display name and aliases as `gazetteer`
  // spells them (an ambiguous alias needs corroboration in a text, so it is not offered alone).
  // Words: the spelling table of `words` (unstemmed, as users type them), one suggestion per stem,
  // counted by the stem's term frequency: the briefings a search for the word finds.
  static std::shared_ptr<const SuggestionIndex> build(const Xapian::Database& db,
                                                      const Gazetteer& gazetteer,
                                                      const Xapian::Database& words);

  // Up to `limit` completions of a prefix folded by suggest_key: entities before words (though a
  // quarter of the places go to words when some match); among entities, those whose whole name
  // starts with the prefix before those where a later word of it does; each by count.
  std::vector<Suggestion> find(std::string_view folded_prefix, std::size_t limit) const;

  std::size_t keys() const { return keys_.size(); }

 private:
  struct Target {
    SuggestionKind kind;
    std::string text, canonical;
    std::uint64_t count;
  };
  struct Key {
    std::string folded;      // from the start of the spelling or of one of its later words
    std::uint32_t spelling;  // into spellings_
    std::uint32_t target;    // into targets_
    std::uint32_t weight;    // among one target's keys, the higher is shown (word frequency)
    bool whole;              // starts where the spelling does
  };

  void add_entities(const Xapian::Database& db, const Gazetteer& gazetteer, Analyser& analyser);
  void add_words(const Xapian::Database& words, Analyser& analyser);
  void add_keys(std::uint32_t target, const std::string& spelling, std::uint32_t weight,
                const std::string& folded);
  struct Candidate {
    std::uint32_t key, target;
    int tier;  // 0: an entity's whole name, 1: a later word of it, 2: a word
    std::uint32_t weight;
  };
  // The keys a prefix completes to, each best first and cut to a limit.
  struct Ranked {
    std::vector<std::uint32_t> entities, words;
  };

  void rank_short_prefixes();
  // The best key of each target that `prefix` completes to (a scan of its range of keys).
  std::vector<Candidate> candidates(std::string_view prefix) const;
  Ranked ranked(std::string_view prefix, std::size_t limit) const;
  Suggestion suggestion(std::uint32_t key) const;

  std::vector<Target> targets_;
  std::vector<std::string> spellings_;
  std::vector<Key> keys_;  // sorted by folded
  // Every prefix of one or two code points that some key starts with -> ranked(prefix, max).
  std::unordered_map<std::string, Ranked> short_prefixes_;
};

// The suggestion index of the handle's revision. The first request on a revision builds it (the
// gazetteer read only then); requests meanwhile get the previous revision's, or wait when there
// is none.
class SuggestionCache {
 public:
  // `words_db`: a local index whose spelling table gives the words (SearcherOptions::spelling_db);
  // empty: the handle's own.
  std::shared_ptr<const SuggestionIndex> for_handle(IndexHandle& h, EntityCache& entities,
                                                    const std::string& words_db);
  // Brings the index up to the handle's revision if one was ever built (Searcher::warm), so that
  // the first keystroke after an indexer run need not wait for the build; never builds the first.
  void warm(IndexHandle& h, EntityCache& entities, const std::string& words_db);

 private:
  std::mutex mutex_, build_mutex_;
  std::shared_ptr<const SuggestionIndex> index_;
  std::pair<std::uint64_t, std::uint64_t> key_{};  // generation, revision
};

}  // namespace briefing
