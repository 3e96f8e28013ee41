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
#include <cctype>

#include "text_sections.h"
#include "text_util.h"

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

// The folded word, without a possessive "'s" ("Palo Alto's patch" names Palo Alto).
std::string fold_key(Analyser& analyser, std::string_view word) {
  std::string out;
  if (!is_ascii(word)) {
    out = analyser.fold(word);
  } else {
    out.assign(word);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (out.size() > 2 && out.compare(out.size() - 2, 2, "'s") == 0) out.resize(out.size() - 2);
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
    case CaseRule::kExact: {
      if (text.substr(0, alias.size()) != alias) return false;
      std::string_view rest = text.substr(alias.size());
      return rest.empty() || rest == "'s" ||
             rest == "\xE2\x80\x99s";  // possessive, either apostrophe
    }
    case CaseRule::kCapital:
      return std::any_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  }
  return false;
}

// Words from which a text is long enough for the vendor salience rule.
constexpr std::size_t kLongText = 150;

// Words after a vendor name that make it the source of a report rather than its subject.
bool publisher_word(const std::string& next) {
  static const char* const kWords[] = {
      "said",       "says",     "reported", "reports",   "researchers", "research",
      "warned",     "warns",    "warning",  "threat",    "observed",    "assessed",
      "attributed", "tracks",   "name",     "named",     "names",       "calls",
      "confirmed",  "analysts", "article",  "blog",      "writeup",     "write-up",
      "revealed",   "noted",    "stated",   "explained", "estimated",   "estimates"};
  return std::any_of(std::begin(kWords), std::end(kWords),
                     [&](const char* w) { return next == w; });
}

// The analyser's tokens that carry words: a compound stands for its parts.
bool word_token(const Token& t) {
  return t.role != TokenRole::kPart;
}

// The words of one text: its word tokens, their folded keys, and where its references begin.
struct TextWords {
  std::string_view text;
  std::vector<const Token*> tokens;
  std::vector<std::string> keys;
  std::size_t first_cited = std::string_view::npos;  // index of the first word in the references
  TextSpan affected;                                 // where the text lists what is affected

  std::string_view span(std::size_t i) const {
    return text.substr(tokens[i]->begin, tokens[i]->end - tokens[i]->begin);
  }
};

TextWords text_words(std::string_view text, const std::vector<Token>& all_tokens,
                     Analyser& analyser) {
  TextWords w{text, {}, {}, std::string_view::npos, {}};
  const std::size_t cited_from = references_section(text).begin;
  w.affected = affected_section(text);
  bool in_references = false;
  for (const Token& t : all_tokens) {
    if (!word_token(t)) continue;
    if (t.begin >= cited_from) in_references = true;
    if (in_references && w.first_cited == std::string_view::npos) w.first_cited = w.tokens.size();
    w.tokens.push_back(&t);
    w.keys.push_back(fold_key(analyser, text.substr(t.begin, t.end - t.begin)));
  }
  return w;
}

struct Match {
  const Ending* ending = nullptr;
  std::size_t end = 0;  // index just past its last word
  bool self_corroborated = false;
};

int rank(const Ending& e) {
  return e.context ? 0 : e.ambiguous ? 1 : 2;
}

// The longest match starting at word `i` whose case rules hold.
Match longest_match(const std::vector<Node>& nodes, const TextWords& w, std::size_t i) {
  Match best{nullptr, i};
  std::uint32_t at = 0;
  for (std::size_t j = i; j < w.tokens.size(); ++j) {
    auto next = nodes[at].next.find(w.keys[j]);
    if (next == nodes[at].next.end()) break;
    at = next->second;
    for (const Ending& e : nodes[at].endings) {
      bool ok = true;
      for (std::size_t k = 0; k < e.tokens.size() && ok; ++k)
        ok = case_ok(w.span(i + k), e.tokens[k].first, e.tokens[k].second);
      // Longer first; at one length, plain names over ambiguous ones over context phrases.
      if (ok && (!best.ending || j + 1 > best.end || rank(e) > rank(*best.ending)))
        best = {&e, j + 1, false};
    }
    // A phrase that is both an ambiguous name and a context phrase of one entity ("Chrome" for
    // Google) is a mention that corroborates itself.
    if (best.ending && best.end == j + 1 && !best.ending->context)
      for (const Ending& e : nodes[at].endings)
        best.self_corroborated |= e.context && e.entity == best.ending->entity;
  }
  return best;
}

// Whether the vendor named by words [i, end) is the source of a report rather than its subject.
// Cited: "according to X", "by X", "from X", in the references, or coordinated with a cited vendor
// just before it ("from Fastly and Cloudflare"); or followed by a publisher's word ("X said").
bool vendor_as_source(const TextWords& w, std::size_t i, std::size_t end,
                      bool follows_cited_vendor) {
  const std::vector<std::string>& keys = w.keys;
  const std::string before = i >= 1 ? keys[i - 1] : std::string();
  bool coordinated = (before == "and" || before == "or") && follows_cited_vendor;
  bool cited = (i >= 2 && keys[i - 2] == "according" && before == "to") || before == "by" ||
               before == "from" || coordinated || i >= w.first_cited;
  return cited || (end < keys.size() &&
                   (publisher_word(keys[end]) ||
                    (end + 1 < keys.size() && (keys[end] == "is" || keys[end] == "has") &&
                     publisher_word(keys[end + 1]))));
}

// A name in the title, in a table row ("| Hitachi |"), in a line listing a vulnerability
// ("CVE-2023-23752 Joomla! 4.0.0 through 4.2.7", as a Markdown table's row reads in plain text)
// or under "What is vulnerable?" is what the text is about: it counts as two mentions.
int subject_weight(const TextWords& w, std::size_t i, bool title) {
  std::size_t line = w.text.rfind('\n', w.tokens[i]->begin);
  line = line == std::string_view::npos ? 0 : line + 1;
  std::string_view start = w.text.substr(line, 4);
  bool listed = start.starts_with('|') || start == "CVE-" || w.affected.contains(line);
  return (title || listed) ? 2 : 1;
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
      // An ambiguous alias matches only as written ("Arm", not the acronym "ARM").
      CaseRule rule = context                                         ? CaseRule::kAny
                      : ambiguous && rule_for(word) != CaseRule::kAny ? CaseRule::kExact
                                                                      : rule_for(word);
      ending.tokens.emplace_back(std::string(word), rule);
    }
    // Only a lone short acronym must match as written; inside a longer name ("FANCY BEAR"),
    // capitals just need to be capitals.
    if (ending.tokens.size() > 1 && !ambiguous)
      for (auto& [word, rule] : ending.tokens)
        if (rule == CaseRule::kExact) rule = CaseRule::kCapital;
    if (at != 0) nodes[at].endings.push_back(std::move(ending));
  }
};

EntityMatcher::EntityMatcher(const Gazetteer& gazetteer, Analyser& analyser)
    : impl_(std::make_unique<Impl>()) {
  for (const Entity& e : gazetteer.entities()) {
    // A region's name is its ISO code, which text rarely means ("ID", "MS", "IT"): regions match
    // by their aliases only. A name listed among its own ambiguous aliases ("Axios") needs
    // corroboration like them.
    bool name_ambiguous =
        std::find(e.ambiguous.begin(), e.ambiguous.end(), e.name) != e.ambiguous.end();
    if (e.kind != EntityKind::kRegion && !name_ambiguous)
      impl_->insert(analyser, e, e.name, false, false);
    for (const auto& a : e.aliases) impl_->insert(analyser, e, a, false, false);
    for (const auto& a : e.ambiguous) impl_->insert(analyser, e, a, true, false);
    for (const auto& c : e.context) impl_->insert(analyser, e, c, false, true);
  }
}

EntityMatcher::~EntityMatcher() = default;
EntityMatcher::EntityMatcher(EntityMatcher&&) noexcept = default;

void EntityMatcher::Scan::add(std::string_view text, const std::vector<Token>& all_tokens,
                              bool title) {
  const auto& nodes = matcher_.impl_->nodes;
  const TextWords w = text_words(text, all_tokens, analyser_);
  last_vendor_cited_ = false;
  for (std::size_t i = 0; i < w.tokens.size();) {
    const Match best = longest_match(nodes, w, i);
    if (!best.ending) {
      ++i;
      continue;
    }
    const Ending& found = *best.ending;
    // A context phrase corroborates its entity; it is also no mention of it.
    if (found.context || best.self_corroborated) corroborated_.insert(found.entity);
    if (!found.context) {
      FoundAt at{texts_, w.tokens[i]->begin, w.tokens[best.end - 1]->end};
      mentions_.push_back(
          {token_base_ + i, token_base_ + best.end - 1, found.entity, found.ambiguous, at});
      auto& list = found.ambiguous ? weak_ : strong_;
      if (std::find(list.begin(), list.end(), found.entity) == list.end())
        list.push_back(found.entity);
      if (found.entity->kind == EntityKind::kVendor) {
        const bool as_source =
            vendor_as_source(w, i, best.end, last_vendor_cited_ && last_vendor_end_ + 1 == i);
        last_vendor_cited_ = as_source;
        mentions_.back().as_source = as_source;
        last_vendor_end_ = best.end;
        if (!as_source) subject_mentions_[found.entity] += subject_weight(w, i, title);
      }
    }
    i = best.end;
  }
  token_base_ += w.tokens.size();
  ++texts_;
}

EntityMatches EntityMatcher::Scan::finish() const {
  EntityMatches out;
  auto accept = [&](const Entity* e) {
    // In a long text, a vendor is a subject when named in the title or a table, or at least
    // twice other than as a source: a single passing mention ("alternatives from Fastly") is
    // not what an advisory is about. In a short text one mention is all there is.
    auto subject = subject_mentions_.find(e);
    const int needed = token_base_ >= kLongText ? 2 : 1;
    if (e->kind == EntityKind::kVendor &&
        (subject == subject_mentions_.end() || subject->second < needed))
      return;
    auto& list = e->kind == EntityKind::kActor    ? out.actors
                 : e->kind == EntityKind::kVendor ? out.vendors
                                                  : out.regions;
    if (std::find(list.begin(), list.end(), e->name) != list.end()) return;
    list.push_back(e->name);
    out.evidence.emplace_back(e, first_subject_mention(e));
  };
  // In order of first mention: walk the mentions.
  for (const EntityMention& m : mentions_) {
    bool strong = std::find(strong_.begin(), strong_.end(), m.entity) != strong_.end();
    if (strong || corroborated_.count(m.entity)) accept(m.entity);
  }
  return out;
}

FoundAt EntityMatcher::Scan::first_subject_mention(const Entity* e) const {
  const EntityMention* first = nullptr;
  for (const EntityMention& m : mentions_) {
    if (m.entity != e) continue;
    if (!m.as_source) return m.at;
    if (!first) first = &m;
  }
  return first ? first->at : FoundAt{};
}

EntityMatches EntityMatcher::match(std::string_view text, Analyser& analyser) const {
  std::vector<Token> tokens;
  analyser.analyse(text, tokens);
  Scan s = scan(analyser);
  s.add(text, tokens);
  return s.finish();
}

}  // namespace briefing
