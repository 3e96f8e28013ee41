// Stub file lines, as Xapian 1.4 reads them: the backend name up to the first space, the rest of
// the line its target (so paths may hold spaces).
#include "index_stub.h"

#include <fstream>

#include "errors.h"

namespace briefing {
namespace {

std::string trimmed(const std::string& line) {
  const auto first = line.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  return line.substr(first, line.find_last_not_of(" \t\r") + 1 - first);
}

}  // namespace

std::vector<StubLine> read_stub(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw IndexError("cannot read the index stub " + path.string());
  std::vector<StubLine> out;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    line = trimmed(line);
    if (line.empty() || line[0] == '#') continue;
    const auto space = line.find_first_of(" \t");
    StubLine stub{line.substr(0, space),
                  space == std::string::npos ? "" : trimmed(line.substr(space + 1))};
    const std::string where = path.string() + " line " + std::to_string(number) + ": ";
    if (stub.backend == "remote" && (stub.target.empty() || stub.target[0] == ':'))
      throw IndexError(where +
                       "'remote :PROGRAM' would run a program; only 'remote HOST:PORT' "
                       "(a shard served by xapian-tcpsrv) is accepted");
    if (stub.backend != "auto" && stub.backend != "glass" && stub.backend != "chert" &&
        stub.backend != "remote")
      throw IndexError(where + "unknown backend '" + stub.backend + "'");
    if (stub.target.empty()) throw IndexError(where + "no database named");
    out.push_back(std::move(stub));
  }
  return out;
}

}  // namespace briefing
