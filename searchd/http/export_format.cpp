// The three export encoders (export_format.h).
#include "export_format.h"

#include <array>
#include <cstdio>

#include "csv_writer.h"
#include "stix_writer.h"
#include "stored_briefing.h"

namespace briefing {
namespace {

constexpr std::array<ExportFormatInfo, 3> kFormats = {{
    {ExportFormat::kCsv, "csv", "text/csv; charset=utf-8", "csv"},
    {ExportFormat::kNdjson, "ndjson", "application/x-ndjson", "ndjson"},
    {ExportFormat::kStix, "stix", "application/stix+json", "stix.json"},
}};

// A stored document that is not a briefing cannot be written as a row or a report; it is named
// in the log and left out (the index is written only by the indexer, so this is a fault).
std::optional<Briefing> readable(std::string_view stored) {
  std::optional<Briefing> b = read_stored_briefing(stored);
  if (!b) std::fprintf(stderr, "searchd: export: a stored document is not a briefing; left out\n");
  return b;
}

class CsvEncoder : public ExportEncoder {
 public:
  void begin(std::string& out) override { append_csv_row(out, csv_columns()); }
  void add(std::string_view stored, std::string& out) override {
    if (auto b = readable(stored)) append_csv_row(out, csv_cells(*b));
  }
  void end(std::string&) override {}
};

// The stored JSON is one line already (compact, with newlines in strings escaped).
class NdjsonEncoder : public ExportEncoder {
 public:
  void begin(std::string&) override {}
  void add(std::string_view stored, std::string& out) override {
    out.append(stored);
    out += '\n';
  }
  void end(std::string&) override {}
};

class StixEncoder : public ExportEncoder {
 public:
  explicit StixEncoder(std::string bundle_id) : writer_(std::move(bundle_id)) {}
  void begin(std::string& out) override { writer_.begin(out); }
  void add(std::string_view stored, std::string& out) override {
    if (auto b = readable(stored)) writer_.add(*b, stored, out);
  }
  void end(std::string& out) override { writer_.end(out); }

 private:
  StixBundleWriter writer_;
};

}  // namespace

std::optional<ExportFormatInfo> export_format(std::string_view name) {
  for (const ExportFormatInfo& f : kFormats)
    if (name == f.name) return f;
  return std::nullopt;
}

std::unique_ptr<ExportEncoder> make_export_encoder(ExportFormat format, std::string bundle_id) {
  switch (format) {
    case ExportFormat::kCsv:
      return std::make_unique<CsvEncoder>();
    case ExportFormat::kNdjson:
      return std::make_unique<NdjsonEncoder>();
    case ExportFormat::kStix:
      return std::make_unique<StixEncoder>(std::move(bundle_id));
  }
  return nullptr;
}

}  // namespace briefing
