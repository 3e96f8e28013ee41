#include "json_writer.h"

#include <charconv>
#include <cmath>

namespace briefing {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void escape_unit(std::string& out, unsigned unit) {
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(unit >> shift) & 0xf];
}

// The length of the valid UTF-8 sequence at `s` and its code point, or 0 when it is not valid
// (overlong, surrogate, out of range, truncated).
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b0 = byte(i);
  std::size_t n;
  char32_t min;
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  } else if ((b0 & 0xe0) == 0xc0) {
    n = 2, cp = b0 & 0x1f, min = 0x80;
  } else if ((b0 & 0xf0) == 0xe0) {
    n = 3, cp = b0 & 0x0f, min = 0x800;
  } else if ((b0 & 0xf8) == 0xf0) {
    n = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n;
}

}  // namespace

void JsonWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::open(char bracket) {
  separate();
  out_ += bracket;
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
  out_ += bracket;
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  separate();
  quoted(name);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  separate();
  quoted(text);
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  separate();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::value(std::uint64_t n) {
  separate();
  char buffer[24];
  out_.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, n).ptr);
  return *this;
}

JsonWriter& JsonWriter::value(int n) {
  separate();
  char buffer[16];
  out_.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, n).ptr);
  return *this;
}

JsonWriter& JsonWriter::value(double d) {
  if (!std::isfinite(d)) return null();
  separate();
  char buffer[32];
  char* end = std::to_chars(buffer, buffer + sizeof buffer, d).ptr;
  out_.append(buffer, end);
  // Like nlohmann: a whole number is still written as a floating-point one ("3.0").
  if (std::string_view(buffer, end - buffer).find_first_of(".eEn") == std::string_view::npos)
    out_ += ".0";
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::strings(const std::vector<std::string>& list) {
  begin_array();
  for (const std::string& s : list) value(s);
  return end_array();
}

void JsonWriter::quoted(std::string_view s) {
  out_ += '"';
  std::size_t i = 0;
  while (i < s.size()) {
    // Runs of plain ASCII are copied whole.
    std::size_t run = i;
    while (run < s.size()) {
      unsigned char c = static_cast<unsigned char>(s[run]);
      if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') break;
      ++run;
    }
    out_.append(s.data() + i, run - i);
    i = run;
    if (i == s.size()) break;
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\') {
      out_ += '\\';
      out_ += static_cast<char>(c);
      ++i;
      continue;
    }
    if (c < 0x20) {
      switch (c) {
        case '\b':
          out_ += "\\b";
          break;
        case '\f':
          out_ += "\\f";
          break;
        case '\n':
          out_ += "\\n";
          break;
        case '\r':
          out_ += "\\r";
          break;
        case '\t':
          out_ += "\\t";
          break;
        default:
          escape_unit(out_, c);
      }
      ++i;
      continue;
    }
    if (c == 0x7f) {  // DEL: escaped in ASCII-only output, as nlohmann does
      if (ascii_)
        escape_unit(out_, c);
      else
        out_ += static_cast<char>(c);
      ++i;
      continue;
    }
    char32_t cp = 0;
    std::size_t n = decode(s, i, cp);
    if (n == 0) {
      cp = 0xfffd;  // one replacement character per invalid byte
      n = 1;
      if (!ascii_) {
        out_ += "\xef\xbf\xbd";
        i += n;
        continue;
      }
    } else if (!ascii_) {
      out_.append(s.data() + i, n);
      i += n;
      continue;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      escape_unit(out_, 0xd800 + static_cast<unsigned>(cp >> 10));
      escape_unit(out_, 0xdc00 + static_cast<unsigned>(cp & 0x3ff));
    } else {
      escape_unit(out_, static_cast<unsigned>(cp));
    }
    i += n;
  }
  out_ += '"';
}

}  // namespace briefing
