// Screening of names imported from threat intelligence (MISP, STIX, CISA KEV): which may stand for
// an entity on their own, which only with corroboration, and which must never (a demonym, a
// language, a tool, a generic word), with the reason an import report gives.
#pragma once

#include <string_view>

namespace briefing {

enum class NameUse { kName, kAmbiguous, kRefused };

struct NameVerdict {
  NameUse use = NameUse::kName;
  const char* reason = "";  // why not kName: "a place or demonym", "an ordinary word", ...
};

// An English word from Debian's word list (wamerican), or too short to trust alone ("aware",
// "Desktop", "RAT").
bool ordinary_word(std::string_view word);

// A threat actor's name or alias. `alias`: an actor's other names may be ambiguous (they then
// need corroboration); its main name may not (an actor called "Aware" cannot be told from the
// word).
NameVerdict screen_actor_name(std::string_view name, bool alias);

// A product named in a vulnerability catalogue, as an alias of its vendor: one ordinary word
// ("Server", "Kernel") is refused; several ("Security Gateway"), or an acronym of three letters
// ("FTA"), need the vendor named in the same text.
NameVerdict screen_product_name(std::string_view product);

}  // namespace briefing
