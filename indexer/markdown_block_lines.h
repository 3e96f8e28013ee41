// What one Markdown line is on its own: a code fence, a heading, a rule, a list item, a table's
// delimiter row or a reference definition; and the reference labels a document defines.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace briefing::markdown {

struct ReferenceDefinition {
  std::string label;  // normalised
  std::string destination;
};

// `[label]: destination "title"` on a line of its own defines a reference; the line shows nothing.
std::optional<ReferenceDefinition> reference_definition(std::string_view line);

// The opening fence of a code block ("```", "~~~~"), empty when the line is not one. Any
// indentation is accepted: advisories indent fences under list items.
std::string_view fence_of(std::string_view line);

// `---`, `***`, `___` (spaces allowed between): a rule, which shows no text.
bool is_thematic_break(std::string_view stripped);

// `|---|:---:|`: the row under a table's header.
bool is_table_delimiter(std::string_view stripped);

// `- `, `* `, `+ ` and `1. ` / `1) `: the length of the list marker with its space, 0 if none.
std::size_t list_marker(std::string_view stripped);

// `## Text ##`: the heading's text without the optional closing run of `#`; nullopt when the
// line is no heading (`#StopRansomware` lacks the space).
std::optional<std::string_view> atx_heading_text(std::string_view stripped);

// `===` or `---` under a line of text, which makes it a heading.
bool is_setext_underline(std::string_view stripped);

// The `[label]: url` definitions outside code, label to destination (the first definition of a
// label wins), so `[label]` alone reads as a link and `[text][label]` finds its target.
std::map<std::string, std::string> reference_labels(const std::vector<std::string_view>& lines,
                                                    std::size_t from);

}  // namespace briefing::markdown
