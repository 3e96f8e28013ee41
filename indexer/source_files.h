// Which files a run reads: SOURCE arguments expanded into files, recognised by extension.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "source_stat.h"

namespace briefing {

enum class SourceKind { kJson, kJsonLines, kMarkdown, kPageText };

// The reader for a file name, or nullopt for a file the indexer does not read.
std::optional<SourceKind> source_kind(const std::filesystem::path& path);
// The same for a file name without its folder.
std::optional<SourceKind> source_kind_of_name(std::string_view name);

struct SourceFile {
  // Absolute and normalised: the key under which the index remembers it. A string, since a
  // listing holds one per file and std::filesystem::path would add its parts to each.
  std::string path;
  SourceKind kind;
  // The SOURCE folder it was found in, as a canonical path: what the file must resolve inside
  // when it is opened. Null for a file named as a SOURCE itself (the operator chose it). Shared
  // by the folder's files: a path copied per file would cost its parts' allocations each time.
  std::shared_ptr<const std::filesystem::path> root;
  bool is_link = false;  // `path` is a symbolic link, to be followed (it stays inside `root`)
  // The inode as the folder walk found it (files that are not links): a run compares it with the
  // file's record without a second stat. None for links and for files named as a SOURCE.
  std::optional<SourceStat> stat;
};

struct SourceProblem {
  std::string where;  // a path, or "path:line N"
  std::string reason;
};

struct SourceListing {
  std::vector<SourceFile> files;  // sorted by path, each once
  std::vector<std::filesystem::path>
      roots;                            // the SOURCE arguments, absolute: deletions stay inside
  std::vector<SourceProblem> problems;  // arguments that could not be read at all: fail the run
  // Entries passed over, each named: names that are not UTF-8, links out of their SOURCE, FIFOs
  // and devices, folders that could not be listed. The run goes on without them.
  std::vector<SourceProblem> skipped;
  // Folders whose content is unknown this run: what the index holds from below them stays.
  std::vector<std::filesystem::path> unlisted;
};

// Expands files and folders (recursively; hidden files and folders are passed over). A file named
// directly with an unknown extension is a problem; inside a folder such files are ignored.
// Inside a folder, a symbolic link is followed only when it resolves to a file inside that
// folder, and a link to a file listed anyway is passed over (the file is indexed once).
SourceListing list_sources(const std::vector<std::string>& arguments);

// Whether `path` is `root` or lies below it.
bool path_within(const std::filesystem::path& path, const std::filesystem::path& root);
// The same for normalised absolute paths as strings, without splitting them into parts.
bool within_folder(std::string_view path, std::string_view root);

// The order of the listing, std::filesystem::path's, on normalised absolute paths as strings.
bool path_before(std::string_view a, std::string_view b);

}  // namespace briefing
