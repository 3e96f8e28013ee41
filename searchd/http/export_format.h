// The export formats: their names in format=, media types and file extensions, and the encoder
// that turns a stream of stored briefings into one of them, a piece at a time.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace briefing {

enum class ExportFormat { kCsv, kNdjson, kStix };

struct ExportFormatInfo {
  ExportFormat format;
  const char* name;  // as in format=
  const char* media_type;
  const char* extension;
};

// nullopt for a name that is not csv, ndjson or stix.
std::optional<ExportFormatInfo> export_format(std::string_view name);

class ExportEncoder {
 public:
  virtual ~ExportEncoder() = default;
  virtual void begin(std::string& out) = 0;
  // One briefing, given as its stored canonical JSON (what /briefings/{id} answers).
  virtual void add(std::string_view stored, std::string& out) = 0;
  virtual void end(std::string& out) = 0;
};

// `bundle_id` names the STIX bundle ("bundle--UUID"); the other formats do not use it.
std::unique_ptr<ExportEncoder> make_export_encoder(ExportFormat format, std::string bundle_id);

}  // namespace briefing
