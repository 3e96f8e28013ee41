// Source records as metadata values: "HASH COUNT PATH", the path last since it may hold spaces.
#include "source_record.h"

#include <sstream>

#include "content_hash.h"
#include "index_layout.h"

namespace briefing {

std::string source_key(const std::string& path) {
  return std::string(layout::kSourceKeyPrefix) + content_hash(path);
}

std::string encode(const SourceRecord& r) {
  return r.hash + " " + std::to_string(r.briefings) + " " + r.path;
}

std::optional<SourceRecord> decode(const std::string& value) {
  std::istringstream in(value);
  SourceRecord r;
  if (!(in >> r.hash >> r.briefings)) return std::nullopt;
  in.get();
  std::getline(in, r.path, '\0');
  return r;
}

}  // namespace briefing
