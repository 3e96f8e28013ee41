// search_latency: p50/p99 of ten representative queries, in process (the search library) and over
// HTTP (a running searchd, keep-alive), with the time spent in facets, snippets and related
// events. Each query's hit total must agree between the two paths before any time is reported.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "search_params.h"
#include "searcher.h"

namespace {

using Clock = std::chrono::steady_clock;

struct QueryCase {
  const char* label;
  const char* query_string;  // as sent to /search
};

// Single words rare and common, AND, phrase, OR, NOT, prefix, facet filter, date range, browse.
const QueryCase kQueries[] = {
    {"common word", "q=vulnerability"},
    {"rare word", "q=telerik"},
    {"two words", "q=remote+code+execution"},
    {"phrase", "q=%22privilege+escalation%22"},
    {"OR", "q=fortinet+OR+citrix"},
    {"NOT", "q=ransomware+-windows"},
    {"prefix", "q=exploi*"},
    {"facet filter", "q=exploit&vendor=Microsoft&region=US"},
    {"date range", "q=patch&from=2025-01-01&to=2025-06-30"},
    {"browse", "q="},
};

// A keep-alive HTTP/1.1 client over one loopback connection.
class HttpConnection {
 public:
  explicit HttpConnection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
      throw std::runtime_error("cannot connect to searchd on port " + std::to_string(port));
  }
  ~HttpConnection() { ::close(fd_); }

  std::string get(const std::string& target) {
    std::string request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    if (::send(fd_, request.data(), request.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(request.size()))
      throw std::runtime_error("send failed");
    std::string buffer;
    std::size_t head_end;
    while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) read_more(buffer);
    std::string head = buffer.substr(0, head_end);
    if (head.compare(9, 3, "200") != 0)
      throw std::runtime_error("HTTP " + head.substr(9, 3) + " for " + target);
    auto at = head.find("Content-Length: ");
    if (at == std::string::npos) throw std::runtime_error("no Content-Length");
    std::size_t length = std::stoul(head.substr(at + 16));
    while (buffer.size() < head_end + 4 + length) read_more(buffer);
    return buffer.substr(head_end + 4, length);
  }

 private:
  void read_more(std::string& buffer) {
    char chunk[65536];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) throw std::runtime_error("connection closed");
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
  int fd_;
};

briefing::http::Request as_request(const std::string& query_string) {
  briefing::http::Request r;
  std::size_t start = 0;
  while (start < query_string.size()) {
    std::size_t end = query_string.find('&', start);
    if (end == std::string::npos) end = query_string.size();
    std::string pair = query_string.substr(start, end - start);
    std::size_t eq = pair.find('=');
    std::string key = pair.substr(0, eq),
                value = eq == std::string::npos ? "" : pair.substr(eq + 1), decoded;
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (value[i] == '+')
        decoded += ' ';
      else if (value[i] == '%' && i + 2 < value.size())
        decoded += static_cast<char>(std::stoi(value.substr(i + 1, 2), nullptr, 16)), i += 2;
      else
        decoded += value[i];
    }
    r.params.emplace_back(key, decoded);
    start = end + 1;
  }
  return r;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  std::size_t i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  std::string db;
  int port = 0, runs = 50;
  CLI::App app{"p50/p99 of /search for ten queries, in process and over HTTP"};
  app.add_option("--db", db, "Index path")->required();
  app.add_option("--port", port, "Port of a searchd serving the same index (HTTP column)");
  app.add_option("--runs", runs, "Runs per query")->check(CLI::Range(5, 100000));
  CLI11_PARSE(app, argc, argv);

  try {
    briefing::Searcher searcher(db);
    std::unique_ptr<HttpConnection> http;
    if (port) http = std::make_unique<HttpConnection>(port);
    const auto now = static_cast<std::int64_t>(std::time(nullptr));

    std::printf("%-13s %7s | %9s %9s | %9s %9s | %9s %9s | %8s %8s %8s\n", "query", "total",
                "proc p50", "proc p99", "http p50", "http p99", "-facets", "-snippets", "facets",
                "snippets", "related");
    std::vector<double> all_proc, all_http;
    for (const QueryCase& q : kQueries) {
      briefing::SearchRequest request =
          briefing::parse_search_request(as_request(q.query_string), now);
      std::vector<double> proc, web;
      double snippets = 0, related = 0;
      std::uint64_t total = 0;
      for (int i = 0; i < runs; ++i) {
        auto t = Clock::now();
        briefing::SearchResult r = searcher.search(request);
        proc.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t).count());
        snippets += r.snippets_ms;
        related += r.related_ms;
        total = r.total;
      }
      if (total == 0)
        throw std::runtime_error(std::string("no hits for ") + q.label + ": wrong index?");
      // The same query without facet counting, and without snippets: the differences in p50
      // are what each costs (counting in the main pass cannot be timed apart otherwise).
      auto p50_without = [&](bool facets_on, bool snippets_on) {
        briefing::SearchRequest r = request;
        r.facets = facets_on;
        r.snippets = snippets_on;
        std::vector<double> t;
        for (int i = 0; i < runs; ++i) {
          auto start = Clock::now();
          if (searcher.search(r).total != total) throw std::runtime_error("totals differ");
          t.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        }
        return percentile(t, 0.5);
      };
      const double p50 = percentile(proc, 0.5);
      const double no_facets = p50_without(false, true), no_snippets = p50_without(true, false);
      if (http) {
        for (int i = 0; i < runs; ++i) {
          auto t = Clock::now();
          std::string body = http->get(std::string("/search?") + q.query_string);
          web.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t).count());
          if (i == 0 && nlohmann::json::parse(body)["total"] != total)
            throw std::runtime_error(std::string("HTTP and in-process totals differ for ") +
                                     q.label);
        }
      }
      all_proc.insert(all_proc.end(), proc.begin(), proc.end());
      all_http.insert(all_http.end(), web.begin(), web.end());
      std::printf("%-13s %7llu | %9.2f %9.2f | %9.2f %9.2f | %9.2f %9.2f | %8.2f %8.2f %8.2f\n",
                  q.label, static_cast<unsigned long long>(total), p50, percentile(proc, 0.99),
                  web.empty() ? 0.0 : percentile(web, 0.5),
                  web.empty() ? 0.0 : percentile(web, 0.99), no_facets, no_snippets,
                  std::max(0.0, p50 - no_facets), snippets / runs, related / runs);
    }
    std::printf("%-13s %7s | %9.2f %9.2f | %9.2f %9.2f |\n", "all", "", percentile(all_proc, 0.5),
                percentile(all_proc, 0.99), all_http.empty() ? 0.0 : percentile(all_http, 0.5),
                all_http.empty() ? 0.0 : percentile(all_http, 0.99));
    std::printf(
        "(ms. -facets, -snippets: p50 without them; facets = p50 - p50 without facets;\n"
        " snippets, related: mean ms per query spent building them for the page of hits)\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "search_latency: %s\n", e.what());
    return 1;
  }
  return 0;
}
