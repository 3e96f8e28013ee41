// Reading a Xapian stub file (the --db path): one database per line, "BACKEND TARGET". Xapian
// itself would also run a program for a "remote :CMD" line, so both sides read the stub through
// here first and refuse what they do not serve.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace briefing {

struct StubLine {
  std::string backend;  // "auto", "glass", "chert", "remote"
  std::string target;   // a path (may hold spaces), or HOST:PORT for a remote shard, as written
};

// What a reader of the stub accepts. The grammar is the same for both: blank lines and '#'
// comments are skipped, the backend is the first word, the target the rest of the line.
enum class StubPolicy {
  // searchd: any number of "auto|glass|chert PATH" and "remote HOST:PORT" lines. Errors are
  // IndexError (errors.h): for a line that would run a program ("remote :CMD"), a backend this
  // project does not serve, a line without a target, and a stub that cannot be read.
  kServe,
  // The indexer's own stub, as IndexStore::switch_to writes it: exactly one "auto PATH" line, the
  // live generation. Anything else is IndexUnreadable; the offending line is named by its number,
  // not shown, in case the file is something private.
  kGeneration,
};

// The database lines of the stub at `path`, checked against `policy`; throws as it describes.
std::vector<StubLine> read_stub(const std::filesystem::path& path,
                                StubPolicy policy = StubPolicy::kServe);

// Where a local line of the stub at `stub` points: its path, relative to the stub's folder when
// written relative (as Xapian resolves it), normalised.
std::filesystem::path local_target(const std::filesystem::path& stub, const StubLine& line);

}  // namespace briefing
