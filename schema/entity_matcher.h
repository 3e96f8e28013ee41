// Finds gazetteer entities in text in one pass over the analyser's tokens: a token trie of every
// name, alias and context phrase, longest match first, with case rules and corroboration for
// ambiguous names (see README, "Entities").
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyser.h"
#include "gazetteer.h"

namespace briefing {

// Where a mention was found: the `text`-th text given to Scan::add, bytes [begin, end) of it.
struct FoundAt {
  std::size_t text = 0, begin = 0, end = 0;
};

struct EntityMatches {
  std::vector<std::string> actors, vendors, regions;  // canonical names, in order of first mention
  // Each accepted entity with its first mention as a subject (its first mention, for an entity
  // never named as a subject), in acceptance order: the provenance of what was found.
  std::vector<std::pair<const Entity*, FoundAt>> evidence;
};

// One entity mention found in a text (for query rewriting and provenance).
struct EntityMention {
  std::size_t first_token, last_token;  // indexes into the scanned token list (words only)
  const Entity* entity;
  bool ambiguous;
  FoundAt at;
  bool as_source = false;  // a vendor named as the source of a report
};

class EntityMatcher {
 public:
  // Builds the trie with `analyser` (the matcher keeps no reference to it).
  EntityMatcher(const Gazetteer& gazetteer, Analyser& analyser);
  ~EntityMatcher();
  EntityMatcher(EntityMatcher&&) noexcept;

  // Accumulates mentions over the fields of one text, then decides.
  class Scan {
   public:
    // `tokens` are the analyser's tokens of `text` (as the indexer already has them); a name in
    // the `title` counts as much as two elsewhere.
    void add(std::string_view text, const std::vector<Token>& tokens, bool title = false);
    EntityMatches finish() const;
    // Every mention, accepted or not, in the order found (for the query side).
    const std::vector<EntityMention>& mentions() const { return mentions_; }

   private:
    friend class EntityMatcher;
    FoundAt first_subject_mention(const Entity* e) const;
    explicit Scan(const EntityMatcher& matcher, Analyser& analyser)
        : matcher_(matcher), analyser_(analyser) {}
    const EntityMatcher& matcher_;
    Analyser& analyser_;
    std::vector<EntityMention> mentions_;
    std::vector<const Entity*> strong_, weak_;  // mentioned by a plain alias / an ambiguous one
    std::set<const Entity*> corroborated_;
    std::map<const Entity*, int> subject_mentions_;  // vendors: mentions not as a source
    std::size_t token_base_ = 0;
    std::size_t texts_ = 0;            // add() calls so far
    bool last_vendor_cited_ = false;   // the previous vendor mention, for "X and Y"
    std::size_t last_vendor_end_ = 0;  // (indexes are per add(): reset there)
  };
  Scan scan(Analyser& analyser) const { return Scan(*this, analyser); }

  // Convenience: all of one text.
  EntityMatches match(std::string_view text, Analyser& analyser) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace briefing
