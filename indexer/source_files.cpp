// Expanding SOURCE arguments. Errors reading one folder entry never stop the listing.
#include "source_files.h"

#include <algorithm>
#include <system_error>

namespace briefing {
namespace fs = std::filesystem;

std::optional<SourceKind> source_kind(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".json") return SourceKind::kJson;
  if (ext == ".jsonl" || ext == ".ndjson") return SourceKind::kJsonLines;
  if (ext == ".md" || ext == ".markdown") return SourceKind::kMarkdown;
  if (ext == ".txt") return SourceKind::kPageText;
  return std::nullopt;
}

namespace {

fs::path absolute_path(const std::string& argument) {
  std::error_code ec;
  fs::path p = fs::absolute(argument, ec);
  p = (ec ? fs::path(argument) : p).lexically_normal();
  if (!p.has_filename() && p.has_parent_path()) p = p.parent_path();  // "corpus/" -> "corpus"
  return p;
}

bool hidden(const fs::path& p) {
  std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

void list_folder(const fs::path& root, SourceListing& out) {
  std::error_code ec;
  auto options = fs::directory_options::skip_permission_denied;
  fs::recursive_directory_iterator it(root, options, ec), end;
  if (ec) {
    out.problems.push_back({root.string(), "cannot read folder: " + ec.message()});
    return;
  }
  for (; it != end; it.increment(ec)) {
    if (ec) {
      out.problems.push_back({root.string(), "error while listing: " + ec.message()});
      break;
    }
    const fs::directory_entry& entry = *it;
    if (hidden(entry.path())) {
      if (entry.is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!entry.is_regular_file(ec)) continue;
    if (auto kind = source_kind(entry.path()))
      out.files.push_back({entry.path().lexically_normal(), *kind});
  }
}

}  // namespace

SourceListing list_sources(const std::vector<std::string>& arguments) {
  SourceListing out;
  for (const std::string& argument : arguments) {
    fs::path path = absolute_path(argument);
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      out.problems.push_back({argument, "no such file or folder"});
      continue;
    }
    out.roots.push_back(path);
    if (fs::is_directory(status)) {
      list_folder(path, out);
    } else if (auto kind = source_kind(path)) {
      out.files.push_back({path, *kind});
    } else {
      out.problems.push_back(
          {argument,
           "not a briefing file (expected .json, .jsonl, .ndjson, .md, .markdown or .txt)"});
    }
  }
  std::sort(out.files.begin(), out.files.end(),
            [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });
  out.files.erase(
      std::unique(out.files.begin(), out.files.end(),
                  [](const SourceFile& a, const SourceFile& b) { return a.path == b.path; }),
      out.files.end());
  return out;
}

bool path_within(const fs::path& path, const fs::path& root) {
  auto r = root.begin(), p = path.begin();
  for (; r != root.end(); ++r, ++p) {
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

}  // namespace briefing
