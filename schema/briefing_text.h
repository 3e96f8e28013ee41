// The free-text fields of a briefing, in index order: the one list that the indexer, the
// benchmarks and anything else that analyses "all the text" share.
#pragma once

#include <string>

#include "briefing.h"

namespace briefing {

enum class TextField { kTitle, kBody };  // kTitle weighs more and is also searchable as title:

// Calls `visit(TextField, const std::string&)` for every non-empty text of `b`, title first.
// Actor and vendor names are included: they are searchable words even where the text does not
// spell them out.
template <class Visit>
void for_each_text(const Briefing& b, Visit&& visit) {
  auto text = [&visit](TextField kind, const std::string& s) {
    if (!s.empty()) visit(kind, s);
  };
  text(TextField::kTitle, b.title);
  for (const std::string* field : {&b.summary, &b.key_takeaway, &b.body, &b.analysis.plain_english,
                                   &b.analysis.root_causes, &b.causes_effects})
    text(TextField::kBody, *field);
  for (const auto& o : b.outlook) text(TextField::kBody, o.text);
  text(TextField::kBody, b.first_reported.title);
  text(TextField::kBody, b.first_reported.source);
  for (const auto& p : b.perspectives) {
    text(TextField::kBody, p.party);
    text(TextField::kBody, p.text);
  }
  for (const auto* names : {&b.actors, &b.vendors})
    for (const auto& name : *names) text(TextField::kBody, name);
}

}  // namespace briefing
