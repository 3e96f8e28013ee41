// The slot count and its waiting room.
#include "search_admission.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace briefing {

SearchAdmission::SearchAdmission(unsigned slots)
    : slots_(slots ? slots : 2 * std::max(1U, std::thread::hardware_concurrency())) {}

SearchAdmission::Ticket::~Ticket() {
  if (admission_) admission_->leave();
}

SearchAdmission::Ticket SearchAdmission::enter(double seconds) {
  std::unique_lock<std::mutex> lock(mutex_);
  const bool admitted = freed_.wait_for(lock, std::chrono::duration<double>(std::max(seconds, 0.0)),
                                        [this] { return running_ < slots_; });
  if (!admitted)
    throw SearchBusy("every one of the " + std::to_string(slots_) +
                     " search slots stayed busy for the search's whole time budget");
  ++running_;
  return Ticket(*this);
}

void SearchAdmission::leave() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    --running_;
  }
  freed_.notify_one();
}

}  // namespace briefing
