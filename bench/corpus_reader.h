// A benchmark corpus folder read as the indexer's readers see it, for the sides of a comparison
// that are not this engine's index (FTS5, the analyser alone).
#pragma once

#include <string>
#include <vector>

#include "briefing.h"

namespace briefing::bench {

// Every briefing in the source files under `folder`; throws when the folder cannot be listed.
std::vector<Briefing> read_corpus(const std::string& folder);

}  // namespace briefing::bench
