// The suggestion index and its per-revision cache (suggester.h).
#include "suggester.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <set>

#include "index_layout.h"
#include "region_names.h"
#include "text_util.h"

namespace briefing {
namespace {

struct EntityFacet {
  SuggestionKind kind;
  EntityKind entity;
  std::string_view prefix;
};
constexpr EntityFacet kEntityFacets[] = {
    {SuggestionKind::kActor, EntityKind::kActor, layout::kActor},
    {SuggestionKind::kVendor, EntityKind::kVendor, layout::kVendor},
    {SuggestionKind::kRegion, EntityKind::kRegion, layout::kRegion},
};

// Prefixes up to this many code points have their answers ranked at build time: their ranges in
// the key array run to thousands of keys, longer ones to a few dozen.
constexpr std::size_t kRankedPrefixCodePoints = 2;
constexpr std::uint32_t kNoTarget = std::numeric_limits<std::uint32_t>::max();

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

// The bytes of the first `n` code points of `key`, or npos when it has fewer.
std::size_t code_point_bytes(std::string_view key, std::size_t n) {
  std::size_t at = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (at >= key.size()) return std::string_view::npos;
    at += std::max<std::size_t>(utf8_sequence_length(key, at), 1);
  }
  return std::min(at, key.size());
}

}  // namespace

std::string suggest_key(Analyser& analyser, std::string_view text) {
  const std::string folded = analyser.fold(text);
  std::string out;
  out.reserve(folded.size());
  bool gap = false;
  for (char c : folded) {
    if (static_cast<unsigned char>(c) < 0x80 && !is_ascii_alnum(c)) {
      gap = !out.empty();
      continue;
    }
    if (gap) out += ' ';
    gap = false;
    out += c;
  }
  return out;
}

std::shared_ptr<const SuggestionIndex> SuggestionIndex::build(const Xapian::Database& db,
                                                              const Gazetteer& gazetteer,
                                                              const Xapian::Database& words) {
  // Its own analyser: stemming every word of the vocabulary would fill a handle's stem cache.
  Analyser analyser;
  auto index = std::make_shared<SuggestionIndex>();
  index->add_entities(db, gazetteer, analyser);
  index->add_words(words, analyser);
  std::sort(index->keys_.begin(), index->keys_.end(), [](const Key& a, const Key& b) {
    return a.folded != b.folded ? a.folded < b.folded : a.target < b.target;
  });
  index->rank_short_prefixes();
  return index;
}

void SuggestionIndex::add_entities(const Xapian::Database& db, const Gazetteer& gazetteer,
                                   Analyser& analyser) {
  for (const EntityFacet& f : kEntityFacets) {
    const std::string prefix(f.prefix);
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
      const std::string value = (*it).substr(prefix.size());
      if (value.empty()) continue;
      const auto target = static_cast<std::uint32_t>(targets_.size());
      std::string text = f.entity == EntityKind::kRegion ? region_name(value) : value;
      // The shown name first: it is the matched spelling whenever it matches at all.
      std::vector<std::string> spellings = {text, value};
      if (const Entity* e = gazetteer.find(f.entity, value))
        spellings.insert(spellings.end(), e->aliases.begin(), e->aliases.end());
      targets_.push_back({f.kind, std::move(text), value, it.get_termfreq()});
      std::set<std::string> seen;
      for (std::size_t i = 0; i < spellings.size(); ++i) {
        std::string folded = suggest_key(analyser, spellings[i]);
        if (folded.empty() || !seen.insert(folded).second) continue;
        add_keys(target, spellings[i], i == 0 ? 1 : 0, folded);
      }
    }
  }
}

void SuggestionIndex::add_words(const Xapian::Database& words, Analyser& analyser) {
  std::unordered_map<std::string, std::uint32_t> by_stem;
  try {
    for (auto it = words.spellings_begin(); it != words.spellings_end(); ++it) {
      const std::string word = *it;  // lower-case ASCII letters (the indexer's spelling words)
      std::string stem = analyser.stem(word);
      auto [at, fresh] = by_stem.try_emplace(std::move(stem), kNoTarget);
      if (fresh) {
        // The spelling table only ever grows; a stem no briefing holds now is not offered.
        const Xapian::doccount count = words.get_termfreq(at->first);
        if (count > 0) {
          at->second = static_cast<std::uint32_t>(targets_.size());
          targets_.push_back({SuggestionKind::kWord, {}, {}, count});
        }
      }
      if (at->second != kNoTarget) add_keys(at->second, word, it.get_termfreq(), word);
    }
  } catch (const Xapian::UnimplementedError&) {
    // remote shards pass no spelling table on: entities only (unless --spelling-db names one)
  }
}

void SuggestionIndex::add_keys(std::uint32_t target, const std::string& spelling,
                               std::uint32_t weight, const std::string& folded) {
  const auto s = static_cast<std::uint32_t>(spellings_.size());
  spellings_.push_back(spelling);
  keys_.push_back({folded, s, target, weight, true});
  for (std::size_t i = folded.find(' '); i != std::string::npos; i = folded.find(' ', i + 1))
    keys_.push_back({folded.substr(i + 1), s, target, weight, false});
}

void SuggestionIndex::rank_short_prefixes() {
  for (const Key& k : keys_)
    for (std::size_t n = 1; n <= kRankedPrefixCodePoints; ++n) {
      const std::size_t bytes = code_point_bytes(k.folded, n);
      if (bytes == std::string_view::npos) break;
      short_prefixes_.try_emplace(k.folded.substr(0, bytes));
    }
  for (auto& [prefix, answer] : short_prefixes_) answer = ranked(prefix, kMaxSuggestions);
}

std::vector<SuggestionIndex::Candidate> SuggestionIndex::candidates(std::string_view prefix) const {
  std::vector<Candidate> found;
  auto it = std::lower_bound(keys_.begin(), keys_.end(), prefix,
                             [](const Key& k, std::string_view p) { return k.folded < p; });
  for (; it != keys_.end() && starts_with(it->folded, prefix); ++it) {
    const int tier = targets_[it->target].kind == SuggestionKind::kWord ? 2 : it->whole ? 0 : 1;
    found.push_back({static_cast<std::uint32_t>(it - keys_.begin()), it->target, tier, it->weight});
  }
  // Each target once, by its best key: the best tier, then the heavier spelling.
  std::sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
    if (a.target != b.target) return a.target < b.target;
    if (a.tier != b.tier) return a.tier < b.tier;
    return a.weight != b.weight ? a.weight > b.weight : a.key < b.key;
  });
  found.erase(
      std::unique(found.begin(), found.end(),
                  [](const Candidate& a, const Candidate& b) { return a.target == b.target; }),
      found.end());
  return found;
}

SuggestionIndex::Ranked SuggestionIndex::ranked(std::string_view prefix, std::size_t limit) const {
  std::vector<Candidate> found = candidates(prefix);
  auto better = [this](const Candidate& a, const Candidate& b) {
    if (a.tier != b.tier) return a.tier < b.tier;
    const std::uint64_t ca = targets_[a.target].count, cb = targets_[b.target].count;
    if (ca != cb) return ca > cb;
    return spellings_[keys_[a.key].spelling] < spellings_[keys_[b.key].spelling];
  };
  const auto words =
      std::partition(found.begin(), found.end(), [](const Candidate& c) { return c.tier < 2; });
  auto best = [&](auto begin, auto end) {
    const auto n = std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(limit), end - begin);
    std::partial_sort(begin, begin + n, end, better);
    std::vector<std::uint32_t> keys;
    for (auto it = begin; it != begin + n; ++it) keys.push_back(it->key);
    return keys;
  };
  return {best(found.begin(), words), best(words, found.end())};
}

std::vector<Suggestion> SuggestionIndex::find(std::string_view folded_prefix,
                                              std::size_t limit) const {
  if (folded_prefix.empty() || limit == 0) return {};
  limit = std::min(limit, kMaxSuggestions);
  Ranked scanned;
  const Ranked* found = &scanned;
  if (auto it = short_prefixes_.find(std::string(folded_prefix)); it != short_prefixes_.end())
    found = &it->second;
  else
    scanned = ranked(folded_prefix, limit);
  // Entities first, but a quarter of the places kept for words when there are some: a prefix
  // such as "ran" is a later word of many names ("Ghost ransomware"), and "ransomware" itself
  // would never be offered.
  const std::size_t for_words = std::min(found->words.size(), (limit + 2) / 4);
  const std::size_t entities = std::min(found->entities.size(), limit - for_words);
  std::vector<Suggestion> out;
  for (std::size_t i = 0; i < entities; ++i) out.push_back(suggestion(found->entities[i]));
  for (std::size_t i = 0; i < found->words.size() && out.size() < limit; ++i)
    out.push_back(suggestion(found->words[i]));
  return out;
}

Suggestion SuggestionIndex::suggestion(std::uint32_t key) const {
  const Key& k = keys_[key];
  const Target& t = targets_[k.target];
  const std::string& spelling = spellings_[k.spelling];
  if (t.kind == SuggestionKind::kWord) return {t.kind, spelling, spelling, spelling, t.count};
  return {t.kind, t.text, t.canonical, spelling, t.count};
}

std::shared_ptr<const SuggestionIndex> SuggestionCache::for_handle(IndexHandle& h,
                                                                   EntityCache& entities,
                                                                   const std::string& words_db) {
  const std::pair<std::uint64_t, std::uint64_t> key{h.generation, index_revision(h.db)};
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (index_ && key_ == key) return index_;
  }
  std::unique_lock<std::mutex> building(build_mutex_, std::try_to_lock);
  if (!building.owns_lock()) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (index_) return index_;  // another request builds the new one
    }
    building.lock();
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (index_ && key_ == key) return index_;  // built while this one waited
  }
  std::optional<Xapian::Database> own_words;
  if (!words_db.empty()) own_words.emplace(words_db);
  std::shared_ptr<const SuggestionIndex> built = SuggestionIndex::build(
      h.db, entities.for_index(h.db)->gazetteer, own_words ? *own_words : h.db);
  std::lock_guard<std::mutex> lock(mutex_);
  index_ = built;
  key_ = key;
  return built;
}

void SuggestionCache::warm(IndexHandle& h, EntityCache& entities, const std::string& words_db) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!index_) return;
  }
  for_handle(h, entities, words_db);
}

}  // namespace briefing
