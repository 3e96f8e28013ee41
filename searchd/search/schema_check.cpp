#include "schema_check.h"

#include <filesystem>

#include "errors.h"
#include "index_layout.h"
#include "index_stub.h"

namespace briefing {
namespace {

std::string version_of(const Xapian::Database& db) {
  return db.get_metadata(std::string(layout::kSchemaVersionKey));
}

// One line of the stub as a database of its own.
Xapian::Database open_alone(const std::string& stub, const StubLine& line) {
  if (line.backend != "remote") return Xapian::Database(local_target(stub, line).string());
  const std::size_t colon = line.target.rfind(':');
  if (colon == std::string::npos || colon == 0)
    throw IndexError("index " + stub + ": remote shard " + line.target + " is not HOST:PORT");
  const std::string port = line.target.substr(colon + 1);
  try {
    return Xapian::Remote::open(line.target.substr(0, colon),
                                static_cast<unsigned>(std::stoul(port)));
  } catch (const std::logic_error&) {  // stoul: not a number
    throw IndexError("index " + stub + ": remote shard " + line.target + " has no port number");
  }
}

[[noreturn]] void refuse(const std::string& what, const std::string& version) {
  throw IndexError(what + " has schema version '" + version + "'; this searchd reads version " +
                   std::string(layout::kSchemaVersion) + " (rebuild it with indexer --full)");
}

}  // namespace

void check_schema_versions(const std::string& path, const Xapian::Database& db) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    if (const std::string v = version_of(db); v != layout::kSchemaVersion)
      refuse("index " + path, v);
    return;
  }
  const std::vector<StubLine> lines = read_stub(path);
  for (const StubLine& line : lines) {
    const std::string v = version_of(open_alone(path, line));
    if (v == layout::kSchemaVersion) continue;
    refuse(lines.size() == 1 ? "index " + path : "index " + path + ": shard " + line.target, v);
  }
}

}  // namespace briefing
