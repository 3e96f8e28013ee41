// Page text line by line: each line is blank, site chrome, a label, a section heading or text;
// the text lines fall into the section of the heading above them.
#include "page_text_sections.h"

#include <array>
#include <cstddef>
#include <utility>

#include "page_text_chars.h"

namespace briefing::page_text {
namespace {

enum class LineKind { kBlank, kChrome, kLabel, kHeading, kText };

struct Line {
  LineKind kind = LineKind::kText;
  Section section = Section::kHeader;  // for headings
  std::string text;
};

struct HeadingName {
  std::string_view name;  // lower case, without a trailing colon
  Section section;
};

constexpr std::array<HeadingName, 12> kHeadings = {{
    {"key takeaway", Section::kKeyTakeaway},
    {"key takeaways", Section::kKeyTakeaway},
    {"deep analysis", Section::kDeepAnalysis},
    {"in plain english", Section::kPlainEnglish},
    {"root causes", Section::kRootCauses},
    {"root cause", Section::kRootCauses},
    {"what could happen next?", Section::kOutlook},
    {"what could happen next", Section::kOutlook},
    {"first reported in", Section::kFirstReported},
    {"causes and effects", Section::kCausesEffects},
    {"causes & effects", Section::kCausesEffects},
    {"different perspectives", Section::kPerspectives},
}};

// Navigation, banners and link labels of the site: never part of the briefing.
bool is_chrome(std::string_view key) {
  return key == "skip to content" || key == "read original" || key == "back to top" ||
         key.ends_with("see roadmap");
}

// What a line is, independent of where it stands; the section parsers read the rest.
Line classify(std::string_view raw) {
  Line line;
  line.text = normalise_line(raw);
  if (line.text.empty()) {
    line.kind = LineKind::kBlank;
    return line;
  }
  std::string key = ascii_lower(line.text);
  if (key.size() > 1 && key.back() == ':') key.pop_back();
  if (is_chrome(key)) {
    line.kind = LineKind::kChrome;
  } else if (key == "this event") {  // the label over the repeated title in "Causes and effects"
    line.kind = LineKind::kLabel;
  } else {
    for (const HeadingName& h : kHeadings) {
      if (key != h.name) continue;
      line.kind = LineKind::kHeading;
      line.section = h.section;
    }
  }
  return line;
}

}  // namespace

std::vector<SectionLines> split_sections(std::string_view text) {
  std::vector<SectionLines> sections{{Section::kHeader, {}}};
  while (!text.empty()) {
    std::size_t end = text.find_first_of("\r\n");
    Line line = classify(text.substr(0, end));
    if (line.kind == LineKind::kHeading) sections.push_back({line.section, {}});
    if (line.kind == LineKind::kText) sections.back().lines.push_back(std::move(line.text));
    if (end == std::string_view::npos) break;
    std::size_t next = end + (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n');
    text.remove_prefix(next + 1);
  }
  return sections;
}

}  // namespace briefing::page_text
