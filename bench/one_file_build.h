// The build comparison's second line: the whole corpus as one JSON Lines file (the way an archive
// is exported), built by `indexer --full`, by a plain SQLite FTS5 build of the same titles and
// bodies in one process, and by plain Xapian doing what FTS5 does (plain_xapian_build.h), in
// interleaved rounds. Every side starts from the file on disk and ends with a committed index on
// disk.
#pragma once

#include <filesystem>
#include <vector>

namespace briefing::bench {

struct OneFileFigures {
  std::vector<double> engine_runs, fts5_runs, xapian_runs;  // seconds, one per round
  std::size_t engine_briefings = 0, fts5_rows = 0, xapian_documents = 0;
};

// Concatenates the corpus folder's JSON Lines parts into `work`/one.jsonl, then builds it
// `rounds` times on each side (each round starts one side later than the one before). Throws when
// the sides did not index the same number of briefings.
OneFileFigures build_one_file(const std::filesystem::path& corpus,
                              const std::filesystem::path& work, int rounds);

}  // namespace briefing::bench
