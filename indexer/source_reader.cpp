// Dispatch by kind. JSON files may hold one object, an array, or JSON Lines; a bad record in a
// file of several is skipped on its own, a file that cannot be read at all fails whole.
#include "source_reader.h"

#include "errors.h"
#include "markdown_reader.h"
#include "page_text_reader.h"
#include "utf8_text.h"

namespace briefing {
namespace {

using nlohmann::json;

std::string stem_of(const SourceFile& file) {
  return std::filesystem::path(file.path).stem().string();
}

// Every reader's briefings pass the same size limits, so no kind of file is a way around them.
Briefing within_limits(Briefing b, const ReaderLimits& limits) {
  check_limits(b, limits.briefing);
  return b;
}

void read_records(const SourceFile& file, const json& array, const ReaderLimits& limits,
                  ReadResult& out) {
  // In a file of several briefings each needs its own id (design.md).
  for (std::size_t i = 0; i < array.size(); ++i) {
    try {
      if (!array[i].is_object() || !array[i].contains("id"))
        throw InvalidBriefing("id", "is required for each briefing in a file of several");
      out.briefings.push_back(within_limits(briefing_from_json(array[i]), limits));
    } catch (const InvalidBriefing& e) {
      out.problems.push_back({file.path + ": [" + std::to_string(i) + "]", describe(e)});
    }
  }
}

void read_json_lines(const SourceFile& file, std::string_view text, const ReaderLimits& limits,
                     ReadResult& out) {
  std::size_t line_no = 0, start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    ++line_no;
    start = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
      if (end == text.size()) break;
      continue;
    }
    try {
      out.briefings.push_back(briefing_from_json_line(line, limits));
    } catch (const InvalidBriefing& e) {
      out.problems.push_back({file.path + ":" + std::to_string(line_no), describe(e)});
    }
    if (end == text.size()) break;
  }
}

void read_json(const SourceFile& file, std::string_view text, const ReaderLimits& limits,
               ReadResult& out) {
  const std::size_t bad = invalid_utf8_offset(text);
  json parsed;
  try {
    if (bad != std::string_view::npos)
      throw InvalidBriefing("", "not valid UTF-8 (byte " + std::to_string(bad) + ")");
    parsed = parse_json_text(text, limits.json);
  } catch (const InvalidBriefing&) {
    // A .json file that is really JSON Lines (one briefing read from a line of its own, among
    // two or more lines) is read as such, a bad line skipped alone; else the first error stands.
    ReadResult lines;
    read_json_lines(file, text, limits, lines);
    if (!lines.briefings.empty() && lines.briefings.size() + lines.problems.size() >= 2) {
      out = std::move(lines);
      return;
    }
    throw;
  }
  if (parsed.is_array()) return read_records(file, parsed, limits, out);
  out.briefings.push_back(within_limits(briefing_from_json(parsed, stem_of(file)), limits));
}

}  // namespace

std::string describe(const InvalidBriefing& e) {
  return e.field().empty() ? e.reason() : e.field() + ": " + e.reason();
}

Briefing briefing_from_json_line(std::string_view line, const ReaderLimits& limits) {
  // Checked per line, so that one line of bad bytes costs that line, not the file.
  if (std::size_t bad = invalid_utf8_offset(line); bad != std::string_view::npos)
    throw InvalidBriefing("", "not valid UTF-8 (byte " + std::to_string(bad) + " of the line)");
  json object = parse_json_text(line, limits.json);
  if (!object.is_object() || !object.contains("id"))
    throw InvalidBriefing("id", "is required for each briefing in a file of several");
  return within_limits(briefing_from_json(object), limits);
}

ReadResult read_source(const SourceFile& file, std::string_view bytes, int modified_year,
                       const ReaderLimits& limits) {
  ReadResult out;
  const std::string& where = file.path;
  auto fail = [&](std::string reason) {
    out.briefings.clear();
    out.problems = {{where, std::move(reason)}};
    out.file_failed = true;
    return out;
  };
  if (bytes.size() > limits.max_file_bytes)
    return fail("file is " + std::to_string(bytes.size()) + " bytes, over the limit of " +
                std::to_string(limits.max_file_bytes));
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);  // a byte order mark
  if (bytes.find_first_not_of(" \t\r\n") == std::string_view::npos) return fail("file is empty");
  // JSON and JSON Lines check each line (or the whole text) themselves: see read_json.
  const bool json_kind = file.kind == SourceKind::kJson || file.kind == SourceKind::kJsonLines;
  if (std::size_t bad = invalid_utf8_offset(bytes); !json_kind && bad != std::string_view::npos)
    return fail("not valid UTF-8 (byte " + std::to_string(bad) + ")");
  try {
    switch (file.kind) {
      case SourceKind::kJson:
        read_json(file, bytes, limits, out);
        break;
      case SourceKind::kJsonLines:
        read_json_lines(file, bytes, limits, out);
        break;
      case SourceKind::kMarkdown:
        out.briefings.push_back(within_limits(read_markdown(bytes, stem_of(file)), limits));
        break;
      case SourceKind::kPageText:
        out.briefings.push_back(
            within_limits(read_page_text(bytes, stem_of(file), modified_year), limits));
        break;
    }
  } catch (const InvalidBriefing& e) {
    return fail(describe(e));
  }
  if (out.briefings.empty() && !out.problems.empty()) out.file_failed = true;
  if (out.briefings.empty() && out.problems.empty()) return fail("file holds no briefing");
  return out;
}

}  // namespace briefing
