// Reading one source file into briefings: size and encoding checks, then the reader for its kind.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "briefing.h"
#include "briefing_json.h"
#include "errors.h"
#include "source_files.h"

namespace briefing {

// Every limit skips what exceeds it (the file, or the one record of a file of several) with the
// reason; none truncates. The defaults and why are with each struct.
struct ReaderLimits {
  // Files read whole (a JSON document or array, Markdown, page text): larger ones are skipped.
  std::size_t max_file_bytes = 16 * 1024 * 1024;
  // JSON Lines are streamed and have no file limit: a longer line (one record) is skipped alone.
  std::size_t max_record_bytes = 16 * 1024 * 1024;
  JsonLimits json;
  BriefingLimits briefing;  // field lengths and entity counts, checked on every reader's output
};

struct ReadResult {
  std::vector<Briefing> briefings;
  std::vector<SourceProblem> problems;  // records skipped; with none read, the file failed whole
  bool file_failed = false;             // nothing in the file could be read
};

// One line of JSON Lines (one record of a file of several, so it needs its own id); throws
// InvalidBriefing naming the field and the reason.
Briefing briefing_from_json_line(std::string_view line, const ReaderLimits& limits);

// The reason an InvalidBriefing gives, with its field.
std::string describe(const InvalidBriefing& e);

// Reads the bytes of `file` (already loaded); `modified_year` is the page-text reader's fallback.
ReadResult read_source(const SourceFile& file, std::string_view bytes, int modified_year,
                       const ReaderLimits& limits = {});

}  // namespace briefing
