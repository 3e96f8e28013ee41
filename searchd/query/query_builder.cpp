// Clauses to Xapian::Query. Words are ANDed and ranked with BM25. A title word counts once: the
// indexer gives title words five times the within-document frequency (layout::kTitleWeight), and
// no title-only clause is added on top (the judged set ranked better so: nDCG@10 0.769 -> 0.783).
#include "query_builder.h"

#include <algorithm>
#include <cctype>
#include <span>

#include "facet_layout.h"
#include "index_layout.h"
#include "shingles.h"
#include "text_util.h"

namespace briefing {
namespace {

Xapian::Query combine(Xapian::Query::op op, const std::vector<Xapian::Query>& parts) {
  if (parts.empty()) return Xapian::Query();
  if (parts.size() == 1) return parts.front();
  return Xapian::Query(op, parts.begin(), parts.end());
}

// The shingles of a run of adjacent shingle words: itself when it has two or three, its
// three-word shingles when it has more (each at its first word's position: an exact phrase of
// them is the run). Empty for one word.
std::vector<std::string> run_shingles(std::span<const std::string> run) {
  if (run.size() == 2) return {shingle_term(run[0], run[1])};
  std::vector<std::string> out;
  for (std::size_t i = 2; i < run.size(); ++i)
    out.push_back(shingle_term(run[i - 2], run[i - 1], run[i]));
  return out;
}

// A phrase of free-text words, as the indexer wrote it (shingles.h): of shingle words only, one
// shingle or an exact phrase of shingles; else its words, filtered by the shingles of its runs
// of shingle words.
Xapian::Query phrase_of(const std::vector<std::string>& terms, const std::string& prefix) {
  Xapian::Query words(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), terms.size());
  if (!prefix.empty()) return words;  // title: and party: have no shingles
  std::vector<std::string> filter;
  std::size_t run = 0;  // where the run of shingle words being read began
  for (std::size_t i = 0; i <= terms.size(); ++i) {
    if (i < terms.size() && is_shingle_word(terms[i])) continue;
    if (run == 0 && i == terms.size()) {  // one run: the whole phrase
      std::vector<std::string> shingles = run_shingles(terms);
      if (shingles.size() == 1) return Xapian::Query(shingles.front());
      return Xapian::Query(Xapian::Query::OP_PHRASE, shingles.begin(), shingles.end(),
                           shingles.size());
    }
    std::vector<std::string> more = run_shingles(std::span(terms).subspan(run, i - run));
    filter.insert(filter.end(), more.begin(), more.end());
    run = i + 1;
  }
  if (filter.empty()) return words;
  return Xapian::Query(Xapian::Query::OP_FILTER, words,
                       Xapian::Query(Xapian::Query::OP_AND, filter.begin(), filter.end()));
}

// A CamelCase or dotted word typed whole ("CitrixBleed") also finds its parts written apart
// ("Citrix Bleed", "Citrix-Bleed"). Identifiers with digits ("CVE-2026-20182") do not: their
// parts are common terms and a phrase of them costs more than it finds. Empty when `tokens` are
// not one such word.
Xapian::Query word_or_its_parts(const std::vector<Token>& tokens, const std::string& prefix,
                                HighlightTerms* highlight) {
  if (tokens.size() < 3 || tokens.front().role != TokenRole::kCompound) return Xapian::Query();
  const std::string& whole = tokens.front().term;
  if (std::any_of(whole.begin(), whole.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return Xapian::Query();
  std::vector<std::string> parts;
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    parts.push_back(prefix + tokens[i].term);
    if (highlight) highlight->terms.insert(tokens[i].term);
  }
  return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(prefix + whole),
                       phrase_of(parts, prefix));
}

}  // namespace

Xapian::Query QueryBuilder::text_clause(const QueryClause& clause, const std::string& prefix,
                                        BuiltQuery& out) {
  tokens_.clear();
  analyser_.analyse(clause.text, tokens_);
  if (tokens_.empty()) return Xapian::Query();
  const bool positive = !clause.negated;
  // Words in the clause; the parts of a compound ("CitrixBleed", "CVE-2026-20182") are not more.
  const auto words = std::count_if(tokens_.begin(), tokens_.end(),
                                   [](const Token& t) { return t.role != TokenRole::kPart; });

  if (clause.prefix && words == 1) {
    // Stems can be shorter than the word ("running" -> "run"), so the stem itself is a match
    // too; the wildcard runs over the folded, unstemmed prefix.
    std::string folded = analyser_.fold(clause.text);
    std::string stem = tokens_.front().term;
    if (positive) {
      out.highlight.prefixes.push_back(folded);
      out.highlight.terms.insert(stem);
    }
    // The expansion is explicit terms, not OP_WILDCARD: Xapian would expand it again in each
    // pass, with no bound but the number of terms kept.
    std::vector<std::string> terms =
        expand_ ? expand_(prefix + folded, terms_per_wildcard_) : std::vector<std::string>{};
    if (std::find(terms.begin(), terms.end(), prefix + stem) == terms.end())
      terms.push_back(prefix + stem);
    return Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
  }

  // One typed word can hold several words ("US-ROK", "北朝鮮のハッカー"); those, and quoted text,
  // are phrases. A compound ("CVE-2026-20182", "CitrixBleed") is one term when it stands alone;
  // in a phrase ("PowerShell-based", or quoted) its parts keep the positions a phrase needs.
  const bool phrase = clause.phrase || words > 1;
  std::vector<std::string> terms;
  for (const Token& t : tokens_) {
    if (t.role == TokenRole::kCompound && phrase) continue;
    if (t.role == TokenRole::kPart && !phrase) continue;
    terms.push_back(prefix + t.term);
    if (positive) out.highlight.terms.insert(t.term);
  }
  if (positive && !clause.phrase && terms.size() == 1 && clause.field.empty())
    out.words.push_back(analyser_.fold(clause.text));
  if (!phrase && words == 1) {
    Xapian::Query either = word_or_its_parts(tokens_, prefix, positive ? &out.highlight : nullptr);
    if (!either.empty()) return either;
  }
  if (terms.size() == 1) return Xapian::Query(terms.front());
  return phrase_of(terms, prefix);
}

Xapian::Query QueryBuilder::facet_clause(const QueryClause& clause) {
  Facet facet = *facet_of_scope(clause.field);
  std::vector<Xapian::Query> values;
  for (const std::string& value : resolver_(facet, clause.text))
    values.emplace_back(std::string(facet_field(facet).prefix) + value);
  if (values.empty()) return Xapian::Query::MatchNothing;
  // Boolean: filters what matches, adds nothing to the score.
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, combine(Xapian::Query::OP_OR, values), 0.0);
}

namespace {

// Longest alias looked for, in words.
constexpr std::size_t kMaxAliasWords = 5;
constexpr double kEntityBoost = 3.0;

bool plain(const QueryClause& c) {
  return c.field.empty() && !c.phrase && !c.prefix && !c.negated;
}

bool is_ambiguous(const Entity& e, const std::string& text) {
  const std::string typed = ascii_lower(text);
  return std::any_of(e.ambiguous.begin(), e.ambiguous.end(),
                     [&typed](const std::string& a) { return ascii_lower(a) == typed; });
}

}  // namespace

std::size_t QueryBuilder::entity_run(const std::vector<QueryClause>& clauses, std::size_t first,
                                     const Entity*& entity) const {
  if (!gazetteer_) return 0;
  std::string text;
  std::size_t best = 0;
  for (std::size_t n = 1; n <= kMaxAliasWords && first + n <= clauses.size(); ++n) {
    const QueryClause& c = clauses[first + n - 1];
    if (!plain(c) || (n > 1 && c.or_with_previous)) break;
    text += (n > 1 ? " " : "") + c.text;
    for (EntityKind kind : {EntityKind::kActor, EntityKind::kRegion}) {
      const Entity* e = gazetteer_->find(kind, text);
      // A region needs more than a two-letter code typed in lower case ("us", "in").
      if (!e || is_ambiguous(*e, text) || (kind == EntityKind::kRegion && text.size() <= 2))
        continue;
      entity = e;
      best = n;
    }
  }
  return best;
}

Xapian::Query QueryBuilder::entity_query(const Entity& entity, BuiltQuery& out) {
  std::vector<Xapian::Query> any;
  if (entity.kind == EntityKind::kActor) {
    any.emplace_back(std::string(layout::kActor) + entity.name);
    // The canonical name is indexed as text in every briefing about the actor: it ranks them.
    QueryClause name{"", entity.name, true, false, false, false};
    Xapian::Query q = text_clause(name, "", out);
    if (!q.empty()) any.push_back(q);
  } else {
    any.emplace_back(std::string(layout::kRegion) + entity.name);
  }
  return combine(Xapian::Query::OP_OR, any);
}

namespace {

// What may become of a clause that is not an entity's name when the query finds too little.
RelaxRule relax_rule(const QueryClause& c) {
  return plain(c) && !c.required ? RelaxRule::kByOrder : RelaxRule::kNever;
}

// An OR group is one part; it is never relaxed (its alternatives already widen it).
void add_to_group(std::vector<QueryPart>& group, QueryPart part) {
  if (group.empty()) {
    group.push_back(std::move(part));
    return;
  }
  QueryPart& all = group.front();
  all.query = Xapian::Query(Xapian::Query::OP_OR, all.query, part.query);
  all.typed += " OR " + part.typed;
  all.rule = RelaxRule::kNever;
}

}  // namespace

BuiltQuery QueryBuilder::build(const std::vector<QueryClause>& clauses) {
  BuiltQuery out;
  terms_per_wildcard_ = kWildcardTermsPerQuery / std::max<std::size_t>(1, count_wildcards(clauses));
  std::vector<QueryPart> group;  // the OR group being read: at most one part
  auto close_group = [&] {
    if (!group.empty()) out.parts.push_back(std::move(group.front()));
    group.clear();
  };
  for (std::size_t i = 0; i < clauses.size(); ++i) {
    const QueryClause& clause = clauses[i];
    QueryPart part{Xapian::Query(), clause.text, relax_rule(clause)};
    const Entity* entity = nullptr;
    if (std::size_t n = entity_run(clauses, i, entity); n > 0) {
      // The words as typed, or the entity under any of its names.
      std::vector<Xapian::Query> words;
      const std::size_t words_before = out.words.size();
      for (std::size_t k = i; k < i + n; ++k) {
        Xapian::Query w = text_clause(clauses[k], "", out);
        if (!w.empty()) words.push_back(w);
        if (k > i) part.typed += " " + clauses[k].text;
      }
      // A name the gazetteer knows is spelt right: no did-you-mean for its words.
      out.words.resize(words_before);
      out.has_text = true;
      // Briefings about the entity rank above ones that merely use the same words.
      part.query = Xapian::Query(
          Xapian::Query::OP_OR, combine(Xapian::Query::OP_AND, words),
          Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, entity_query(*entity, out), kEntityBoost));
      part.rule = RelaxRule::kIfAbsent;
      i += n - 1;
    } else if (facet_of_scope(clause.field)) {
      part.query = facet_clause(clause);
    } else {
      const std::string prefix = clause.field == kTitleScope   ? std::string(layout::kTitle)
                                 : clause.field == kPartyScope ? std::string(layout::kParty)
                                                               : std::string();
      part.query = text_clause(clause, prefix, out);
      if (part.query.empty()) continue;  // nothing searchable in it (punctuation)
      if (!clause.negated) out.has_text = true;
    }
    if (clause.negated) {
      out.excluded.push_back(part.query);
      continue;
    }
    if (!clause.or_with_previous) close_group();
    add_to_group(group, std::move(part));
  }
  close_group();
  out.everything = out.parts.empty() && out.excluded.empty();
  assemble(out);
  return out;
}

void assemble(BuiltQuery& built) {
  std::vector<Xapian::Query> required, ranking;
  for (const QueryPart& part : built.parts)
    (part.relaxed ? ranking : required).push_back(part.query);
  // A fresh match-all, not the shared static Query::MatchAll: Xapian's reference counts are not
  // atomic, so copying that one object from many threads corrupts it (a crash under load).
  Xapian::Query query =
      required.empty() ? Xapian::Query(std::string()) : combine(Xapian::Query::OP_AND, required);
  if (!built.excluded.empty())
    query = Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                          combine(Xapian::Query::OP_OR, built.excluded));
  built.matching = query;
  built.single_term.clear();
  if (query.get_type() == Xapian::Query::LEAF_TERM &&
      query.get_terms_begin() != query.get_terms_end())
    built.single_term = *query.get_terms_begin();
  if (!ranking.empty())
    query =
        Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, combine(Xapian::Query::OP_OR, ranking));
  built.query = query;
}

bool relaxable(const BuiltQuery& built) {
  return built.parts.size() > 1 &&
         std::any_of(built.parts.begin(), built.parts.end(),
                     [](const QueryPart& p) { return p.rule != RelaxRule::kNever; });
}

std::vector<std::string> relaxed_words(const BuiltQuery& built) {
  std::vector<std::string> out;
  for (const QueryPart& part : built.parts)
    if (part.relaxed) out.push_back(part.typed);
  return out;
}

}  // namespace briefing
