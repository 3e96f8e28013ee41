// libFuzzer target: the Markdown reader (front matter, links, HTML, emphasis) on any bytes.
#include <cstdint>
#include <string_view>

#include "source_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  briefing::read_source({"/fuzz/20260101-x.md", briefing::SourceKind::kMarkdown}, bytes, 2026);
  return 0;
}
