// The line splitter keeps one partial line and one read buffer; a line longer than the record
// limit stops being kept as soon as it passes the limit, and is only counted to its end.
#include "json_lines_stream.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

#include "content_hash.h"
#include "errors.h"

namespace briefing {
namespace {

constexpr std::size_t kChunkBytes = 256 * 1024;

// Reads up to `size` bytes, retrying on EINTR: bytes read, 0 at the end, -1 with errno set.
ssize_t read_some(int fd, char* buffer, std::size_t size) {
  for (;;) {
    ssize_t n = ::read(fd, buffer, size);
    if (n >= 0 || errno != EINTR) return n;
  }
}

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// Splits the bytes of a descriptor into lines and hands each complete one on.
class LineSplitter {
 public:
  LineSplitter(std::size_t max_line) : max_line_(max_line) {}

  // `on_line(line, length)`: `line` is empty when the line was over the limit (length says how
  // long it was). Returns false (with `error`) on a read error.
  template <typename OnLine>
  bool run(int fd, ContentHasher* hasher, OnLine&& on_line, std::string& error) {
    std::string buffer(kChunkBytes, '\0');
    for (;;) {
      ssize_t n = read_some(fd, buffer.data(), buffer.size());
      if (n < 0) {
        error = std::string("read error: ") + std::strerror(errno);
        return false;
      }
      if (n == 0) break;
      std::string_view chunk(buffer.data(), static_cast<std::size_t>(n));
      if (hasher) hasher->update(chunk);
      if (!split(chunk, on_line)) return true;
    }
    if (length_ > 0) on_line(std::string_view(pending_), length_);
    return true;
  }

 private:
  template <typename OnLine>
  bool split(std::string_view chunk, OnLine& on_line) {
    while (!chunk.empty()) {
      std::size_t end = chunk.find('\n');
      std::string_view piece = chunk.substr(0, end);
      length_ += piece.size();
      if (length_ <= max_line_)
        pending_.append(piece);
      else
        std::string().swap(pending_);  // over the limit: let go of what was kept
      if (end == std::string_view::npos) return true;
      if (!on_line(length_ <= max_line_ ? std::string_view(pending_) : std::string_view(), length_))
        return false;
      pending_.clear();
      length_ = 0;
      chunk.remove_prefix(end + 1);
    }
    return true;
  }

  std::size_t max_line_;
  std::string pending_;
  std::size_t length_ = 0;  // of the line being split, kept or not
};

}  // namespace

StreamCounts stream_json_lines(int fd, const std::string& where, const ReaderLimits& limits,
                               const StreamSink& sink) {
  StreamCounts counts;
  ContentHasher hasher;
  std::size_t line_no = 0;
  auto problem = [&](std::string reason) {
    ++counts.problems;
    sink.problem({where + ":" + std::to_string(line_no), std::move(reason)});
  };
  auto on_line = [&](std::string_view line, std::size_t length) {
    ++line_no;
    if (line_no == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    if (length > limits.max_record_bytes) {
      counts.blank = false;
      problem("line is " + std::to_string(length) + " bytes, over the limit of " +
              std::to_string(limits.max_record_bytes) + " (--max-record-bytes)");
      return true;
    }
    if (blank(line)) return true;
    counts.blank = false;
    try {
      Briefing b = briefing_from_json_line(line, limits);
      ++counts.briefings;
      sink.briefing(std::move(b));
    } catch (const InvalidBriefing& e) {
      problem(describe(e));
    }
    return true;
  };
  std::string error;
  if (!LineSplitter(limits.max_record_bytes).run(fd, &hasher, on_line, error)) {
    ++counts.problems;
    sink.problem({where, error + " after line " + std::to_string(line_no)});
  }
  counts.hash = hasher.hex();
  return counts;
}

std::optional<std::string> hash_descriptor(int fd, std::string& error) {
  ContentHasher hasher;
  std::string buffer(kChunkBytes, '\0');
  for (;;) {
    ssize_t n = read_some(fd, buffer.data(), buffer.size());
    if (n < 0) {
      error = std::string("read error: ") + std::strerror(errno);
      return std::nullopt;
    }
    if (n == 0) return hasher.hex();
    hasher.update(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
  }
}

bool starts_with_json_line(int fd, const ReaderLimits& limits) {
  bool is_object = false;
  auto first_line = [&](std::string_view line, std::size_t length) {
    if (length > limits.max_record_bytes) return false;
    if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    if (blank(line)) return true;
    try {
      is_object = parse_json_text(line, limits.json).is_object();
    } catch (const InvalidBriefing&) {
    }
    return false;
  };
  std::string error;
  LineSplitter(limits.max_record_bytes).run(fd, nullptr, first_line, error);
  return ::lseek(fd, 0, SEEK_SET) == 0 && is_object;
}

}  // namespace briefing
