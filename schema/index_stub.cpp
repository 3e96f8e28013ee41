// Stub file lines, as Xapian 1.4 reads them: the backend name up to the first space, the rest of
// the line its target (so paths may hold spaces). One grammar, two policies of what is accepted.
#include "index_stub.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <istream>

#include "errors.h"

namespace briefing {
namespace {

std::string trimmed(const std::string& line) {
  const auto first = line.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  return line.substr(first, line.find_last_not_of(" \t\r") + 1 - first);
}

struct NumberedLine {
  int number;  // from 1, counting blank and comment lines too
  StubLine stub;
};

// The grammar both policies share. The backend is the first word; the target is the rest of the
// line after the space that ends it, kept as Xapian reads it (a path may begin with a space), and
// checked with its ends trimmed.
std::vector<NumberedLine> stub_lines(std::istream& in) {
  std::vector<NumberedLine> out;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const std::string content = trimmed(line);
    if (content.empty() || content[0] == '#') continue;
    const std::string words = line.substr(line.find_first_not_of(" \t\r"));
    const auto space = words.find_first_of(" \t");
    out.push_back({number,
                   {trimmed(words.substr(0, space)),
                    space == std::string::npos ? "" : words.substr(space + 1)}});
  }
  return out;
}

void check_served(const std::string& where, const StubLine& stub) {
  const std::string target = trimmed(stub.target);
  if (stub.backend == "remote" && (target.empty() || target[0] == ':'))
    throw IndexError(where +
                     "'remote :PROGRAM' would run a program; only 'remote HOST:PORT' "
                     "(a shard served by xapian-tcpsrv) is accepted");
  if (stub.backend != "auto" && stub.backend != "glass" && stub.backend != "chert" &&
      stub.backend != "remote")
    throw IndexError(where + "unknown backend '" + stub.backend + "'");
  if (target.empty()) throw IndexError(where + "no database named");
}

std::string not_a_generation_stub(const std::filesystem::path& path) {
  return path.string() + " is neither an index stub file nor a database folder";
}

// Only what switch_to writes. Any other line is refused: a "remote :CMD" line would make every
// reader run CMD.
void check_generation(const std::filesystem::path& path, const NumberedLine& line, bool first) {
  if (first && line.stub.backend == "auto" && !trimmed(line.stub.target).empty()) return;
  throw IndexUnreadable(path.string() + ":" + std::to_string(line.number) +
                        ": not a line this indexer writes (one 'auto PATH' line); " +
                        not_a_generation_stub(path));
}

}  // namespace

std::vector<StubLine> read_stub(const std::filesystem::path& path, StubPolicy policy) {
  const bool generation = policy == StubPolicy::kGeneration;
  std::ifstream in(path);
  if (!in && generation)
    throw IndexUnreadable("cannot read " + path.string() + ": " + std::strerror(errno));
  if (!in) throw IndexError("cannot read the index stub " + path.string());
  std::vector<StubLine> out;
  for (NumberedLine& line : stub_lines(in)) {
    if (generation)
      check_generation(path, line, out.empty());
    else
      check_served(path.string() + " line " + std::to_string(line.number) + ": ", line.stub);
    out.push_back(std::move(line.stub));
  }
  if (generation && out.empty())
    throw IndexUnreadable(not_a_generation_stub(path) + " (an empty file)");
  return out;
}

std::filesystem::path local_target(const std::filesystem::path& stub, const StubLine& line) {
  std::filesystem::path target(line.target);
  if (target.is_relative()) target = stub.parent_path() / target;
  return target.lexically_normal();
}

}  // namespace briefing
