// What every microbenchmark program (bench/*_bench.cpp) shares: its answers are checked before
// anything is timed, and a wrong answer ends the program with a message and a non-zero status,
// so that a figure is never printed for work that was not done right.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>

namespace briefing::bench {

// A benchmark's input gave the wrong answer: what was wrong, in words.
struct WrongAnswer : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline void expect(bool ok, const std::string& what) {
  if (!ok) throw WrongAnswer(what);
}

// Reads Google Benchmark's flags, then `prepare` builds the inputs, checks them (expect) and
// registers the benchmarks (their lambdas own the inputs), then runs what the flags select.
// Returns the exit status: 1 when preparing threw, naming `program` and the reason.
int run_checked_benchmarks(int argc, char** argv, const char* program,
                           const std::function<void()>& prepare);

}  // namespace briefing::bench
