// Open first, then check what was opened: a file swapped for a link or a FIFO between listing and
// reading is caught on the descriptor itself, where no later swap can change the answer.
#include "source_bytes.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "source_files.h"

namespace briefing {
namespace fs = std::filesystem;
namespace {

// Where the open descriptor really is (every link on the way resolved), when the system says.
std::optional<fs::path> opened_path(int fd) {
  std::error_code ec;
  fs::path p = fs::read_symlink("/proc/self/fd/" + std::to_string(fd), ec);
  if (ec) return std::nullopt;
  return p;
}

std::string too_big(std::size_t size, std::size_t limit) {
  return "file is " + std::to_string(size) + " bytes, over the limit of " + std::to_string(limit);
}

}  // namespace

OpenedFile::~OpenedFile() {
  if (fd_ >= 0) ::close(fd_);
}

std::optional<OpenedFile> open_source_file(const fs::path& path, const OpenRules& rules,
                                           std::string& error) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below, unread.
  int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (rules.follow_link ? 0 : O_NOFOLLOW);
  OpenedFile file{::open(path.c_str(), flags)};
  if (file.fd_ < 0) {
    error = errno == ELOOP ? "became a link after it was listed: not read"
                           : std::string("cannot open: ") + std::strerror(errno);
    return std::nullopt;
  }
  struct stat st {};
  if (::fstat(file.fd_, &st) != 0) {
    error = std::string("cannot read: ") + std::strerror(errno);
    return std::nullopt;
  }
  if (!S_ISREG(st.st_mode)) {
    error = "not a regular file: not read";
    return std::nullopt;
  }
  if (!rules.root.empty()) {
    auto real = opened_path(file.fd_);
    if (real && !path_within(*real, rules.root)) {
      error =
          "links outside SOURCE " + rules.root.string() + " (to " + real->string() + "): not read";
      return std::nullopt;
    }
  }
  file.size_ = static_cast<std::size_t>(st.st_size);
  file.modified_ = st.st_mtime;
  file.stat_ = source_stat_of(st, now_ns());
  return file;
}

std::optional<FileBytes> read_opened(OpenedFile& file, std::size_t max_bytes, std::string& error) {
  if (file.size() > max_bytes) {
    error = too_big(file.size(), max_bytes);
    return std::nullopt;
  }
  FileBytes out;
  out.modified = file.modified();
  out.bytes.resize(file.size());
  std::size_t done = 0;
  for (;;) {
    if (done == out.bytes.size()) out.bytes.resize(done + 65536);  // it may have grown
    ssize_t n = ::read(file.fd(), out.bytes.data() + done, out.bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = std::string("read error: ") + std::strerror(errno);
      return std::nullopt;
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
    if (done > max_bytes) {
      error = too_big(done, max_bytes);
      return std::nullopt;
    }
  }
  out.bytes.resize(done);
  return out;
}

std::optional<FileBytes> read_file_bytes(const fs::path& path, const OpenRules& rules,
                                         std::string& error) {
  auto file = open_source_file(path, rules, error);
  if (!file) return std::nullopt;
  return read_opened(*file, rules.max_bytes, error);
}

}  // namespace briefing
