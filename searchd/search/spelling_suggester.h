// Did-you-mean: the query with each unknown word replaced by the closest spelling the index
// knows, when that spelling would find something.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "analyser.h"

namespace briefing {

// `words`: the query's folded positive single words (BuiltQuery::words). Words shorter than
// three letters are left alone. nullopt when no word changed. Spellings come from `spelling`'s
// table when given (a local index beside remote shards), else from `db`'s; `db` decides whether a
// word and its suggestion find anything.
std::optional<std::string> suggest_spelling(const Xapian::Database& db, Analyser& analyser,
                                            const std::string& q,
                                            const std::vector<std::string>& words,
                                            const Xapian::Database* spelling = nullptr);

}  // namespace briefing
