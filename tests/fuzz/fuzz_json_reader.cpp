// libFuzzer target: JSON, arrays and JSON Lines through the same path as the indexer's files.
#include <cstdint>
#include <string_view>

#include "source_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  briefing::read_source({"/fuzz/x.json", briefing::SourceKind::kJson}, bytes, 2026);
  briefing::read_source({"/fuzz/x.jsonl", briefing::SourceKind::kJsonLines}, bytes, 2026);
  return 0;
}
