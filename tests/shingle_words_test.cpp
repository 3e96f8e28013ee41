// The list of shingle words is part of the schema: an index holds the shingles of the list it was
// written with, and searchd reads a phrase by its own list, so the two must be the same list.
#include <algorithm>
#include <cstdint>
#include <string_view>

#include <catch2/catch.hpp>

#include "index_layout.h"
#include "shingles.h"

namespace {

// FNV-1a over the words, each ended by a newline: a change to any word changes it.
std::uint64_t digest(std::span<const std::string_view> words) {
  std::uint64_t h = 14695981039346656037ull;
  for (std::string_view w : words)
    for (char c : std::string(w) + "\n") h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

}  // namespace

TEST_CASE("shingle words: sorted, unique, and changed only with the schema version") {
  const auto words = briefing::shingle_words();
  CHECK(std::is_sorted(words.begin(), words.end()));
  CHECK(std::adjacent_find(words.begin(), words.end()) == words.end());
  CHECK(std::all_of(words.begin(), words.end(), [](std::string_view w) {
    return !w.empty() &&
           std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  }));
  // A new list is a new schema: bump layout::kSchemaVersion, then pin both here.
  INFO("the list's digest is " << digest(words) << " over " << words.size() << " words");
  CHECK(briefing::layout::kSchemaVersion == "7");
  CHECK(words.size() == 127);
  CHECK(digest(words) == 8706501958466486295ull);
}
