// How many searches run at once. Each running search holds a handle, the posting lists it opened
// and its answer; with hundreds of connections (http_server's workers) a flood of costly queries
// would otherwise run all at once, each slower than the last, and memory would grow with them.
// Searches past the limit wait their turn within their own time budget, then are refused.
#pragma once

#include <condition_variable>
#include <mutex>

#include "search_busy.h"

namespace briefing {

class SearchAdmission {
 public:
  // `slots` searches at once; 0: one per core, twice over.
  explicit SearchAdmission(unsigned slots = 0);

  // A slot, held until it is destroyed.
  class Ticket {
   public:
    explicit Ticket(SearchAdmission& admission) : admission_(&admission) {}
    Ticket(Ticket&& other) noexcept : admission_(other.admission_) { other.admission_ = nullptr; }
    Ticket& operator=(Ticket&&) = delete;
    ~Ticket();

   private:
    SearchAdmission* admission_;
  };
  // Waits up to `seconds` for a slot; throws SearchBusy when none came free.
  Ticket enter(double seconds);
  unsigned slots() const { return slots_; }

 private:
  void leave();
  std::mutex mutex_;
  std::condition_variable freed_;
  unsigned slots_, running_ = 0;
};

}  // namespace briefing
