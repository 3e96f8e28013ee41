// British spellings to American ones, before the English stemmer: Porter2 stems "organisation" to
// "organis" but "organization" to "organ", so the two spellings meet only if one is rewritten.
#pragma once

#include <string>

namespace briefing {

// Rewrites a folded, lower-case ASCII word spelt the British way into its American spelling
// ("organisation" -> "organization", "behaviour" -> "behavior", "defence" -> "defense"); any
// other word is left as it is. Returns whether it changed the word.
bool americanise(std::string& word);

}  // namespace briefing
