// Did-you-mean over the index's spelling table (spelling_suggester.h).
#include "spelling_suggester.h"

#include "text_util.h"

namespace briefing {

std::optional<std::string> suggest_spelling(const Xapian::Database& db, Analyser& analyser,
                                            const std::string& q,
                                            const std::vector<std::string>& words,
                                            const Xapian::Database* spelling) {
  // Xapian's edit distance for a suggestion: two typos in a word.
  constexpr unsigned kMaxEdits = 2;
  std::string out = q, lowered = ascii_lower(q);
  bool changed = false;
  for (const std::string& word : words) {
    if (word.size() < 3 || db.term_exists(analyser.stem(word))) continue;
    std::string better = (spelling ? *spelling : db).get_spelling_suggestion(word, kMaxEdits);
    if (better.empty() || !db.term_exists(analyser.stem(better))) continue;
    std::size_t at = lowered.find(word);
    if (at == std::string::npos) continue;
    out.replace(at, word.size(), better);
    lowered.replace(at, word.size(), better);
    changed = true;
  }
  if (!changed) return std::nullopt;
  return out;
}

}  // namespace briefing
