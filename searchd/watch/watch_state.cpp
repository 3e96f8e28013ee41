// Watch state as JSON, and its crash-safe write.
#include "watch_state.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace briefing::watch {
namespace {

using nlohmann::json;

json delivery_json(const Delivery& d) {
  return {{"id", d.id},
          {"body", d.body},
          {"attempts", d.attempts},
          {"next_attempt_ms", d.next_attempt_ms},
          {"last_error", d.last_error}};
}

Delivery delivery_from(const json& j) {
  return {j.at("id").get<std::string>(), j.at("body").get<std::string>(),
          j.at("attempts").get<int>(), j.at("next_attempt_ms").get<std::int64_t>(),
          j.at("last_error").get<std::string>()};
}

json record_json(const WatchRecord& r) {
  json seen = json::array(), pending = json::array(), failed = json::array();
  for (const SeenBriefing& s : r.seen) seen.push_back({s.id, s.content_hash, s.indexed_at});
  for (const Delivery& d : r.pending) pending.push_back(delivery_json(d));
  for (const Delivery& d : r.failed) failed.push_back(delivery_json(d));
  return {{"high_water", r.high_water ? json(*r.high_water) : json(nullptr)},
          {"seen", seen},
          {"pending", pending},
          {"failed", failed},
          {"delivered", r.delivered},
          {"failures", r.failures},
          {"last_delivery", r.last_delivery},
          {"last_error", r.last_error}};
}

WatchRecord record_from(const json& j) {
  WatchRecord r;
  if (!j.at("high_water").is_null()) r.high_water = j.at("high_water").get<std::int64_t>();
  for (const json& s : j.at("seen"))
    r.seen.push_back(
        {s.at(0).get<std::string>(), s.at(1).get<std::string>(), s.at(2).get<std::int64_t>()});
  for (const json& d : j.at("pending")) r.pending.push_back(delivery_from(d));
  for (const json& d : j.at("failed")) r.failed.push_back(delivery_from(d));
  r.delivered = j.at("delivered").get<std::uint64_t>();
  r.failures = j.at("failures").get<std::uint64_t>();
  r.last_delivery = j.at("last_delivery").get<std::string>();
  r.last_error = j.at("last_error").get<std::string>();
  return r;
}

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw std::runtime_error(what + " " + path + ": " + std::strerror(errno));
}

void write_all(int fd, const std::string& bytes, const std::string& path) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot write", path);
    done += static_cast<std::size_t>(n);
  }
}

void fsync_folder(const std::string& path) {
  std::string folder = std::filesystem::path(path).parent_path().string();
  if (folder.empty()) folder = ".";
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail("cannot open the folder of", path);
  const int synced = ::fsync(fd);
  ::close(fd);
  if (synced != 0) fail("cannot fsync the folder of", path);
}

}  // namespace

std::string state_to_json(const WatchState& state) {
  json watches = json::object();
  for (const auto& [name, record] : state.watches) watches[name] = record_json(record);
  return json{{"version", 1}, {"watches", watches}}.dump(1) + "\n";
}

WatchState state_from_json(const std::string& text) {
  const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) throw std::runtime_error("not a JSON object");
  if (doc.value("version", 0) != 1) throw std::runtime_error("not version 1");
  WatchState state;
  try {
    for (const auto& [name, record] : doc.at("watches").items())
      state.watches[name] = record_from(record);
  } catch (const json::exception& e) {
    throw std::runtime_error(std::string("a field is missing or of the wrong type: ") + e.what());
  }
  return state;
}

WatchState load_state(const std::string& path) {
  if (!std::filesystem::exists(path)) return {};
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read the watch state " + path);
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return state_from_json(text.str());
  } catch (const std::runtime_error& e) {
    throw std::runtime_error("watch state " + path + ": " + e.what());
  }
}

void save_state(const WatchState& state, const std::string& path) {
  const std::string temp = path + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) fail("cannot create", temp);
  try {
    write_all(fd, state_to_json(state), temp);
    if (::fsync(fd) != 0) fail("cannot fsync", temp);
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) fail("cannot close", temp);
  if (::rename(temp.c_str(), path.c_str()) != 0) fail("cannot rename over", path);
  fsync_folder(path);
}

}  // namespace briefing::watch
