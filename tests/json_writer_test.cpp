// JsonWriter against nlohmann::json's dump, which it replaces on the hot routes.
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "json_writer.h"

using briefing::JsonWriter;
using nlohmann::json;

namespace {

std::string written(const std::string& text, bool ascii) {
  std::string out;
  JsonWriter(out, ascii).value(text);
  return out;
}

std::string dumped(const std::string& text, bool ascii) {
  return json(text).dump(-1, ' ', ascii, json::error_handler_t::replace);
}

}  // namespace

TEST_CASE("json writer: strings come out as nlohmann::json dumps them", "[json]") {
  const std::string cases[] = {
      "",
      "plain ASCII",
      "quote \" backslash \\ slash /",
      std::string("controls \b\f\n\r\t \x01 \x1f \x7f and a NUL: ") + '\0' + ".",
      "Latin é, Greek λ, CJK 北朝鮮, Hangul 해커",
      "emoji 🛡 and U+2028 \xe2\x80\xa8 here",
      "<mark>UNC1069</mark> &amp;",
  };
  for (const std::string& text : cases)
    for (bool ascii : {false, true}) {
      INFO(text << (ascii ? " (ASCII only)" : ""));
      CHECK(written(text, ascii) == dumped(text, ascii));
    }
}

TEST_CASE("json writer: invalid UTF-8 becomes U+FFFD and the output stays valid", "[json]") {
  const std::string cases[] = {
      "\xff",
      "a\xc3",
      "\xc3(",
      "\xe2\x82",
      "\xed\xa0\x80",
      "\xc0\xaf",
      "\xf4\x90\x80\x80",
      "ok \x80 ok",
      "\xf0\x9f\x9b",
  };
  for (const std::string& text : cases)
    for (bool ascii : {false, true}) {
      INFO(json(text).dump(-1, ' ', true, json::error_handler_t::replace));
      std::string out = written(text, ascii);
      json parsed = json::parse(out);  // throws on invalid JSON or UTF-8
      CHECK(parsed.get<std::string>().find("\xef\xbf\xbd") != std::string::npos);
    }
}

TEST_CASE("json writer: objects, arrays, numbers and null", "[json]") {
  std::string out;
  JsonWriter w(out);
  w.begin_object()
      .field("n", std::uint64_t{18446744073709551615ULL})
      .field("i", -3)
      .field("d", 2.5)
      .field("whole", 3.0)
      .field("b", true);
  w.key("none").null();
  w.key("list").strings({"a", "b"});
  w.key("empty").begin_array().end_array();
  w.key("nested")
      .begin_array()
      .begin_object()
      .end_object()
      .begin_object()
      .field("x", 1)
      .end_object();
  w.end_array().end_object();
  json expected = {{"n", 18446744073709551615ULL},
                   {"i", -3},
                   {"d", 2.5},
                   {"whole", 3.0},
                   {"b", true},
                   {"none", nullptr},
                   {"list", {"a", "b"}},
                   {"empty", json::array()},
                   {"nested", {json::object(), {{"x", 1}}}}};
  CHECK(json::parse(out) == expected);  // (nlohmann sorts keys; the writer keeps their order)
}
