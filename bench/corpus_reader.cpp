// read_corpus: list_sources and read_source over whole files (the year 2026 for undated ones).
#include "corpus_reader.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "source_files.h"
#include "source_reader.h"

namespace briefing::bench {

std::vector<Briefing> read_corpus(const std::string& folder) {
  std::vector<Briefing> out;
  SourceListing listing = list_sources({folder});
  if (!listing.problems.empty()) throw std::runtime_error("cannot list " + folder);
  for (const SourceFile& file : listing.files) {
    std::ifstream in(file.path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    ReadResult read = read_source(file, bytes.str(), 2026);
    for (auto& b : read.briefings) out.push_back(std::move(b));
  }
  return out;
}

}  // namespace briefing::bench
