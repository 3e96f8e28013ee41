#include "schema_check.h"

#include <filesystem>
#include <optional>

#include "errors.h"
#include "index_layout.h"
#include "index_stub.h"

namespace briefing {
namespace {

namespace fs = std::filesystem;

// A stub may name stubs (Xapian opens them as the shards they list); deeper than this is a loop.
constexpr int kMaxStubDepth = 8;

[[noreturn]] void refuse(const std::string& what, const std::string& version) {
  throw IndexError(what + " has schema version '" + version + "'; this searchd reads version " +
                   std::string(layout::kSchemaVersion) + " (rebuild it with indexer --full)");
}

void check_one(const std::string& what, const Xapian::Database& db) {
  const std::string version = db.get_metadata(std::string(layout::kSchemaVersionKey));
  if (version != layout::kSchemaVersion) refuse(what, version);
}

// A remote line's shard by itself. Xapian reads "[::1]:8000" as host ::1, and so does this.
Xapian::Database open_remote(const std::string& stub, const std::string& target) {
  const std::size_t colon = target.rfind(':');
  if (colon == std::string::npos || colon == 0)
    throw IndexError("index " + stub + ": remote shard " + target + " is not HOST:PORT");
  std::string host = target.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  try {
    return Xapian::Remote::open(host, static_cast<unsigned>(std::stoul(target.substr(colon + 1))));
  } catch (const std::logic_error&) {  // stoul: not a number, or out of range
    throw IndexError("index " + stub + ": remote shard " + target + " has no port number");
  }
}

// The stub a local path stands for, if it is one: a stub file, or a folder holding one (what
// Xapian opens for a folder with XAPIANDB and no database of its own).
std::optional<fs::path> stub_at(const fs::path& path) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return path;
  if (fs::is_regular_file(path / "XAPIANDB", ec) && !fs::exists(path / "iamglass", ec) &&
      !fs::exists(path / "iamchert", ec))
    return path / "XAPIANDB";
  return std::nullopt;
}

void check_stub(const std::string& index, const fs::path& stub, int depth) {
  if (depth > kMaxStubDepth)
    throw IndexError("index " + index + ": stubs nested deeper than " +
                     std::to_string(kMaxStubDepth) + " at " + stub.string());
  const std::vector<StubLine> lines = read_stub(stub);
  if (lines.empty()) refuse("index " + index + " (a stub naming no database)", "");
  for (const StubLine& line : lines) {
    const std::string what = "index " + index + ": shard " + line.target;
    if (line.backend == "remote") {
      check_one(what, open_remote(index, line.target));
      continue;
    }
    const fs::path target = local_target(stub, line);
    if (const std::optional<fs::path> nested = stub_at(target))
      check_stub(index, *nested, depth + 1);
    else
      check_one(what, Xapian::Database(target.string()));
  }
}

}  // namespace

void check_schema_versions(const std::string& path, const Xapian::Database& db) {
  if (const std::optional<fs::path> stub = stub_at(path))
    check_stub(path, *stub, 0);
  else
    check_one("index " + path, db);
}

}  // namespace briefing
