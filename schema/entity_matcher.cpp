// The matcher. Keys are folded, unstemmed words (so "Sandworm" never matches "sandworms"' stem);
// case rules are checked against the original text:
//   - a one-word alias in capitals of up to four letters ("US", "ROK", "SAP") matches only as
//     written, so "us" the pronoun is never the United States;
//   - an alias with any capital needs a capital in the text ("aware" is not "Aware");
//   - an all-lower-case alias ("npm") matches in any case.
// Ambiguous aliases count only when the same text also has a plain alias of the entity or one of
// its context phrases. A vendor whose every mention is as a source of reporting ("Microsoft
// said", "Google Threat Intelligence Group") is a publisher, not a subject, and is dropped.
#include "entity_matcher.h"

#include <algorithm>

namespace briefing {
namespace {

enum class CaseRule : std::uint8_t { kAny, kCapital, kExact };

struct Ending {
  const Entity* entity;
  bool ambiguous;
  bool context;                                          // a context phrase, not a name
  std::vector<std::pair<std::string, CaseRule>> tokens;  // alias words as written, with rules
};

struct Node {
  std::unordered_map<std::string, std::uint32_t> next;
  std::vector<Ending> endings;
};

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string fold_key(Analyser& analyser, std::string_view word) {
  if (!is_ascii(word)) return analyser.fold(word);
  std::string out(word);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

CaseRule rule_for(std::string_view word) {
  bool upper = false, lower = false;
  for (char c : word) {
    upper = upper || (c >= 'A' && c <= 'Z');
    lower = lower || (c >= 'a' && c <= 'z');
  }
  if (!upper) return CaseRule::kAny;
  if (!lower && word.size() <= 4) return CaseRule::kExact;
  return CaseRule::kCapital;
}

bool case_ok(std::string_view text, const std::string& alias, CaseRule rule) {
  switch (rule) {
    case CaseRule::kAny:
      return true;
    case CaseRule::kExact:
      return text == alias;
    case CaseRule::kCapital:
      return std::any_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  }
  return false;
}

// Words after a vendor name that make it the source of a report rather than its subject.
bool publisher_word(const std::string& next) {
  static const char* const kWords[] = {
      "said",     "says",     "reported",   "reports", "researchers", "warned", "warns", "threat",
      "observed", "assessed", "attributed", "tracks",  "named",       "calls",  "names"};
  return std::any_of(std::begin(kWords), std::end(kWords),
                     [&](const char* w) { return next == w; });
}

// The analyser's tokens that carry words: a compound stands for its parts.
bool word_token(const Token& t) {
  return t.role != TokenRole::kPart;
}

}  // namespace

struct EntityMatcher::Impl {
  std::vector<Node> nodes{1};

  void insert(Analyser& analyser, const Entity& e, const std::string& phrase, bool ambiguous,
              bool context) {
    std::vector<Token> tokens;
    analyser.analyse(phrase, tokens);
    Ending ending{&e, ambiguous, context, {}};
    std::uint32_t at = 0;
    for (const Token& t : tokens) {
      if (!word_token(t)) continue;
      std::string_view word = std::string_view(phrase).substr(t.begin, t.end - t.begin);
      std::string k = fold_key(analyser, word);
      auto found = nodes[at].next.find(k);
      if (found == nodes[at].next.end()) {
        nodes.emplace_back();
        found = nodes[at].next.emplace(k, static_cast<std::uint32_t>(nodes.size() - 1)).first;
      }
      at = found->second;
      ending.tokens.emplace_back(std::string(word), context ? CaseRule::kAny : rule_for(word));
    }
    // Only a lone short acronym must match as written; inside a longer name ("FANCY BEAR"),
    // capitals just need to be capitals.
    if (ending.tokens.size() > 1)
      for (auto& [word, rule] : ending.tokens)
        if (rule == CaseRule::kExact) rule = CaseRule::kCapital;
    if (at != 0) nodes[at].endings.push_back(std::move(ending));
  }
};

EntityMatcher::EntityMatcher(const Gazetteer& gazetteer, Analyser& analyser)
    : impl_(std::make_unique<Impl>()) {
  for (const Entity& e : gazetteer.entities()) {
    impl_->insert(analyser, e, e.name, false, false);
    for (const auto& a : e.aliases) impl_->insert(analyser, e, a, false, false);
    for (const auto& a : e.ambiguous) impl_->insert(analyser, e, a, true, false);
    for (const auto& c : e.context) impl_->insert(analyser, e, c, false, true);
  }
}

EntityMatcher::~EntityMatcher() = default;
EntityMatcher::EntityMatcher(EntityMatcher&&) noexcept = default;

void EntityMatcher::Scan::add(std::string_view text, const std::vector<Token>& all_tokens) {
  const auto& nodes = matcher_.impl_->nodes;
  std::vector<const Token*> words;
  std::vector<std::string> keys;
  for (const Token& t : all_tokens) {
    if (!word_token(t)) continue;
    words.push_back(&t);
    keys.push_back(fold_key(analyser_, text.substr(t.begin, t.end - t.begin)));
  }
  auto span = [&](std::size_t i) {
    return text.substr(words[i]->begin, words[i]->end - words[i]->begin);
  };

  for (std::size_t i = 0; i < words.size();) {
    // Longest match starting at i whose case rules hold.
    const Ending* best = nullptr;
    std::size_t best_end = i;
    std::uint32_t at = 0;
    for (std::size_t j = i; j < words.size(); ++j) {
      auto next = nodes[at].next.find(keys[j]);
      if (next == nodes[at].next.end()) break;
      at = next->second;
      for (const Ending& e : nodes[at].endings) {
        bool ok = true;
        for (std::size_t k = 0; k < e.tokens.size() && ok; ++k)
          ok = case_ok(span(i + k), e.tokens[k].first, e.tokens[k].second);
        // Prefer names over context phrases, plain aliases over ambiguous ones.
        if (ok && (!best || j + 1 > best_end || (best->context && !e.context) ||
                   (best->ambiguous && !e.ambiguous))) {
          best = &e;
          best_end = j + 1;
        }
      }
    }
    if (!best) {
      ++i;
      continue;
    }
    // A context phrase corroborates its entity; it is also no mention of it.
    if (best->context) {
      corroborated_.insert(best->entity);
    } else {
      mentions_.push_back(
          {token_base_ + i, token_base_ + best_end - 1, best->entity, best->ambiguous});
      auto& list = best->ambiguous ? weak_ : strong_;
      if (std::find(list.begin(), list.end(), best->entity) == list.end())
        list.push_back(best->entity);
      if (best->entity->kind == EntityKind::kVendor) {
        bool as_source = best_end < words.size() && publisher_word(keys[best_end]);
        if (!as_source) subject_.insert(best->entity);
      }
    }
    i = best_end;
  }
  token_base_ += words.size();
}

EntityMatches EntityMatcher::Scan::finish() const {
  EntityMatches out;
  auto accept = [&](const Entity* e) {
    if (e->kind == EntityKind::kVendor && !subject_.count(e)) return;  // only ever a source
    auto& list = e->kind == EntityKind::kActor    ? out.actors
                 : e->kind == EntityKind::kVendor ? out.vendors
                                                  : out.regions;
    if (std::find(list.begin(), list.end(), e->name) == list.end()) list.push_back(e->name);
  };
  // In order of first mention: walk the mentions.
  for (const EntityMention& m : mentions_) {
    bool strong = std::find(strong_.begin(), strong_.end(), m.entity) != strong_.end();
    if (strong || corroborated_.count(m.entity)) accept(m.entity);
  }
  return out;
}

EntityMatches EntityMatcher::match(std::string_view text, Analyser& analyser) const {
  std::vector<Token> tokens;
  analyser.analyse(text, tokens);
  Scan s = scan(analyser);
  s.add(text, tokens);
  return s.finish();
}

}  // namespace briefing
