// analyser_throughput: how fast the shared ICU analyser turns briefing text into tokens, alone
// (no Xapian). Everything is read into memory first; the best of several passes is reported, and
// the token count is checked (non-zero, and the same in every pass) before any time is printed.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "analyser.h"
#include "briefing.h"
#include "briefing_text.h"
#include "source_files.h"
#include "source_reader.h"
#include "timestamp.h"

namespace {

namespace fs = std::filesystem;
constexpr int kExitOk = 0, kExitFailed = 1, kExitUsage = 2;

struct Corpus {
  std::vector<briefing::Briefing> briefings;
  std::size_t skipped = 0;  // files and records the readers refused
};

int modified_year(const fs::path& path) {
  std::error_code ec;
  auto when = fs::last_write_time(path, ec);
  if (ec) return 1970;
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::file_clock::to_sys(when).time_since_epoch());
  return briefing::civil_from_seconds(seconds.count()).year;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::move(bytes).str();
}

// The indexer's readers, so the benchmark sees exactly the briefings the indexer would index.
Corpus load(const std::vector<std::string>& arguments) {
  Corpus corpus;
  briefing::SourceListing listing = briefing::list_sources(arguments);
  corpus.skipped += listing.problems.size();
  for (const auto& p : listing.problems)
    std::fprintf(stderr, "skipped %s: %s\n", p.where.c_str(), p.reason.c_str());
  for (const briefing::SourceFile& file : listing.files) {
    std::string bytes = read_bytes(file.path);
    briefing::ReadResult read = briefing::read_source(file, bytes, modified_year(file.path));
    corpus.skipped += read.problems.size();
    for (auto& b : read.briefings) corpus.briefings.push_back(std::move(b));
  }
  return corpus;
}

// The same fields, in the same order, as the indexer analyses (schema/briefing_text.h).
void add_text_fields(const briefing::Briefing& b, std::vector<std::string_view>& out) {
  briefing::for_each_text(
      b, [&out](briefing::TextField, const std::string& text) { out.push_back(text); });
  briefing::for_each_entity_name(b, [&out](const std::string& name) { out.push_back(name); });
}

// Every non-empty field of every briefing; `starts[i]` is where briefing i's fields begin.
struct Texts {
  std::vector<std::string_view> fields;
  std::vector<std::size_t> starts;
  std::uint64_t bytes = 0;
};

Texts gather(const std::vector<briefing::Briefing>& briefings) {
  Texts t;
  std::vector<std::string_view> fields;
  for (const auto& b : briefings) {
    t.starts.push_back(t.fields.size());
    fields.clear();
    add_text_fields(b, fields);
    for (std::string_view f : fields) {
      if (f.empty()) continue;
      t.fields.push_back(f);
      t.bytes += f.size();
    }
  }
  t.starts.push_back(t.fields.size());
  return t;
}

struct Pass {
  std::uint64_t tokens = 0;
  double seconds = 0;
};

// One pass as the document builder does it: tokens cleared per field, positions continued with a
// gap between fields and restarted per briefing.
Pass analyse_all(briefing::Analyser& analyser, const Texts& texts) {
  constexpr std::uint32_t kFieldGap = 100;  // layout::kFieldGap; only numbering, not cost
  std::vector<briefing::Token> tokens;
  Pass pass;
  auto started = std::chrono::steady_clock::now();
  for (std::size_t doc = 0; doc + 1 < texts.starts.size(); ++doc) {
    std::uint32_t position = 1;
    for (std::size_t f = texts.starts[doc]; f < texts.starts[doc + 1]; ++f) {
      tokens.clear();
      position = analyser.analyse(texts.fields[f], tokens, position) + kFieldGap;
      pass.tokens += tokens.size();
    }
  }
  pass.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return pass;
}

int run(const std::vector<std::string>& sources, int passes) {
  auto loading = std::chrono::steady_clock::now();
  Corpus corpus = load(sources);
  Texts texts = gather(corpus.briefings);
  double load_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - loading).count();
  std::printf("loaded %zu briefings (%zu skipped), %zu fields, %llu bytes in %.2f s\n",
              corpus.briefings.size(), corpus.skipped, texts.fields.size(),
              static_cast<unsigned long long>(texts.bytes), load_seconds);
  if (corpus.briefings.empty()) {
    std::fprintf(stderr, "analyser_throughput: no briefings to analyse\n");
    return kExitFailed;
  }

  briefing::Analyser analyser;
  Pass best;
  for (int i = 0; i < passes; ++i) {
    Pass pass = analyse_all(analyser, texts);
    std::printf("pass %d: %llu tokens, %.3f s\n", i + 1,
                static_cast<unsigned long long>(pass.tokens), pass.seconds);
    if (i > 0 && pass.tokens != best.tokens) {
      std::fprintf(stderr, "analyser_throughput: passes disagree (%llu vs %llu tokens)\n",
                   static_cast<unsigned long long>(pass.tokens),
                   static_cast<unsigned long long>(best.tokens));
      return kExitFailed;
    }
    if (i == 0 || pass.seconds < best.seconds) best = pass;
  }
  if (best.tokens == 0) {
    std::fprintf(stderr, "analyser_throughput: the analyser produced no tokens\n");
    return kExitFailed;
  }
  const double docs = static_cast<double>(corpus.briefings.size());
  std::printf(
      "briefings %zu, tokens %llu, best of %d: %.3f s, %.0f docs/s, %.0f tokens/s, "
      "%.1f MB/s\n",
      corpus.briefings.size(), static_cast<unsigned long long>(best.tokens), passes, best.seconds,
      docs / best.seconds, static_cast<double>(best.tokens) / best.seconds,
      static_cast<double>(texts.bytes) / best.seconds / 1e6);
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> sources;
  int passes = 3;
  CLI::App app{"Measures the shared analyser alone over the text fields the indexer indexes."};
  app.add_option("sources", sources, "Briefing files and folders (as the indexer takes them)")
      ->required();
  app.add_option("--passes", passes, "Timed passes; the best is reported")
      ->capture_default_str()
      ->check(CLI::Range(1, 100));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  try {
    return run(sources, passes);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "analyser_throughput: %s\n", e.what());
    return kExitFailed;
  }
}
