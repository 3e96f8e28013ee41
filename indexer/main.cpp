// indexer: reads briefings from files and folders into the Xapian index. A thin main: parse the
// command line, run the library, convert errors to exit codes in one place.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include <xapian.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "errors.h"
#include "index_run.h"
#include "utf8_text.h"
#include "version_info.h"

namespace {

// sysexits.h values, so that cron and systemd can tell a busy lock from a broken index.
constexpr int kExitOk = 0, kExitFailed = 1, kExitUsage = 2, kExitUnreadable = 65, kExitLocked = 75,
              kExitNotWritable = 77;

constexpr const char* kExitCodes = R"(Exit codes:
  0   the run completed (skipped files and records are reported on stderr, not fatal)
  1   the run failed and changed nothing (an I/O error, a full disk, a missing SOURCE, ...)
  2   bad usage
  65  the index cannot be read: corrupt or of another schema version (--full builds a new
      one beside it), or a stub file this indexer did not write (refused even with --full)
  75  another run holds the index lock, and only that (try again later, or pass --wait)
  77  the index may not be written (permission denied, read-only file system))";

// Whether a Xapian message gives the system's reason for a refused write.
bool says_not_writable(const std::string& text) {
  for (int error : {EACCES, EPERM, EROFS})
    if (text.find(std::strerror(error)) != std::string::npos) return true;
  return false;
}

// Xapian's own errors, sorted by cause; the library throws typed errors where it knows more.
int exit_code_of(const Xapian::Error& e) {
  // Xapian::Error is not polymorphic: its type is a name.
  const char* system_reason = e.get_error_string();  // null when there is none
  const std::string type = e.get_type(),
                    text = e.get_msg() + " " + (system_reason ? system_reason : "");
  if (type == "DatabaseLockError") {
    if (text.find("already locked") != std::string::npos) return kExitLocked;
    if (says_not_writable(text)) return kExitNotWritable;
    return kExitFailed;
  }
  if (says_not_writable(text)) return kExitNotWritable;
  if (type == "DatabaseCorruptError" || type == "DatabaseVersionError") return kExitUnreadable;
  return kExitFailed;
}

int fail(int code, const std::string& message) {
  std::fprintf(stderr, "indexer: %s%s\n", briefing::printable(message).c_str(),
               code == kExitLocked ? "" : " (nothing was changed)");
  return code;
}

nlohmann::json import_json(const std::string& file, const briefing::EntityImport& import) {
  nlohmann::json examples = nlohmann::json::array();
  for (const auto& r : import.examples)
    examples.push_back({{"name", r.name}, {"reason", r.reason}});
  return {{"file", file},
          {"format", import.format},
          {"entities", import.imported},
          {"names", import.names},
          {"ambiguous", import.ambiguous},
          {"refused", import.refused},
          {"refused_examples", examples}};
}

void print_summary(const briefing::RunSummary& s, bool as_json) {
  if (as_json) {
    nlohmann::json j = {
        {"indexed", s.indexed()}, {"added", s.added},         {"changed", s.changed},
        {"deleted", s.deleted},   {"unchanged", s.unchanged}, {"skipped", s.skipped},
        {"total", s.total},       {"sources", s.sources},     {"sources_read", s.sources_read},
        {"seconds", s.seconds}};
    if (!s.imports.empty()) {
      j["entities"] = nlohmann::json::array();
      for (const auto& [file, import] : s.imports)
        j["entities"].push_back(import_json(file, import));
    }
    std::cout << j.dump() << std::endl;
  } else {
    for (const auto& [file, import] : s.imports)
      std::printf("entities %s: %s\n", briefing::printable(file).c_str(),
                  briefing::printable(import.summary()).c_str());
    std::printf(
        "indexed %zu (added %zu, changed %zu), deleted %zu, unchanged %zu, skipped %zu; "
        "%zu briefings in the index; read %zu of %zu sources; %.2f s\n",
        s.indexed(), s.added, s.changed, s.deleted, s.unchanged, s.skipped, s.total, s.sources_read,
        s.sources, s.seconds);
  }
}

// A progress line on a terminal only: cron logs get the summary line and nothing else.
briefing::RunObserver make_observer(bool dry_run) {
  briefing::RunObserver observer;
  observer.skipped = [](const briefing::SourceProblem& p) {
    std::fprintf(stderr, "skipped %s: %s\n", briefing::printable(p.where).c_str(),
                 briefing::printable(p.reason).c_str());
  };
  observer.warning = [](const std::string& message) {
    std::fprintf(stderr, "indexer: warning: %s\n", briefing::printable(message).c_str());
  };
  if (dry_run)
    observer.change = [](const char* what, const std::string& id) {
      std::printf("would %s %s\n", what, briefing::printable(id).c_str());
    };
  if (::isatty(STDERR_FILENO)) {
    auto started = std::chrono::steady_clock::now();
    observer.progress = [started](std::size_t done, std::size_t of) {
      if (done != of && done % 50 != 0) return;
      double elapsed =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      double rate = elapsed > 0 ? done / elapsed : 0;
      double eta = rate > 0 ? (of - done) / rate : 0;
      std::fprintf(stderr, "\r%zu/%zu files  %.0f files/s  ETA %.0f s   ", done, of, rate, eta);
      if (done == of) std::fprintf(stderr, "\r%60s\r", "");
    };
  }
  return observer;
}

// What the command line asks for.
struct CommandLine {
  briefing::RunOptions options;
  bool as_json = false;
};

void add_run_options(CLI::App& app, CommandLine& command) {
  briefing::RunOptions& options = command.options;
  app.add_option("--db", options.db_path, "Index path (a stub file naming the live generation)")
      ->required()
      ->check(
          [](const std::string& path) {
            // The stub names the generation on one line, after this name.
            return path.find('\n') == std::string::npos ? "" : "a newline cannot be in --db";
          },
          "no newline");
  app.add_flag("--full", options.full, "Rebuild from scratch beside the live index, then switch");
  app.add_flag("--json", command.as_json,
               "Print the summary as one JSON line (the last line of stdout)");
  app.add_flag("--dry-run", options.dry_run, "List what would change; write nothing");
  app.add_option("--wait", options.wait_seconds, "Wait up to SECONDS for another run's lock")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--entities", options.entity_files,
                 "MISP galaxy or STIX 2.x bundle of threat actors, or the CISA KEV catalogue of "
                 "vendors and products (kept in the index; what is screened out is reported)")
      ->check(CLI::ExistingFile);
  app.add_option("--corrections", options.corrections_file,
                 "JSON corrections to extraction: never tag X, X is an alias of Y, briefing B "
                 "is not about X (applied on every run)")
      ->check(CLI::ExistingFile);
  app.add_option("--jobs", options.jobs,
                 "Threads writing a full build (default: one per core); merged when done")
      ->check(CLI::NonNegativeNumber);
  app.add_option_function<std::string>(
         "--shard",
         [&options](const std::string& text) { options.shard = briefing::parse_shard_spec(text); },
         "Write only the briefings whose id hashes to shard K of N (K/N); every run over this "
         "index must give the same")
      ->check(
          [](const std::string& text) {
            try {
              briefing::parse_shard_spec(text);
              return std::string();
            } catch (const std::invalid_argument& e) {
              return std::string(e.what());
            }
          },
          "K/N");
  app.add_flag("!--no-extract", options.extract_entities,
               "Do not look for actors, vendors and regions in the text");
}

// Limits: whatever is over one is skipped and named on stderr, never truncated.
void add_limit_options(CLI::App& app, briefing::ReaderLimits& limits) {
  struct Limit {
    const char* name;
    std::size_t* value;
    const char* help;
  };
  const Limit table[] = {
      {"--max-file-bytes", &limits.max_file_bytes,
       "Skip larger files read whole (JSON documents and arrays, Markdown, page text); "
       "JSON Lines are streamed and have no file limit"},
      {"--max-record-bytes", &limits.max_record_bytes,
       "Skip a longer line of JSON Lines (one record; the rest of the file is read)"},
      {"--max-json-depth", &limits.json.max_depth, "Refuse deeper JSON nesting"},
      {"--max-title-bytes", &limits.briefing.max_title_bytes,
       "Skip a briefing with a longer title"},
      {"--max-field-bytes", &limits.briefing.max_field_bytes,
       "Skip a briefing with any other text field longer than this"},
      {"--max-entities", &limits.briefing.max_entities,
       "Skip a briefing that gives more actors than this (and so for vendors, regions "
       "and related ids)"},
  };
  for (const Limit& limit : table)
    app.add_option(limit.name, *limit.value, limit.help)
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
}

// Runs the library; its typed errors become exit codes here, and only here.
int run(const CommandLine& command) {
  try {
    auto summary = briefing::run_indexer(command.options, make_observer(command.options.dry_run));
    print_summary(summary, command.as_json);
    return kExitOk;
  } catch (const briefing::IndexLocked& e) {
    return fail(kExitLocked, e.what());
  } catch (const briefing::IndexUnreadable& e) {
    return fail(kExitUnreadable, e.what());
  } catch (const briefing::IndexNotWritable& e) {
    return fail(kExitNotWritable, e.what());
  } catch (const Xapian::Error& e) {
    const char* system_reason = e.get_error_string();
    return fail(exit_code_of(e), std::string(e.get_type()) + ": " + e.get_msg() +
                                     (system_reason ? std::string(": ") + system_reason : ""));
  } catch (const std::exception& e) {
    return fail(kExitFailed, e.what());
  }
}

}  // namespace

int main(int argc, char** argv) {
  CommandLine command;
  CLI::App app{
      "Indexes briefings (JSON, JSON Lines, page text, Markdown) into a Xapian index.\n"
      "Incremental by default: only new, changed and deleted sources are touched."};
  app.footer(kExitCodes);
  app.set_version_flag("--version", briefing::version_text("indexer"),
                       "Print the version and those of Xapian and ICU, and exit");
  add_run_options(app, command);
  add_limit_options(app, command.options.limits);
  app.add_option("sources", command.options.sources,
                 "Files and folders to index; - reads JSON Lines from standard input")
      ->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  return run(command);
}
