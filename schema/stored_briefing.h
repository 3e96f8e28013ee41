// The document data read back: each document stores its briefing's canonical JSON
// (briefing_json.h), which searchd shows in hits and takes snippets from. Reading it here, with the
// same converter that wrote it, keeps one list of fields (briefing_text.h) for both sides.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "briefing.h"

namespace briefing {

// The briefing a document stores (as written: it was validated before it was stored), or nullopt
// when its data is not one; without body_blocks, which nothing that reads it here shows.
std::optional<Briefing> read_stored_briefing(std::string_view data);

// The texts a snippet may come from, in index order: the briefing's prose (for_each_text), not
// its title, headline, source or party names.
std::vector<std::string_view> snippet_texts(const Briefing& b);

}  // namespace briefing
