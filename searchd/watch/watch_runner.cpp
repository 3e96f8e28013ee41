// The watch runner's threads and their shared record. One mutex guards the watches, the state and
// the counters; nothing slow runs under it except the state file's fsync'd write (a delivery is
// recorded as done only once that write has happened), never a search or a POST.
#include "watch_runner.h"

#include <sys/stat.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "timestamp.h"
#include "watch_delivery.h"
#include "watch_file.h"
#include "watch_scan.h"
#include "watch_state.h"
#include "webhook_client.h"

namespace briefing::watch {
namespace {

using nlohmann::json;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::int64_t now_seconds() {
  return now_ms() / 1000;
}

// What tells an edited file from the one read last.
std::string file_stamp(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "";
  return std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) + "/" +
         std::to_string(st.st_size) + "/" + std::to_string(st.st_ino);
}

struct Counters {
  std::uint64_t delivered = 0, failed_attempts = 0, gave_up = 0;
};

}  // namespace

struct WatchRunner::Impl {
  Impl(Searcher& s, std::string watches_file, std::string state_file)
      : searcher(s), watches_path(std::move(watches_file)), state_path(std::move(state_file)) {}

  void scan_loop();
  void reload_if_changed();
  void look_if_new_revision();
  void apply_looks(std::map<std::string, Look>& looks, const std::string& looked);
  void deliver_loop(const std::string& name);
  void deliver_front(std::unique_lock<std::mutex>& lock, const std::string& name,
                     const Webhook& hook);
  void save_locked();
  void start_workers_locked();
  const Watch* find_watch(const std::string& name) const;

  Searcher& searcher;
  const std::string watches_path, state_path;
  mutable std::mutex mutex;
  std::condition_variable scanner_wake, delivery_wake;
  bool started = false, stopping = false;
  std::vector<Watch> watches;
  std::string watches_stamp, reload_problem;
  std::uint64_t watches_version = 0;
  WatchState state;
  std::map<std::string, Counters> counters;
  std::string looked_at;  // the index revision and watches version last looked at
  std::string save_problem;
  std::thread scanner;
  std::map<std::string, std::thread> workers;
};

const Watch* WatchRunner::Impl::find_watch(const std::string& name) const {
  for (const Watch& w : watches)
    if (w.name == name) return &w;
  return nullptr;
}

void WatchRunner::Impl::save_locked() {
  try {
    save_state(state, state_path);
    save_problem.clear();
  } catch (const std::exception& e) {
    if (e.what() != save_problem)
      std::fprintf(stderr, "searchd: watches: %s (kept in memory; retried at the next change)\n",
                   e.what());
    save_problem = e.what();
  }
}

void WatchRunner::Impl::start_workers_locked() {
  for (const Watch& w : watches)
    if (!workers.count(w.name))
      workers.emplace(w.name, std::thread(&Impl::deliver_loop, this, w.name));
}

void WatchRunner::Impl::reload_if_changed() {
  const std::string stamp = file_stamp(watches_path);
  {
    std::lock_guard lock(mutex);
    if (stamp == watches_stamp) return;
  }
  try {
    std::vector<Watch> fresh = read_watches_file(watches_path, now_seconds());
    std::lock_guard lock(mutex);
    watches = std::move(fresh);
    watches_stamp = stamp;
    ++watches_version;
    reload_problem.clear();
    std::fprintf(stderr, "searchd: re-read %s: %zu watches\n", watches_path.c_str(),
                 watches.size());
    start_workers_locked();
    delivery_wake.notify_all();
  } catch (const std::exception& e) {
    std::lock_guard lock(mutex);
    if (e.what() != reload_problem)
      std::fprintf(stderr, "searchd: %s; keeping the last %zu watches\n", e.what(), watches.size());
    reload_problem = e.what();
  }
}

void WatchRunner::Impl::look_if_new_revision() {
  const IndexStatus status = searcher.status();
  std::vector<Watch> current;
  std::map<std::string, WatchRecord> positions;
  std::string looked;
  {
    std::lock_guard lock(mutex);
    looked = status.uuid + "/" + status.generation + "/" + std::to_string(status.revision) + "#" +
             std::to_string(watches_version);
    if (looked == looked_at) return;
    current = watches;
    for (const Watch& w : current) {
      const WatchRecord& r = state.watches[w.name];
      positions[w.name].high_water = r.high_water;
      positions[w.name].seen = r.seen;
    }
  }
  std::map<std::string, Look> looks;
  for (const Watch& w : current)
    looks[w.name] = look_for_changes(searcher, w, positions[w.name], now_seconds());
  apply_looks(looks, looked);
}

void WatchRunner::Impl::apply_looks(std::map<std::string, Look>& looks, const std::string& looked) {
  std::lock_guard lock(mutex);
  bool more = false;
  for (auto& [name, look] : looks) {
    WatchRecord& r = state.watches[name];
    r.high_water = look.high_water;
    r.seen = std::move(look.seen);
    for (Delivery& d : look.queued) r.pending.push_back(std::move(d));
    more = more || look.more;
  }
  looked_at = more ? "" : looked;
  save_locked();
  delivery_wake.notify_all();
}

// Once a second: the watches file, then the index. A look that fails (the index unreadable for a
// moment) is logged and tried again at the next tick, from the same position.
void WatchRunner::Impl::scan_loop() {
  std::string last_problem;
  std::unique_lock lock(mutex);
  while (!stopping) {
    lock.unlock();
    reload_if_changed();
    try {
      look_if_new_revision();
      last_problem.clear();
    } catch (const std::exception& e) {
      if (e.what() != last_problem)
        std::fprintf(stderr, "searchd: watches: cannot look at the index: %s\n", e.what());
      last_problem = e.what();
    }
    lock.lock();
    scanner_wake.wait_for(lock, std::chrono::seconds(1), [this] { return stopping; });
  }
}

void WatchRunner::Impl::deliver_front(std::unique_lock<std::mutex>& lock, const std::string& name,
                                      const Webhook& hook) {
  const Delivery front = state.watches[name].pending.front();
  lock.unlock();
  const WebhookAnswer answer = post_json(hook, front.body, kAnswerTimeoutMs);
  lock.lock();
  const std::int64_t now = now_ms();
  const Outcome outcome =
      settle(state.watches[name], front.id, answer, now, format_timestamp(now / 1000));
  Counters& c = counters[name];
  if (outcome == Outcome::delivered) ++c.delivered;
  if (outcome == Outcome::retrying || outcome == Outcome::gave_up) ++c.failed_attempts;
  if (outcome == Outcome::gave_up) {
    ++c.gave_up;
    std::fprintf(stderr, "searchd: watch %s: gave up on %s after %d attempts: %s\n", name.c_str(),
                 front.id.c_str(), kMaxAttempts, answer.error.c_str());
  } else if (outcome == Outcome::retrying && front.attempts == 0) {
    std::fprintf(stderr, "searchd: watch %s: %s (retrying)\n", name.c_str(), answer.error.c_str());
  }
  if (outcome != Outcome::stale) save_locked();
}

// One per watch name, for the runner's lifetime: sends the watch's queue in order, each
// delivery when its retry is due; idle while the watch is not in the file.
void WatchRunner::Impl::deliver_loop(const std::string& name) {
  std::unique_lock lock(mutex);
  while (!stopping) {
    const Watch* watch = find_watch(name);
    const WatchRecord& record = state.watches[name];
    if (!watch || record.pending.empty()) {
      delivery_wake.wait_for(lock, std::chrono::seconds(1));
      continue;
    }
    const std::int64_t wait = record.pending.front().next_attempt_ms - now_ms();
    if (wait > 0) {
      delivery_wake.wait_for(lock, std::chrono::milliseconds(wait));
      continue;
    }
    const Webhook hook = watch->webhook;
    deliver_front(lock, name, hook);
  }
}

WatchRunner::WatchRunner(Searcher& searcher, std::string watches_path, std::string state_path)
    : impl_(std::make_unique<Impl>(searcher, std::move(watches_path), std::move(state_path))) {
  impl_->watches_stamp = file_stamp(impl_->watches_path);
  impl_->watches = read_watches_file(impl_->watches_path, now_seconds());
  impl_->state = load_state(impl_->state_path);
  // After a restart every pending delivery is due at once: its backoff began in the last run.
  for (auto& [name, record] : impl_->state.watches)
    for (Delivery& d : record.pending) d.next_attempt_ms = 0;
  save_state(impl_->state, impl_->state_path);  // the state path is writable, or searchd stops
}

WatchRunner::~WatchRunner() {
  stop();
}

void WatchRunner::start() {
  std::lock_guard lock(impl_->mutex);
  if (impl_->started) return;
  impl_->started = true;
  impl_->start_workers_locked();
  impl_->scanner = std::thread(&Impl::scan_loop, impl_.get());
}

void WatchRunner::stop() {
  {
    std::lock_guard lock(impl_->mutex);
    if (!impl_->started || impl_->stopping) return;
    impl_->stopping = true;
  }
  impl_->scanner_wake.notify_all();
  impl_->delivery_wake.notify_all();
  impl_->scanner.join();
  for (auto& [name, worker] : impl_->workers) worker.join();
}

std::string WatchRunner::report_json() const {
  std::lock_guard lock(impl_->mutex);
  json out = json::array();
  for (const Watch& w : impl_->watches) {
    json filters = json::object();
    std::string q;
    for (const auto& [key, value] : w.params)
      if (key == "q")
        q = value;
      else
        filters[key].push_back(value);
    const auto found = impl_->state.watches.find(w.name);
    const WatchRecord record = found == impl_->state.watches.end() ? WatchRecord{} : found->second;
    json failed = json::array();
    for (const Delivery& d : record.failed)
      failed.push_back({{"delivery_id", d.id}, {"attempts", d.attempts}, {"error", d.last_error}});
    out.push_back(
        {{"name", w.name},
         {"q", q},
         {"filters", filters},
         {"webhook", w.webhook.url},
         {"high_water",
          record.high_water ? json(format_timestamp(*record.high_water)) : json(nullptr)},
         {"last_delivery",
          record.last_delivery.empty() ? json(nullptr) : json(record.last_delivery)},
         {"delivered", record.delivered},
         {"pending", record.pending.size()},
         {"failures", record.failures},
         {"last_error", record.last_error.empty() ? json(nullptr) : json(record.last_error)},
         {"failed", failed}});
  }
  return json{{"watches", out}}.dump();
}

std::string WatchRunner::metrics_text() const {
  std::lock_guard lock(impl_->mutex);
  std::string deliveries, attempts, failures, pending;
  for (const Watch& w : impl_->watches) {
    const std::string label = "{watch=\"" + w.name + "\"} ";
    const Counters c = impl_->counters.count(w.name) ? impl_->counters.at(w.name) : Counters{};
    const auto found = impl_->state.watches.find(w.name);
    const std::size_t queued =
        found == impl_->state.watches.end() ? 0 : found->second.pending.size();
    deliveries += "briefing_watch_deliveries_total" + label + std::to_string(c.delivered) + "\n";
    attempts +=
        "briefing_watch_failed_attempts_total" + label + std::to_string(c.failed_attempts) + "\n";
    failures += "briefing_watch_failures_total" + label + std::to_string(c.gave_up) + "\n";
    pending += "briefing_watch_pending" + label + std::to_string(queued) + "\n";
  }
  return "# HELP briefing_watch_deliveries_total Briefings a watch's webhook answered 2xx for.\n"
         "# TYPE briefing_watch_deliveries_total counter\n" +
         deliveries +
         "# HELP briefing_watch_failed_attempts_total POSTs to a webhook that failed (retried).\n"
         "# TYPE briefing_watch_failed_attempts_total counter\n" +
         attempts +
         "# HELP briefing_watch_failures_total Deliveries given up after every attempt failed.\n"
         "# TYPE briefing_watch_failures_total counter\n" +
         failures +
         "# HELP briefing_watch_pending Deliveries waiting for their webhook.\n"
         "# TYPE briefing_watch_pending gauge\n" +
         pending;
}

}  // namespace briefing::watch
