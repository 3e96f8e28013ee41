// relevance: this engine as the benchmark sees it -- the advisories as Markdown files, indexed by
// the indexer library and searched in process through briefing::Searcher.
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "index_run.h"
#include "relevance_systems.h"
#include "searcher.h"

namespace relevance {
namespace {

namespace fs = std::filesystem;

class Engine : public RankedSystem {
 public:
  explicit Engine(const std::string& db_path) : searcher_(db_path) {}
  const char* name() const override { return "engine"; }
  std::uint64_t documents() override { return searcher_.status().documents; }

  std::vector<std::string> top(const std::string& query, std::size_t depth) override {
    briefing::SearchRequest request;
    request.q = query;
    request.per_page = static_cast<int>(depth);
    request.facets = false;
    request.related_per_hit = 0;
    request.snippets = false;
    std::vector<std::string> ids;
    for (const briefing::Hit& hit : searcher_.search(request).hits) ids.push_back(hit.id);
    return ids;
  }

 private:
  briefing::Searcher searcher_;
};

// As tests/extraction_test.cpp does: the text field as <id>.md, so the reader names it by id.
void write_markdown(const std::vector<Advisory>& advisories, const fs::path& folder) {
  fs::create_directories(folder);
  for (const Advisory& a : advisories) {
    std::ofstream out(folder / (a.id + ".md"), std::ios::binary);
    out << a.text;
    if (!out) throw std::runtime_error("cannot write " + (folder / (a.id + ".md")).string());
  }
}

}  // namespace

std::unique_ptr<RankedSystem> build_engine(const std::vector<Advisory>& advisories,
                                           const std::string& work,
                                           const std::vector<std::string>& entity_files) {
  const fs::path md = fs::path(work) / "md";
  write_markdown(advisories, md);
  briefing::RunOptions options;
  options.db_path = (fs::path(work) / "engine.db").string();
  options.sources = {md.string()};
  options.entity_files = entity_files;
  options.full = true;
  briefing::RunSummary summary = briefing::run_indexer(options);
  if (summary.skipped != 0)
    throw std::runtime_error("the indexer skipped " + std::to_string(summary.skipped) +
                             " advisories");
  return std::make_unique<Engine>(options.db_path);
}

}  // namespace relevance
