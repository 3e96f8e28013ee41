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
  std::string target;   // a path (may hold spaces), or HOST:PORT for a remote shard
};

// The database lines of the stub at `path` (blank lines and '#' comments skipped). Throws
// IndexError (errors.h) when it cannot be read, for a line that would run a program
// (`remote :CMD`), and for a backend this project does not serve.
std::vector<StubLine> read_stub(const std::filesystem::path& path);

}  // namespace briefing
