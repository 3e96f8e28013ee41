// Which files a run reads: SOURCE arguments expanded into files, recognised by extension.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace briefing {

enum class SourceKind { kJson, kJsonLines, kMarkdown, kPageText };

// The reader for a file name, or nullopt for a file the indexer does not read.
std::optional<SourceKind> source_kind(const std::filesystem::path& path);

struct SourceFile {
  std::filesystem::path
      path;  // absolute and normalised: the key under which the index remembers it
  SourceKind kind;
};

struct SourceProblem {
  std::string where;  // a path, or "path:line N"
  std::string reason;
};

struct SourceListing {
  std::vector<SourceFile> files;  // sorted by path, each once
  std::vector<std::filesystem::path>
      roots;                            // the SOURCE arguments, absolute: deletions stay inside
  std::vector<SourceProblem> problems;  // arguments that could not be read at all
};

// Expands files and folders (recursively; hidden files and folders are passed over). A file named
// directly with an unknown extension is a problem; inside a folder such files are ignored.
SourceListing list_sources(const std::vector<std::string>& arguments);

// Whether `path` is `root` or lies below it.
bool path_within(const std::filesystem::path& path, const std::filesystem::path& root);

}  // namespace briefing
