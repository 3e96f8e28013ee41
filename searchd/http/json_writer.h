// A JSON writer straight into a string, for the answers searchd sends most often. Building an
// nlohmann::json tree first and dumping it cost more than the search behind a browse page (about
// 150 of 450 microseconds); writing directly costs a fraction of that. Output is what
// nlohmann::json::dump would give: compact, invalid UTF-8 replaced by U+FFFD, and optionally
// ASCII only (\uXXXX escapes, so that the text is also a valid JavaScript expression).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace briefing {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out, bool ascii_only = false) : out_(out), ascii_(ascii_only) {}

  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(bool b);
  JsonWriter& value(std::uint64_t n);
  JsonWriter& value(int n);
  JsonWriter& value(double d);
  JsonWriter& null();
  JsonWriter& strings(const std::vector<std::string>& list);

  // A member: key and value.
  template <class T>
  JsonWriter& field(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }

 private:
  JsonWriter& open(char bracket);
  JsonWriter& close(char bracket);
  void separate();  // the comma before a value that is not the first in its container
  void quoted(std::string_view text);
  // Writes the escape for the byte(s) at text[i]; returns how many it took.
  std::size_t escape_at(std::string_view text, std::size_t i);
  std::size_t escape_non_ascii(std::string_view text, std::size_t i);

  std::string& out_;
  bool ascii_;
  std::vector<bool> first_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace briefing
