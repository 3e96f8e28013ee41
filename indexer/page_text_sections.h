// The sections of page text: the fixed section headings that split a page, and its text lines
// grouped under them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace briefing::page_text {

enum class Section {
  kHeader,  // everything before the first section heading
  kKeyTakeaway,
  kDeepAnalysis,
  kPlainEnglish,
  kRootCauses,
  kOutlook,
  kFirstReported,
  kCausesEffects,
  kPerspectives,
};

struct SectionLines {
  Section section;
  std::vector<std::string> lines;  // text lines only, in page order
};

// Splits the page at its section headings; the first entry is the header. Accepts "\n", "\r\n"
// and lone "\r" line ends.
std::vector<SectionLines> split_sections(std::string_view text);

}  // namespace briefing::page_text
