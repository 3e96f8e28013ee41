#include "parallel_build.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <thread>
#include <unordered_map>

#include "analyser.h"
#include "duplicate_groups.h"
#include "index_layout.h"
#include "order_key.h"

namespace briefing {
namespace fs = std::filesystem;

namespace {
// Briefings waiting per shard: enough to ride out a flush, few enough to bound memory.
constexpr std::size_t kQueueDepth = 64;
// Briefings a shard holds in memory before it writes them out. Xapian's default (10,000) keeps
// every new term's postings in one in-memory inverter whose flush is a long stall of sorting and
// merging; 1,000 made the 20,000-briefing build a fifth faster (12.2 -> 9.5 s) and its peak memory
// a sixth (README "Latency and build"); 500 and 2,000 measured no better.
constexpr Xapian::doccount kCommitEvery = 1000;
}  // namespace

void stamp_indexed_at(BuiltDocument& built, const std::optional<PriorVersion>& prior,
                      const std::string& source_path, const std::string& run_started) {
  const bool unchanged = prior && unchanged_from(*prior, built, source_path);
  const std::string& written = unchanged ? prior->indexed_at : run_started;
  built.document.add_value(layout::kIndexedAt, written);
  if (!written.empty())
    built.document.add_value(
        layout::kUpdatedKey,
        updated_key(static_cast<std::int64_t>(Xapian::sortable_unserialise(written)),
                    built.document.get_value(layout::kOrderKey)));
}

struct ParallelBuild::Shard {
  Shard(const fs::path& p, Extraction extraction)
      // No fsync: a shard is scratch, and only the compacted index it is merged into lands.
      : path(p),
        db(p.string(), Xapian::DB_CREATE | Xapian::DB_NO_SYNC),
        builder(analyser, extraction) {}

  // The shard's thread: builds and adds queued briefings until told to stop. After an error it
  // keeps draining the queue, so that add() never waits on a thread that has given up.
  void run(const OnBuilt& on_built, std::mutex& on_built_mutex) {
    std::unique_lock<std::mutex> lock(mutex);
    for (;;) {
      changed.wait(lock, [this] { return !queue.empty() || stopping; });
      if (queue.empty()) return;
      BuildJob job = std::move(queue.front());
      queue.pop_front();
      changed.notify_all();
      if (error) continue;
      lock.unlock();
      try {
        BuiltDocument built = builder.build(job.briefing, job.source_path);
        stamp_indexed_at(built, job.prior, job.source_path, job.run_started);
        {
          std::lock_guard<std::mutex> report(on_built_mutex);
          on_built(job, built);
        }
        db.add_document(built.document);
        if (++uncommitted == kCommitEvery) {
          db.commit();
          uncommitted = 0;
        }
        for (const std::string& word : built.spelling) ++spelling[word];
      } catch (...) {
        lock.lock();
        error = std::current_exception();
        continue;
      }
      lock.lock();
    }
  }

  fs::path path;
  Xapian::WritableDatabase db;
  Analyser analyser;
  DocumentBuilder builder;
  // Summed here and written once at the end: far cheaper than one add_spelling per document.
  std::unordered_map<std::string, Xapian::termcount> spelling;
  Xapian::doccount uncommitted = 0;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<BuildJob> queue;
  bool stopping = false;
  std::exception_ptr error;
  std::thread thread;
};

ParallelBuild::ParallelBuild(std::vector<fs::path> shard_paths, Extraction extraction,
                             OnBuilt on_built)
    : on_built_(std::move(on_built)) {
  try {
    for (const fs::path& p : shard_paths) shards_.push_back(std::make_unique<Shard>(p, extraction));
  } catch (...) {
    remove_shards();
    throw;
  }
  for (auto& s : shards_)
    s->thread = std::thread([this, shard = s.get()] { shard->run(on_built_, on_built_mutex_); });
}

ParallelBuild::~ParallelBuild() {
  stop_all();
  remove_shards();
}

void ParallelBuild::add(BuildJob job) {
  Shard& s = *shards_[next_];
  next_ = (next_ + 1) % shards_.size();
  std::unique_lock<std::mutex> lock(s.mutex);
  s.changed.wait(lock, [&s] { return s.queue.size() < kQueueDepth || s.error; });
  if (s.error) std::rethrow_exception(s.error);
  s.queue.push_back(std::move(job));
  s.changed.notify_all();
}

void ParallelBuild::set_metadata(const std::string& key, const std::string& value) {
  metadata_[key] = value;
}

void ParallelBuild::stop_all() {
  for (auto& s : shards_) {
    {
      std::lock_guard<std::mutex> lock(s->mutex);
      s->stopping = true;
    }
    s->changed.notify_all();
  }
  for (auto& s : shards_)
    if (s->thread.joinable()) s->thread.join();
}

void ParallelBuild::remove_shards() {
  std::vector<fs::path> paths;
  for (auto& s : shards_) paths.push_back(s->path);
  shards_.clear();  // closes the databases before their folders go
  std::error_code ec;
  for (const fs::path& p : paths) fs::remove_all(p, ec);
}

// Near-duplicate groups span shards: they are settled over the shards read as one index, and each
// change is written into its own shard (a combined docid d is shard (d - 1) % n's document
// (d - 1) / n + 1), before the merge makes anything visible.
void ParallelBuild::settle_groups() {
  Xapian::Database all;
  for (auto& s : shards_) all.add_database(Xapian::Database(s->path.string()));
  const std::size_t n = shards_.size();
  for (const GroupChange& change : settle_all_groups(all)) {
    Shard& s = *shards_[(change.docid - 1) % n];
    const Xapian::docid local = static_cast<Xapian::docid>((change.docid - 1) / n + 1);
    Xapian::Document doc = s.db.get_document(local);
    set_group(doc, change.key);
    s.db.replace_document(local, doc);
  }
  for (auto& s : shards_) s->db.commit();
}

Xapian::doccount ParallelBuild::finish(const fs::path& output) {
  stop_all();
  for (auto& s : shards_)
    if (s->error) std::rethrow_exception(s->error);
  for (const auto& [key, value] : metadata_) shards_.front()->db.set_metadata(key, value);
  for (auto& s : shards_) {
    // The compactor sums the shards' spelling frequencies.
    for (const auto& [word, frequency] : s->spelling) s->db.add_spelling(word, frequency);
    s->db.commit();
  }
  settle_groups();
  Xapian::Database all;
  for (auto& s : shards_) all.add_database(Xapian::Database(s->path.string()));
  // Documents are numbered shard by shard: shard 0's, then shard 1's, and so on.
  all.compact(output.string(), Xapian::DBCOMPACT_MULTIPASS);
  Xapian::doccount total = all.get_doccount();
  all.close();
  remove_shards();
  return total;
}

}  // namespace briefing
