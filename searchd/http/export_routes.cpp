// /export (export_routes.h). Everything that can be wrong with the request is found before the
// head is sent (parameters, the key, a busy server, an unreadable index), so it is a problem
// document; afterwards only a fault can end the answer, which then lacks its last chunk.
#include "export_routes.h"

#include <atomic>
#include <charconv>
#include <ctime>

#include "busy_error.h"
#include "export_format.h"
#include "stix_ids.h"
#include "timestamp.h"

namespace briefing {
namespace {

// Pieces of the body are sent once they reach this size.
constexpr std::size_t kChunkBytes = 64 * 1024;

ExportFormatInfo format_param(const http::Request& request) {
  const std::string* name = request.first("format");
  if (!name || name->empty())
    throw http::HttpError(400, "Bad request",
                          "parameter 'format' is missing: give csv, ndjson or stix");
  auto format = export_format(*name);
  if (!format) {
    std::string shown = name->size() > 40 ? name->substr(0, 40) + "..." : *name;
    throw http::HttpError(400, "Bad request",
                          "parameter 'format' = '" + shown + "': must be csv, ndjson or stix");
  }
  return *format;
}

// limit= asks for fewer than the cap; more than the cap is a mistake, not a silent cut.
std::size_t limit_param(const http::Request& request, std::size_t cap) {
  const std::string* text = request.first("limit");
  if (!text || text->empty()) return cap;
  std::size_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < 1 || value > cap)
    throw http::HttpError(400, "Bad request",
                          "parameter 'limit' = '" + text->substr(0, 40) +
                              "': must be a whole number from 1 to " + std::to_string(cap) +
                              " (searchd --export-limit)");
  return value;
}

// One of ExportLimits::max_running, held from before the export is planned until its answer,
// streamed or not, is dropped.
class RunningExport {
 public:
  RunningExport(std::atomic<int>& running, int max) : running_(running) {
    if (running_.fetch_add(1) >= max) {
      running_.fetch_sub(1);
      throw http::HttpError(503, "Service unavailable",
                            std::to_string(max) + " exports are running; try again shortly");
    }
  }
  ~RunningExport() { running_.fetch_sub(1); }
  RunningExport(const RunningExport&) = delete;
  RunningExport& operator=(const RunningExport&) = delete;

 private:
  std::atomic<int>& running_;
};

std::unique_ptr<ResultExport> open_or_busy(Searcher& searcher, const ExportRequest& request) {
  return unless_busy([&] { return searcher.open_export(request); });
}

// "briefings-20261202T071500Z.csv": when it was taken, with no character a file system minds.
std::string file_name(std::int64_t now, const ExportFormatInfo& format) {
  std::string stamp;
  for (char c : format_timestamp(now))
    if (c != '-' && c != ':') stamp += c;
  return "briefings-" + stamp + "." + format.extension;
}

void describe(http::Response& r, const ExportSummary& summary, std::size_t limit) {
  r.headers.emplace_back("X-Export-Total", std::to_string(summary.total));
  r.headers.emplace_back("X-Export-Count", std::to_string(summary.exported));
  r.headers.emplace_back("X-Export-Limit", std::to_string(limit));
  r.headers.emplace_back("X-Export-Truncated", summary.truncated ? "true" : "false");
  r.headers.emplace_back("X-Index-Revision", std::to_string(summary.revision));
}

// The body: batches read as the client takes the chunks, so memory holds one batch and a chunk.
void stream_body(ResultExport& walk, ExportEncoder& encoder,
                 const http::Response::ChunkSink& sink) {
  std::string out;
  out.reserve(2 * kChunkBytes);
  encoder.begin(out);
  std::vector<std::string> batch;
  while (walk.next_batch(batch))
    for (const std::string& stored : batch) {
      encoder.add(stored, out);
      if (out.size() < kChunkBytes) continue;
      if (!sink(out)) return;  // the client is gone
      out.clear();
    }
  encoder.end(out);
  sink(out);
}

struct ExportRoute {
  ExportRoute(Searcher& s, const SearchLimits& l, const ExportLimits& e)
      : searcher(s), limits(l), exports(e) {}
  Searcher& searcher;
  SearchLimits limits;
  ExportLimits exports;
  std::atomic<int> running{0};
};

http::Response export_response(ExportRoute& route, const http::Request& request) {
  const SearchLimits& limits = route.limits;
  const ExportLimits& exports = route.exports;
  const ExportFormatInfo format = format_param(request);
  const auto now = static_cast<std::int64_t>(std::time(nullptr));
  ExportRequest ex;
  ex.limit = limit_param(request, exports.max_briefings);
  ex.batch = exports.batch;
  ex.search = parse_search_request(request, now, limits);
  auto slot = std::make_shared<RunningExport>(route.running, exports.max_running);
  std::shared_ptr<ResultExport> walk = open_or_busy(route.searcher, ex);
  const std::string bundle_id =
      stix_id("bundle", std::to_string(walk->summary().revision) + " " + std::to_string(now) + " " +
                            request.raw_query);
  std::shared_ptr<ExportEncoder> encoder = make_export_encoder(format.format, bundle_id);
  http::Response r;
  r.content_type = format.media_type;
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"" + file_name(now, format) + "\"");
  describe(r, walk->summary(), ex.limit);
  r.stream = [slot, walk, encoder](const http::Response::ChunkSink& sink) {
    stream_body(*walk, *encoder, sink);
  };
  return r;
}

}  // namespace

void register_export_routes(http::Server& server, Searcher& searcher, const SearchLimits& limits,
                            const ExportLimits& exports) {
  auto route = std::make_shared<ExportRoute>(searcher, limits, exports);
  server.route("GET", "/export",
               [route](const http::Request& request) { return export_response(*route, request); });
}

}  // namespace briefing
