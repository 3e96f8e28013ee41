// Expanding SOURCE arguments. An odd entry (name, link, type) or a folder that cannot be read is
// one skipped entry; it never stops the listing.
#include "source_files.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <set>
#include <system_error>
#include <utility>

#include "text_util.h"
#include "utf8_text.h"

namespace briefing {
namespace fs = std::filesystem;

std::optional<SourceKind> source_kind(const fs::path& path) {
  return source_kind_of_name(path.filename().native());
}

std::optional<SourceKind> source_kind_of_name(std::string_view name) {
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;  // none, or hidden
  const std::string ext = ascii_lower(std::string(name.substr(dot)));
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

bool utf8_name(const fs::path& p) {
  return invalid_utf8_offset(p.native()) == std::string::npos;
}

const char* type_name(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISBLK(mode) || S_ISCHR(mode)) return "a device";
  return "not a file or folder";
}

// One SOURCE folder, walked without following links: each folder is read on its own, so that an
// error reading one is one skipped folder, and the walk goes on.
class FolderWalk {
 public:
  FolderWalk(const fs::path& root, SourceListing& out) : root_(root), out_(out) {
    std::error_code ec;
    real_root_ = fs::canonical(root, ec);
    if (ec) real_root_ = root;
    shared_root_ = std::make_shared<const fs::path>(real_root_);
  }

  void run() {
    std::vector<fs::path> folders{root_};
    while (!folders.empty()) {
      fs::path folder = std::move(folders.back());
      folders.pop_back();
      if (auto error = read_folder(folder, folders)) {
        skip(folder, "cannot read folder: " + *error + "; what it held stays indexed");
        out_.unlisted.push_back(folder);
      }
    }
    add_links();
  }

 private:
  void skip(const fs::path& p, std::string reason) {
    out_.skipped.push_back({p.string(), std::move(reason)});
  }

  // One folder through its descriptor: entries are stat'ed by name relative to it, which spares
  // the kernel a lookup of the whole path per file. Returns why it could not be read to the end.
  std::optional<std::string> read_folder(const fs::path& folder, std::vector<fs::path>& folders) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR* dir = fd < 0 ? nullptr : ::fdopendir(fd);
    if (!dir) {
      const int error = errno;
      if (fd >= 0) ::close(fd);
      return std::strerror(error);
    }
    std::unique_ptr<DIR, int (*)(DIR*)> closer(dir, ::closedir);
    for (;;) {
      errno = 0;
      const dirent* entry = ::readdir(dir);
      if (!entry) return errno ? std::optional<std::string>(std::strerror(errno)) : std::nullopt;
      if (entry->d_name[0] == '.') continue;  // hidden, and "." and ".."
      add(fd, folder, entry->d_name, entry->d_type, folders);
    }
  }

  // One entry. Folders and files that cannot be briefings are told by the entry's type where
  // the file system gives it; every other entry costs one lstat, which the run reuses to tell an
  // untouched file from its record.
  void add(int folder_fd, const fs::path& folder, const char* name, unsigned char type,
           std::vector<fs::path>& folders) {
    std::optional<SourceKind> kind = source_kind_of_name(name);
    if (type == DT_REG && !kind) return;  // not a briefing file
    const fs::path p = folder / name;
    struct stat own {};
    own.st_mode = S_IFDIR;
    const bool stated =
        type == DT_DIR || ::fstatat(folder_fd, name, &own, AT_SYMLINK_NOFOLLOW) == 0;
    const int error = errno;
    if (!stated) {
      if (kind) skip(p, std::string("cannot read: ") + std::strerror(error));
    } else if (S_ISLNK(own.st_mode)) {
      add_link(p, kind);
    } else if (S_ISDIR(own.st_mode)) {
      if (utf8_name(p))
        folders.push_back(p);
      else
        skip(p, "folder name is not valid UTF-8: not read");
    } else if (!kind) {
      return;  // not a briefing file
    } else if (!utf8_name(p)) {
      skip(p, "file name is not valid UTF-8: not read");
    } else if (!S_ISREG(own.st_mode)) {
      skip(p, std::string("not a regular file (") + type_name(own.st_mode) + "): not opened");
    } else {
      out_.files.push_back({p, *kind, shared_root_, false, source_stat_of(own, 0)});
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
      links_.push_back({{p, *kind, shared_root_, true, std::nullopt}, target});
  }

  // Links to files inside the SOURCE, except those to a file that is listed itself. The set of
  // those is made only when there are links: a folder of 200,000 files usually has none.
  void add_links() {
    if (links_.empty()) return;
    std::set<fs::path> listed;  // canonical paths of the files listed as themselves
    for (std::size_t i = first_file_; i < out_.files.size(); ++i)
      listed.insert(real_root_ / out_.files[i].path.lexically_relative(root_));
    for (auto& [file, target] : links_)
      if (!listed.count(target)) out_.files.push_back(std::move(file));
  }

  fs::path root_, real_root_;
  std::shared_ptr<const fs::path> shared_root_;  // real_root_, for the files found below it
  SourceListing& out_;
  std::size_t first_file_ = out_.files.size();          // the first of out_.files this walk found
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
    out.files.push_back(
        {path, *kind, nullptr, fs::is_symlink(fs::symlink_status(path, ec)), std::nullopt});
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
  std::sort(out.files.begin(), out.files.end(), [](const SourceFile& a, const SourceFile& b) {
    return path_before(a.path.native(), b.path.native());
  });
  out.files.erase(
      std::unique(out.files.begin(), out.files.end(),
                  [](const SourceFile& a, const SourceFile& b) { return a.path == b.path; }),
      out.files.end());
  return out;
}

// Byte order with the separator below every other byte: for normalised absolute paths that is
// the order of std::filesystem::path (part by part), without splitting either into parts.
bool path_before(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  const std::size_t at = std::mismatch(a.begin(), a.begin() + n, b.begin()).first - a.begin();
  if (at == n) return a.size() < b.size();
  auto rank = [](char c) { return c == '/' ? 0 : static_cast<unsigned char>(c) + 1; };
  return rank(a[at]) < rank(b[at]);
}

bool within_folder(std::string_view path, std::string_view root) {
  if (path.substr(0, root.size()) != root) return false;
  return path.size() == root.size() || path[root.size()] == '/' || root == "/";
}

bool path_within(const fs::path& path, const fs::path& root) {
  auto r = root.begin(), p = path.begin();
  for (; r != root.end(); ++r, ++p) {
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

}  // namespace briefing
