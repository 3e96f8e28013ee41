// make_corpus: writes a deterministic benchmark corpus (canonical JSON Lines) built from the real
// texts of the shared data folder. A thin main: parse, load, generate, validate, write, report.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <set>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include <CLI/CLI.hpp>

#include "briefing_json.h"
#include "corpus_generator.h"
#include "corpus_sources.h"
#include "errors.h"
#include "source_reader.h"

namespace {

namespace fs = std::filesystem;
using briefing::bench::BriefingGenerator;

constexpr int kExitOk = 0, kExitFailed = 1, kExitUsage = 2;

struct Params {
  fs::path shared_dir;
  fs::path out_dir;
  std::size_t count = 0;
  std::uint64_t seed = 42;
  std::size_t per_file = 1000;
  bool overwrite = false;
};

bool is_part_file(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.starts_with("part-") && p.extension() == ".jsonl";
}

// An earlier, larger run's leftover parts would be indexed with this run's: refuse or remove them.
void prepare_folder(const Params& params) {
  fs::create_directories(params.out_dir);
  std::vector<fs::path> old;
  for (const auto& entry : fs::directory_iterator(params.out_dir))
    if (is_part_file(entry.path())) old.push_back(entry.path());
  if (old.empty()) return;
  if (!params.overwrite)
    throw std::runtime_error(params.out_dir.string() + " already holds part-*.jsonl files " +
                             "(pass --overwrite to replace them)");
  for (const auto& p : old) fs::remove(p);
}

// Streams lines into part-00000.jsonl, part-00001.jsonl, ...: `per_file` lines each (the indexer
// reads JSON Lines as a stream, so a file may be of any size).
class PartWriter {
 public:
  PartWriter(fs::path folder, std::size_t per_file)
      : folder_(std::move(folder)), per_file_(per_file) {}
  ~PartWriter() {
    if (file_) std::fclose(file_);
  }
  PartWriter(const PartWriter&) = delete;
  PartWriter& operator=(const PartWriter&) = delete;

  void write(const std::string& line) {
    if (!file_ || lines_in_file_ == per_file_) open_next();
    if (std::fwrite(line.data(), 1, line.size(), file_) != line.size() ||
        std::fputc('\n', file_) == EOF)
      throw std::runtime_error(path_.string() + ": write failed");
    ++lines_in_file_;
    total_bytes_ += line.size() + 1;
  }
  void close() {
    if (file_ && std::fclose(file_) != 0)
      throw std::runtime_error(path_.string() + ": close failed");
    file_ = nullptr;
  }
  std::size_t files() const { return files_; }
  std::uint64_t bytes() const { return total_bytes_; }

 private:
  void open_next() {
    close();
    char name[32];
    std::snprintf(name, sizeof name, "part-%05zu.jsonl", files_++);
    path_ = folder_ / name;
    file_ = std::fopen(path_.c_str(), "wb");
    if (!file_) throw std::runtime_error(path_.string() + ": cannot create");
    std::setvbuf(file_, nullptr, _IOFBF, 1 << 20);
    lines_in_file_ = 0;
  }

  fs::path folder_;
  std::size_t per_file_;
  fs::path path_;
  std::FILE* file_ = nullptr;
  std::size_t files_ = 0, lines_in_file_ = 0;
  std::uint64_t total_bytes_ = 0;
};

struct Tally {
  std::set<std::string> actors, vendors, regions;
  void add(const briefing::Briefing& b) {
    actors.insert(b.actors.begin(), b.actors.end());
    vendors.insert(b.vendors.begin(), b.vendors.end());
    regions.insert(b.regions.begin(), b.regions.end());
  }
};

// The line exactly as the indexer will read it back: a briefing it would skip is a bug here.
std::string canonical_line(const briefing::Briefing& b) {
  try {
    return briefing::to_json(briefing::briefing_from_json(briefing::to_json(b))).dump();
  } catch (const briefing::InvalidBriefing& e) {
    throw std::logic_error("generated briefing " + b.id + " is invalid: " + e.what());
  } catch (const nlohmann::json::exception& e) {  // e.g. text that is not UTF-8
    throw std::logic_error("generated briefing " + b.id + " cannot be written: " + e.what());
  }
}

void build_corpus(const Params& params) {
  auto started = std::chrono::steady_clock::now();
  const briefing::bench::SourceTexts texts = briefing::bench::load_source_texts(params.shared_dir);
  prepare_folder(params);
  BriefingGenerator generator(texts, params.seed);
  PartWriter writer(params.out_dir, params.per_file);
  Tally tally;
  for (std::size_t i = 0; i < params.count; ++i) {
    briefing::Briefing b = generator.next();
    writer.write(canonical_line(b));
    tally.add(b);
  }
  writer.close();
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf(
      "wrote %zu briefings in %zu files under %s: %zu distinct actors, %zu vendors, %zu regions; "
      "%llu bytes; %.2f s\n",
      params.count, writer.files(), params.out_dir.c_str(), tally.actors.size(),
      tally.vendors.size(), tally.regions.size(), static_cast<unsigned long long>(writer.bytes()),
      seconds);
}

}  // namespace

int main(int argc, char** argv) {
  Params params;
  CLI::App app{
      "Writes a deterministic benchmark corpus of canonical JSON Lines briefings, built "
      "from the real texts in SHARED/data. The same arguments give byte-identical files."};
  app.add_option("--shared", params.shared_dir, "The shared folder (its data/ holds the sources)")
      ->required()
      ->check(CLI::ExistingDirectory);
  app.add_option("--out", params.out_dir, "Folder for part-NNNNN.jsonl files")->required();
  app.add_option("--count", params.count, "Briefings to write")
      ->required()
      ->check(CLI::Range(std::size_t{1}, std::size_t{99'999'999}));
  app.add_option("--seed", params.seed, "Seed of the generator")->capture_default_str();
  app.add_option("--per-file", params.per_file, "Briefings per file")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_flag("--overwrite", params.overwrite, "Replace part files of an earlier run in --out");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  try {
    build_corpus(params);
    return kExitOk;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "make_corpus: %s\n", e.what());
    return kExitFailed;
  }
}
