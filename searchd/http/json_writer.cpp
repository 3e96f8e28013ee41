// Writing JSON by hand into one buffer (json_writer.h).
#include "json_writer.h"

#include <charconv>
#include <cmath>

#include "text_util.h"

namespace briefing {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void escape_unit(std::string& out, unsigned unit) {
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(unit >> shift) & 0xf];
}

// Where the run of plain ASCII (copied as it is) that starts at `i` ends.
std::size_t plain_run_end(std::string_view s, std::size_t i) {
  for (; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') break;
  }
  return i;
}

// The short escape JSON has for a control character, or nullptr.
const char* short_escape(unsigned char c) {
  switch (c) {
    case '\b':
      return "\\b";
    case '\f':
      return "\\f";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default:
      return nullptr;
  }
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
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t run = plain_run_end(s, i);
    out_.append(s.data() + i, run - i);
    i = run;
    if (i < s.size()) i += escape_at(s, i);
  }
  out_ += '"';
}

std::size_t JsonWriter::escape_at(std::string_view s, std::size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == '"' || c == '\\') {
    out_ += '\\';
    out_ += static_cast<char>(c);
  } else if (c < 0x20) {
    if (const char* escaped = short_escape(c))
      out_ += escaped;
    else
      escape_unit(out_, c);
  } else if (c == 0x7f) {  // DEL: escaped in ASCII-only output, as nlohmann does
    if (ascii_)
      escape_unit(out_, c);
    else
      out_ += static_cast<char>(c);
  } else {
    return escape_non_ascii(s, i);
  }
  return 1;
}

std::size_t JsonWriter::escape_non_ascii(std::string_view s, std::size_t i) {
  char32_t cp = 0;
  const std::size_t n = utf8_decode(s, i, cp);
  if (n == 0) {  // one replacement character per invalid byte
    if (ascii_)
      escape_unit(out_, 0xfffd);
    else
      out_ += "\xef\xbf\xbd";
    return 1;
  }
  if (!ascii_) {
    out_.append(s.data() + i, n);
  } else if (cp >= 0x10000) {
    cp -= 0x10000;
    escape_unit(out_, 0xd800 + static_cast<unsigned>(cp >> 10));
    escape_unit(out_, 0xdc00 + static_cast<unsigned>(cp & 0x3ff));
  } else {
    escape_unit(out_, static_cast<unsigned>(cp));
  }
  return n;
}

}  // namespace briefing
