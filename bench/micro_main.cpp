#include "micro_main.h"

#include <cstdio>

#include <benchmark/benchmark.h>

namespace briefing::bench {

int run_checked_benchmarks(int argc, char** argv, const char* program,
                           const std::function<void()>& prepare) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  try {
    prepare();
  } catch (const WrongAnswer& e) {
    std::fprintf(stderr, "%s: wrong answer, nothing timed: %s\n", program, e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: cannot prepare the inputs: %s\n", program, e.what());
    return 1;
  }
  benchmark::RunSpecifiedBenchmarks();
  // Drops the registered lambdas, and with them the inputs they own (a scratch index is removed).
  benchmark::ClearRegisteredBenchmarks();
  benchmark::Shutdown();
  return 0;
}

}  // namespace briefing::bench
