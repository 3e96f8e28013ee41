// HTML inside Markdown: which tags are stripped, which of them break a line, and character
// entities.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace briefing::markdown {

// HTML elements whose tags are stripped. Anything else in angle brackets (`<UserGuid>` in a
// registry path, `<random_string>`) is text that advisories mean literally.
bool is_html_tag_name(std::string_view name);

// Tags that end a visual line or cell: they become a space so the words on each side stay apart.
bool is_breaking_tag(std::string_view name);

// `&amp;`, `&#8217;`, `&#x2019;` and the few named entities advisories use; 0 when `s` does not
// start with one, else its length (the character is appended to `out`).
std::size_t decode_entity(std::string_view s, std::string& out);

}  // namespace briefing::markdown
