// The one-file build comparison's third side: Xapian itself doing no more than FTS5 does, title
// and body through Xapian's own TermGenerator (English stemmer, positions), as many threads as the
// engine has shards, each committing every 1,000 documents, then compacted into one
// index as `indexer --full` does. What is left between it and the engine is this engine's own work
// (more fields, prefixes, shingles, facets, extraction, stored briefings); what is left between
// it and FTS5 is Xapian's.
#pragma once

#include <cstddef>
#include <filesystem>

namespace briefing::bench {

// Builds `file` (JSON Lines with "id", "title" and "body") into a new index at `db`; returns the
// documents it holds.
std::size_t build_plain_xapian(const std::filesystem::path& file, const std::filesystem::path& db,
                               unsigned threads);

}  // namespace briefing::bench
