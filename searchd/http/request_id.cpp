// Request ids (request_id.h).
#include "request_id.h"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <random>

#include <nlohmann/json.hpp>

namespace briefing::http {
namespace {

bool acceptable(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (unsigned char c : id)
    if (!(std::isalnum(c) || c == '.' || c == '_' || c == '-')) return false;
  return true;
}

std::string random_id() {
  // One generator per thread, seeded once: no lock on the request path.
  thread_local std::mt19937_64 generator{std::random_device{}()};
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(generator()));
  return text;
}

}  // namespace

std::string request_id_for(const std::string* sent) {
  return sent && acceptable(*sent) ? *sent : random_id();
}

void stamp_request_id(Response& response, const std::string& request_id) {
  if (response.content_type != "application/problem+json") return;
  // Problem documents are few and small, and every one is made by problem(): reading it back
  // here keeps the id out of every place that makes one.
  nlohmann::json document = nlohmann::json::parse(response.body, nullptr, false);
  if (!document.is_object()) return;
  document["request_id"] = request_id;
  response.body = document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace briefing::http
