// The free-text fields of a briefing, in index order: the one list that the indexer, the
// benchmarks and anything else that analyses "all the text" share.
#pragma once

#include <string>

#include "briefing.h"

namespace briefing {

enum class TextField {
  kTitle,     // weighs more and is also searchable as title:
  kProse,     // the briefing's own text: where entities are looked for
  kHeadline,  // the headline of the report it was first reported in: prose, named like a title
  kSource,    // who reported it (first_reported.source): a publisher, not a subject
  kParty,     // who holds a perspective: a name, prose for extraction, never a snippet
};

// Calls `visit(TextField, const std::string&)` for every non-empty text of `b`, title first.
template <class Visit>
void for_each_text(const Briefing& b, Visit&& visit) {
  auto text = [&visit](TextField kind, const std::string& s) {
    if (!s.empty()) visit(kind, s);
  };
  text(TextField::kTitle, b.title);
  for (const std::string* field : {&b.summary, &b.key_takeaway, &b.body, &b.analysis.plain_english,
                                   &b.analysis.root_causes, &b.causes_effects})
    text(TextField::kProse, *field);
  for (const auto& o : b.outlook) text(TextField::kProse, o.text);
  text(TextField::kHeadline, b.first_reported.title);
  text(TextField::kSource, b.first_reported.source);
  for (const auto& p : b.perspectives) {
    text(TextField::kParty, p.party);
    text(TextField::kProse, p.text);
  }
}

// Actor and vendor names are searchable words even where the text does not spell them out (an
// alias matched, or the file named them): `visit(const std::string&)` for each.
template <class Visit>
void for_each_entity_name(const Briefing& b, Visit&& visit) {
  for (const auto* names : {&b.actors, &b.vendors})
    for (const auto& name : *names) visit(name);
}

}  // namespace briefing
