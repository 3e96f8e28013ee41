// Steps of a run that need nothing of each other, run side by side where the machine allows.
#pragma once

#include <future>
#include <system_error>

namespace briefing {

// Starts `work` on a thread of its own, or, when no thread can be had (a process limit, a
// machine out of memory), leaves it to run when its result is asked for: such a run is slower,
// never failed. `work` is copied, not moved, into the thread's state, so that the fallback gets
// it whole even when starting the thread failed half way.
template <typename Work>
auto start_beside(const Work& work) {
  try {
    return std::async(std::launch::async, work);
  } catch (const std::system_error&) {
    return std::async(std::launch::deferred, work);
  }
}

}  // namespace briefing
