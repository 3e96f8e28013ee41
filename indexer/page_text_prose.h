// Prose of page text: paragraphs without the footnote digits the copy glues to sentences.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace briefing::page_text {

// A paragraph as the page shows it, without footnote digits. Other oddities of the copy (a space
// before a comma) are kept: the text stays what the analyst copied.
std::string tidy_prose(std::string_view line);

// Paragraphs of one field, each tidied, separated by a blank line as the schema wants.
std::string join_prose(const std::vector<std::string>& lines);

// Appends a paragraph to a field, a blank line between paragraphs.
void append_paragraph(std::string& field, std::string_view paragraph);

}  // namespace briefing::page_text
