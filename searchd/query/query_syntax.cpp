// A small hand-written lexer: the language is flat (OR binds adjacent clauses, everything else
// is ANDed), so no grammar generator or precedence climbing is needed.
#include "query_syntax.h"

#include <algorithm>

namespace briefing {
namespace {

bool is_space(char c) {
  return is_query_space(c);
}

class Lexer {
 public:
  explicit Lexer(std::string_view q) : q_(q) {}

  std::vector<QueryClause> run() {
    bool negate_next = false, or_next = false, and_next = false;
    while (skip_space()) {
      // Operators stand alone between spaces.
      std::string_view word = peek_word();
      if (word == "OR" && !out_.empty()) {
        at_ += word.size();
        or_next = true;
        continue;
      }
      if (word == "AND") {
        // Both neighbours become required; a leading or trailing AND has none on that side.
        at_ += word.size();
        if (!out_.empty()) out_.back().required = true;
        and_next = !out_.empty();
        continue;
      }
      if (word == "NOT") {
        at_ += word.size();
        negate_next = true;
        continue;
      }
      QueryClause clause = read_clause();
      if (clause.text.empty()) continue;
      clause.negated = clause.negated || negate_next;
      clause.or_with_previous = or_next && !clause.negated && !out_.empty() && !out_.back().negated;
      clause.required = clause.required || and_next;
      negate_next = or_next = and_next = false;
      out_.push_back(std::move(clause));
    }
    return out_;
  }

 private:
  bool skip_space() {
    while (at_ < q_.size() && (is_space(q_[at_]) || q_[at_] == '(' || q_[at_] == ')')) ++at_;
    return at_ < q_.size();
  }

  std::string_view peek_word() const {
    std::size_t end = at_;
    while (end < q_.size() && !is_space(q_[end])) ++end;
    return q_.substr(at_, end - at_);
  }

  QueryClause read_clause() {
    QueryClause clause;
    if ((q_[at_] == '-' || q_[at_] == '+') && at_ + 1 < q_.size() && !is_space(q_[at_ + 1])) {
      (q_[at_] == '-' ? clause.negated : clause.required) = true;
      ++at_;
    }
    // field:value or field:"phrase"
    std::size_t colon = q_.find(':', at_);
    if (colon != std::string_view::npos) {
      std::string_view name = q_.substr(at_, colon - at_);
      if (is_field_scope(name) && colon + 1 < q_.size() && !is_space(q_[colon + 1])) {
        clause.field.assign(name);
        at_ = colon + 1;
      }
    }
    if (at_ < q_.size() && q_[at_] == '"') {
      ++at_;
      std::size_t close = q_.find('"', at_);
      if (close == std::string_view::npos) close = q_.size();
      clause.text.assign(q_.substr(at_, close - at_));
      clause.phrase = true;
      at_ = std::min(close + 1, q_.size());
      return clause;
    }
    std::size_t end = at_;
    while (end < q_.size() && !is_space(q_[end]) && q_[end] != '(' && q_[end] != ')' &&
           q_[end] != '"')
      ++end;
    std::string_view word = q_.substr(at_, end - at_);
    at_ = end;
    if (word.size() > 1 && word.back() == '*') {
      clause.prefix = true;
      word.remove_suffix(1);
    }
    clause.text.assign(word);
    return clause;
  }

  std::string_view q_;
  std::size_t at_ = 0;
  std::vector<QueryClause> out_;
};

}  // namespace

std::optional<Facet> facet_of_scope(std::string_view name) {
  std::optional<Facet> facet = facet_named(name);
  if (facet && selected_by_value(*facet)) return facet;
  return std::nullopt;
}

bool is_field_scope(std::string_view name) {
  return name == kTitleScope || name == kPartyScope || facet_of_scope(name);
}

std::size_t count_query_words(std::string_view query) {
  std::size_t n = 0;
  bool in_word = false;
  for (char c : query) {
    const bool space = is_query_space(c);
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

std::vector<QueryClause> parse_query_syntax(std::string_view query) {
  return Lexer(query).run();
}

namespace {

// A clause on its own: neither joined to the one before by OR nor to the one after.
bool stands_alone(const std::vector<QueryClause>& clauses, std::size_t i) {
  return !clauses[i].or_with_previous &&
         (i + 1 == clauses.size() || !clauses[i + 1].or_with_previous);
}

}  // namespace

std::vector<QueryClause> drop_repeated_clauses(std::vector<QueryClause> clauses) {
  std::vector<QueryClause> out;
  std::vector<QueryClause> alone;  // earlier clauses that stood alone: only those are repeated
  for (std::size_t i = 0; i < clauses.size(); ++i) {
    if (stands_alone(clauses, i)) {
      if (std::find(alone.begin(), alone.end(), clauses[i]) != alone.end()) continue;
      alone.push_back(clauses[i]);
    }
    out.push_back(std::move(clauses[i]));
  }
  return out;
}

std::size_t count_wildcards(const std::vector<QueryClause>& clauses) {
  std::vector<const QueryClause*> seen;
  for (const QueryClause& c : clauses) {
    if (!c.prefix) continue;
    auto same = [&c](const QueryClause* s) { return s->field == c.field && s->text == c.text; };
    if (std::none_of(seen.begin(), seen.end(), same)) seen.push_back(&c);
  }
  return seen.size();
}

}  // namespace briefing
