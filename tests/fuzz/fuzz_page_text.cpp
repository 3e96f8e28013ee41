// libFuzzer target: the page-text reader never crashes, hangs or leaks on any bytes.
#include <cstdint>
#include <string_view>

#include "errors.h"
#include "page_text_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    briefing::read_page_text(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz",
                             2026);
  } catch (const briefing::InvalidBriefing&) {
  }
  return 0;
}
