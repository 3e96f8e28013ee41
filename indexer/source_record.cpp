// Source records as metadata values: "HASH COUNT [@STAT] PATH", the path last since it may hold
// spaces. A path is absolute or "-", so a field starting with '@' cannot be one.
#include "source_record.h"

#include <charconv>

#include "content_hash.h"
#include "index_layout.h"

namespace briefing {

SourceKey source_key(std::string_view path) {
  return content_hash_bits(path);
}

std::string metadata_key(const SourceKey& key) {
  return std::string(layout::kSourceKeyPrefix) + to_hex(key);
}

std::optional<SourceKey> source_key_of(std::string_view metadata_key) {
  if (metadata_key.substr(0, layout::kSourceKeyPrefix.size()) != layout::kSourceKeyPrefix)
    return std::nullopt;
  return from_hex(metadata_key.substr(layout::kSourceKeyPrefix.size()));
}

std::string encode(const SourceRecord& r) {
  std::string out = r.hash + " " + std::to_string(r.briefings) + " ";
  if (r.stat) out += encode_stat(*r.stat) + " ";
  return out + r.path;
}

// Parsed by hand: an incremental run decodes one record per source file before it reads any.
std::optional<SourceRecordView> decode_view(std::string_view value) {
  std::string_view rest = value;
  auto next_field = [&rest]() {
    std::size_t space = rest.find(' ');
    std::string_view field = rest.substr(0, space);
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    return field;
  };
  SourceRecordView r;
  r.hash = next_field();
  std::string_view count = next_field();
  auto [end, ec] = std::from_chars(count.data(), count.data() + count.size(), r.briefings);
  if (r.hash.empty() || count.empty() || ec != std::errc() || end != count.data() + count.size())
    return std::nullopt;
  if (!rest.empty() && rest.front() == '@') r.stat = decode_stat(next_field());
  r.path = rest;
  return r;
}

std::optional<SourceRecord> decode(const std::string& value) {
  auto view = decode_view(value);
  if (!view) return std::nullopt;
  return SourceRecord{std::string(view->hash), view->briefings, std::string(view->path),
                      view->stat};
}

}  // namespace briefing
