// Front matter of a Markdown briefing: the `key: value` lines between `---` lines, and the
// briefing fields they (or the file name's date) give.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "briefing.h"

namespace briefing::markdown {

struct FrontValue {
  std::string scalar;
  std::vector<std::string> list;
  bool is_list = false;
};

using FrontMatter = std::vector<std::pair<std::string, FrontValue>>;

// Front matter opens on the first line with `---` and closes with `---` or `...`; without the
// closing line the `---` is an ordinary rule. `body_from` receives the first line after it.
FrontMatter parse_front_matter(const std::vector<std::string_view>& lines, std::size_t& body_from);

// Copies the fields front matter names onto the briefing; returns whether it gave a date.
// Unknown keys (tags, author, layout) are ignored. Throws InvalidBriefing for a read_minutes that
// is no whole number and for a date that is none.
bool apply_front_matter(const FrontMatter& fm, Briefing& b);

// The leading YYYYMMDD or YYYY-MM-DD of a file name ("20221028001-seopoisoning..." -> 2022-10-28).
std::optional<std::int64_t> date_from_stem(std::string_view stem);

}  // namespace briefing::markdown
