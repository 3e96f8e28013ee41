// Expanding SOURCE arguments. An odd entry (name, link, type) or a folder that cannot be read is
// one skipped entry; it never stops the listing.
#include "source_files.h"

#include <algorithm>
#include <set>
#include <system_error>
#include <utility>

#include "text_util.h"
#include "utf8_text.h"

namespace briefing {
namespace fs = std::filesystem;

std::optional<SourceKind> source_kind(const fs::path& path) {
  const std::string ext = ascii_lower(path.extension().string());
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

bool utf8_name(const fs::path& p) {
  return invalid_utf8_offset(p.native()) == std::string::npos;
}

const char* type_name(fs::file_type type) {
  switch (type) {
    case fs::file_type::fifo:
      return "a FIFO";
    case fs::file_type::socket:
      return "a socket";
    case fs::file_type::block:
    case fs::file_type::character:
      return "a device";
    default:
      return "not a file or folder";
  }
}

// One SOURCE folder, walked without following links: each folder is read on its own, so that an
// error reading one is one skipped folder, and the walk goes on.
class FolderWalk {
 public:
  FolderWalk(const fs::path& root, SourceListing& out) : root_(root), out_(out) {
    std::error_code ec;
    real_root_ = fs::canonical(root, ec);
    if (ec) real_root_ = root;
  }

  void run() {
    std::vector<fs::path> folders{root_};
    while (!folders.empty()) {
      fs::path folder = std::move(folders.back());
      folders.pop_back();
      std::error_code ec;
      for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
        add(*it, folders);
      if (ec) {
        skip(folder, "cannot read folder: " + ec.message() + "; what it held stays indexed");
        out_.unlisted.push_back(folder);
      }
    }
    add_links();
  }

 private:
  void skip(const fs::path& p, std::string reason) {
    out_.skipped.push_back({p.string(), std::move(reason)});
  }

  void add(const fs::directory_entry& entry, std::vector<fs::path>& folders) {
    const fs::path p = entry.path().lexically_normal();
    if (hidden(p)) return;
    std::error_code ec;
    fs::file_status own = entry.symlink_status(ec);
    std::optional<SourceKind> kind = source_kind(p);
    if (ec) {
      if (kind) skip(p, "cannot read: " + ec.message());
    } else if (fs::is_symlink(own)) {
      add_link(p, kind);
    } else if (fs::is_directory(own)) {
      if (utf8_name(p))
        folders.push_back(p);
      else
        skip(p, "folder name is not valid UTF-8: not read");
    } else if (!kind) {
      return;  // not a briefing file
    } else if (!utf8_name(p)) {
      skip(p, "file name is not valid UTF-8: not read");
    } else if (!fs::is_regular_file(own)) {
      skip(p, std::string("not a regular file (") + type_name(own.type()) + "): not opened");
    } else {
      out_.files.push_back({p, *kind, real_root_, false});
      listed_.insert(real_root_ / p.lexically_relative(root_));
    }
  }

  void add_link(const fs::path& p, std::optional<SourceKind> kind) {
    std::error_code ec;
    fs::path target = fs::canonical(p, ec);
    if (ec) {
      if (kind) skip(p, "a link to nothing (" + ec.message() + ")");
      return;
    }
    const bool inside = path_within(target, real_root_);
    fs::file_status st = fs::status(target, ec);
    if (fs::is_directory(st)) {
      // A folder link is never followed: inside the SOURCE its files are listed where they are.
      if (!inside)
        skip(p, "links outside SOURCE " + real_root_.string() + " (to the folder " +
                    target.string() + "): not followed");
      return;
    }
    if (!kind) return;
    if (!inside)
      skip(p, "links outside SOURCE " + real_root_.string() + " (to " + target.string() +
                  "): not read");
    else if (!utf8_name(p))
      skip(p, "file name is not valid UTF-8: not read");
    else if (!fs::is_regular_file(st))
      skip(p, "links to something that is not a regular file: not opened");
    else
      links_.push_back({{p, *kind, real_root_, true}, target});
  }

  // Links to files inside the SOURCE, except those to a file that is listed itself.
  void add_links() {
    for (auto& [file, target] : links_)
      if (!listed_.count(target)) out_.files.push_back(std::move(file));
  }

  fs::path root_, real_root_;
  SourceListing& out_;
  std::set<fs::path> listed_;  // canonical paths of the files listed as themselves
  std::vector<std::pair<SourceFile, fs::path>> links_;  // and links, with their targets
};

void list_file(const std::string& argument, const fs::path& path, SourceListing& out) {
  std::error_code ec;
  auto kind = source_kind(path);
  if (!kind)
    out.problems.push_back(
        {argument,
         "not a briefing file (expected .json, .jsonl, .ndjson, .md, .markdown or .txt)"});
  else if (!utf8_name(path))
    out.skipped.push_back({path.string(), "file name is not valid UTF-8: not read"});
  else
    out.files.push_back({path, *kind, {}, fs::is_symlink(fs::symlink_status(path, ec))});
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
    if (!fs::is_directory(status))
      list_file(argument, path, out);
    else if (!utf8_name(path))
      out.skipped.push_back({path.string(), "folder name is not valid UTF-8: not read"});
    else
      FolderWalk(path, out).run();
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
