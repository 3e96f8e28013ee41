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

#include "side_by_side.h"
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
  const std::string_view ext = name.substr(dot);
  if (ext.size() > 9) return std::nullopt;  // longer than ".markdown": spares a copy per file
  char lower[9];
  std::transform(ext.begin(), ext.end(), lower, to_ascii_lower);
  const std::string_view e(lower, ext.size());
  if (e == ".json") return SourceKind::kJson;
  if (e == ".jsonl" || e == ".ndjson") return SourceKind::kJsonLines;
  if (e == ".md" || e == ".markdown") return SourceKind::kMarkdown;
  if (e == ".txt") return SourceKind::kPageText;
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

bool utf8_name(std::string_view p) {
  return invalid_utf8_offset(p) == std::string::npos;
}

// A folder's entry, as a string: a std::filesystem::path per file would also build its list of
// parts, which costs more than the file's stat.
std::string entry_path(const std::string& folder, const char* name) {
  std::string p = folder;
  if (p.empty() || p.back() != '/') p += '/';
  return p += name;
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
    walk(root_.native());
    add_links();
  }

 private:
  // What a folder's entry turned out to be; files carry the stat the run reuses.
  struct Entry {
    std::string path;
    enum { kNone, kFile, kFolder, kLink, kSkipped } what = kNone;
    std::optional<SourceKind> kind;
    SourceStat stat;
    std::string reason;  // why it was skipped
  };

  void skip(const std::string& p, std::string reason) {
    out_.skipped.push_back({p, std::move(reason)});
  }

  // Room for a folder's files, growing geometrically still: many small folders must not make
  // each reservation a copy of the whole listing.
  void reserve_files(std::size_t more) {
    const std::size_t needed = out_.files.size() + more;
    if (needed > out_.files.capacity())
      out_.files.reserve(std::max(needed, 2 * out_.files.capacity()));
  }

  // A folder, and below it each subfolder in its place among the folder's names: the files come
  // out in the listing's order (std::filesystem::path's, part by part), so the listing need not
  // be sorted afterwards. What was read of a folder that fails part way is still listed.
  void walk(const std::string& folder) {
    std::vector<Entry> entries;
    if (auto error = read_folder(folder, entries)) {
      skip(folder, "cannot read folder: " + *error + "; what it held stays indexed");
      out_.unlisted.push_back(folder);
    }
    reserve_files(entries.size());
    for (Entry& e : entries) {
      if (e.what == Entry::kFolder)
        walk(e.path);
      else if (e.what == Entry::kLink)
        add_link(e.path, e.kind);
      else if (e.what == Entry::kSkipped)
        skip(e.path, std::move(e.reason));
      else if (e.what == Entry::kFile)
        out_.files.push_back({std::move(e.path), *e.kind, shared_root_, false, e.stat});
    }
  }

  // One folder through its descriptor, names in byte order: entries are stat'ed by name relative
  // to it, which spares the kernel a lookup of the whole path per file. The descriptor is closed
  // before any subfolder is read, so a deep tree holds one open at a time. Returns why it could
  // not be read to the end.
  static std::optional<std::string> read_folder(const std::string& folder,
                                                std::vector<Entry>& out) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR* dir = fd < 0 ? nullptr : ::fdopendir(fd);
    if (!dir) {
      const int error = errno;
      if (fd >= 0) ::close(fd);
      return std::strerror(error);
    }
    std::unique_ptr<DIR, int (*)(DIR*)> closer(dir, ::closedir);
    // The names, each with its terminating NUL, one after another (one allocation for all).
    std::string text;
    struct Name {
      std::size_t at;
      unsigned char type;  // DT_UNKNOWN where the file system does not say
    };
    std::vector<Name> names;
    std::optional<std::string> error;
    for (;;) {
      errno = 0;
      const dirent* entry = ::readdir(dir);
      if (!entry) {
        if (errno) error = std::strerror(errno);
        break;
      }
      if (entry->d_name[0] == '.') continue;  // hidden, and "." and ".."
      names.push_back({text.size(), entry->d_type});
      text.append(entry->d_name, std::strlen(entry->d_name) + 1);
    }
    std::sort(names.begin(), names.end(), [&text](const Name& a, const Name& b) {
      return std::strcmp(text.c_str() + a.at, text.c_str() + b.at) < 0;  // bytes as unsigned
    });
    out.resize(names.size());
    auto examine_part = [&](std::size_t from, std::size_t to) {
      for (std::size_t i = from; i < to; ++i)
        out[i] = examine(fd, folder, text.c_str() + names[i].at, names[i].type);
    };
    // A stat costs the kernel about as much as everything else the listing does for a file, and
    // a cron run waits for the listing: a large folder is stat'ed by two threads, half each.
    constexpr std::size_t kHalvedFrom = 4096;
    if (names.size() < kHalvedFrom) {
      examine_part(0, names.size());
    } else {
      auto first_half = start_beside([&] { examine_part(0, names.size() / 2); });
      examine_part(names.size() / 2, names.size());
      first_half.get();
    }
    return error;
  }

  // One entry. Folders and files that cannot be briefings are told by the entry's type where
  // the file system gives it; every other entry costs one lstat, which the run reuses to tell an
  // untouched file from its record.
  static Entry examine(int folder_fd, const std::string& folder, const char* name,
                       unsigned char type) {
    std::optional<SourceKind> kind = source_kind_of_name(name);
    if (type == DT_REG && !kind) return {};  // not a briefing file
    std::string p = entry_path(folder, name);
    auto skipped = [&p](std::string reason) {
      return Entry{std::move(p), Entry::kSkipped, std::nullopt, {}, std::move(reason)};
    };
    struct stat own {};
    own.st_mode = S_IFDIR;
    const bool stated =
        type == DT_DIR || ::fstatat(folder_fd, name, &own, AT_SYMLINK_NOFOLLOW) == 0;
    const int error = errno;
    if (!stated) {
      if (kind) return skipped(std::string("cannot read: ") + std::strerror(error));
    } else if (S_ISLNK(own.st_mode)) {
      return {std::move(p), Entry::kLink, kind, {}, {}};
    } else if (S_ISDIR(own.st_mode)) {
      if (utf8_name(p)) return {std::move(p), Entry::kFolder, kind, {}, {}};
      return skipped("folder name is not valid UTF-8: not read");
    } else if (kind && !utf8_name(p)) {
      return skipped("file name is not valid UTF-8: not read");
    } else if (kind && !S_ISREG(own.st_mode)) {
      return skipped(std::string("not a regular file (") + type_name(own.st_mode) +
                     "): not opened");
    } else if (kind) {
      return {std::move(p), Entry::kFile, kind, source_stat_of(own, 0), {}};
    }
    return {};  // not a briefing file
  }

  void add_link(const std::string& p, std::optional<SourceKind> kind) {
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
      listed.insert(real_root_ / fs::path(out_.files[i].path).lexically_relative(root_));
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
  else if (!utf8_name(path.native()))
    out.skipped.push_back({path.string(), "file name is not valid UTF-8: not read"});
  else
    out.files.push_back({path.string(), *kind, nullptr,
                         fs::is_symlink(fs::symlink_status(path, ec)), std::nullopt});
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
    else if (!utf8_name(path.native()))
      out.skipped.push_back({path.string(), "folder name is not valid UTF-8: not read"});
    else
      FolderWalk(path, out).run();
  }
  // A walk lists in order; several SOURCE arguments, or links, may not.
  auto before = [](const SourceFile& a, const SourceFile& b) {
    return path_before(a.path, b.path);
  };
  if (!std::is_sorted(out.files.begin(), out.files.end(), before))
    std::sort(out.files.begin(), out.files.end(), before);
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
