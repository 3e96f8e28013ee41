// Generations and the stub file. Stub paths are relative ("auto x.db.d/g000002"), which Xapian
// resolves against the stub's folder, so an index folder can be moved as a whole.
#include "index_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <string_view>
#include <thread>

#include "errors.h"
#include "index_stub.h"

namespace briefing {
namespace fs = std::filesystem;

namespace {

constexpr const char* kGenerationPrefix = "g";
constexpr std::string_view kStubPrefix = "auto ";

// "g000012" -> 12; 0 for names that are not generations.
unsigned long generation_number(const fs::path& p) {
  std::string name = p.filename().string();
  if (name.size() < 2 || name[0] != 'g') return 0;
  unsigned long n = 0;
  for (std::size_t i = 1; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9') return 0;
    n = n * 10 + static_cast<unsigned long>(name[i] - '0');
  }
  return n;
}

void fsync_path(const fs::path& p, int flags) {
  int fd = ::open(p.c_str(), flags);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

void throw_write_error(const std::string& message, int error) {
  std::string text = message + ": " + std::strerror(error);
  if (error == EACCES || error == EPERM || error == EROFS) throw IndexNotWritable(text);
  throw IndexError(text);
}

WriterLock::~WriterLock() {
  if (fd_ >= 0) ::close(fd_);
}

IndexStore::IndexStore(fs::path db_path)
    : path_(fs::absolute(std::move(db_path)).lexically_normal()) {}

fs::path IndexStore::generations_dir() const {
  return fs::path(path_.string() + ".d");
}

WriterLock IndexStore::lock(double wait_seconds) const {
  fs::path lock_path = path_.string() + ".lock";
  if (path_.has_parent_path()) {
    std::error_code ec;
    fs::create_directories(path_.parent_path(), ec);
  }
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw_write_error("cannot create lock file " + lock_path.string(), errno);
  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::milliseconds(static_cast<long>(wait_seconds * 1000));
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      ::close(fd);
      throw IndexError("cannot lock " + lock_path.string() + ": " + std::strerror(errno));
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      ::close(fd);
      throw IndexLocked("index " + path_.string() + " is locked by another indexer run");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return WriterLock(fd);
}

std::optional<fs::path> IndexStore::live() const {
  std::error_code ec;
  auto status = fs::status(path_, ec);
  if (ec || !fs::exists(status)) return std::nullopt;
  if (fs::is_directory(status)) return path_;
  // The stub names the live generation; anything else at the path is not ours to open.
  if (!fs::is_regular_file(status))
    throw IndexUnreadable(path_.string() + " is neither an index stub file nor a database folder");
  const fs::path target(read_stub(path_, StubPolicy::kGeneration).front().target);
  return target.is_absolute() ? target : (path_.parent_path() / target).lexically_normal();
}

std::vector<fs::path> IndexStore::next_generations(std::size_t count) const {
  fs::path dir = generations_dir();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw_write_error("cannot create " + dir.string(), ec.value());
  auto current = live();
  unsigned long highest = 0;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    unsigned long n = generation_number(entry.path());
    highest = std::max(highest, n);
    // Under the lock, a generation that is not live was abandoned by a killed rebuild.
    if (n > 0 && (!current || entry.path() != *current) &&
        n > generation_number(current.value_or("")))
      fs::remove_all(entry.path(), ec);
  }
  std::vector<fs::path> out;
  for (std::size_t i = 1; i <= count; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "%s%06lu", kGenerationPrefix, highest + i);
    out.push_back(dir / name);
  }
  return out;
}

void IndexStore::switch_to(const fs::path& generation) const {
  auto previous = live();
  fs::path tmp = path_.string() + ".tmp";
  const std::string target = fs::relative(generation, path_.parent_path()).string();
  if (target.find('\n') != std::string::npos)
    throw IndexError("a stub line cannot hold the path " + target + " (it has a newline)");
  {
    errno = 0;
    std::ofstream stub(tmp, std::ios::trunc);
    stub << kStubPrefix << target << "\n";
    stub.flush();
    if (!stub) throw_write_error("cannot write " + tmp.string(), errno);
  }
  fsync_path(tmp, O_RDONLY);
  std::error_code ec;
  if (previous && *previous == path_) {
    // A plain database folder at the --db path: move it into the generations so that the stub
    // can take its place (not atomic, but only the first switch from such a layout needs it).
    fs::path legacy = generations_dir() / "g000000";
    fs::rename(path_, legacy, ec);
    if (ec) throw_write_error("cannot move " + path_.string(), ec.value());
    previous = legacy;
  }
  fs::rename(tmp, path_, ec);
  if (ec) throw_write_error("cannot switch " + path_.string(), ec.value());
  fsync_path(path_.parent_path(), O_RDONLY | O_DIRECTORY);
  // Keep the generation just replaced (readers may still be on it); remove older ones.
  for (const auto& entry : fs::directory_iterator(generations_dir(), ec)) {
    if (entry.path() == generation || (previous && entry.path() == *previous)) continue;
    if (generation_number(entry.path()) > 0 || entry.path().filename() == "g000000")
      fs::remove_all(entry.path(), ec);
  }
}

}  // namespace briefing
