#!/usr/bin/env bash
# Builds the libFuzzer targets with clang, ASan and UBSan in BUILD/fuzz, then runs each for
# FUZZ_SECONDS (default 60) from a copy of its seed corpus. Any crash fails the run and leaves
# its reproducer in BUILD/fuzz/crashes/TARGET/.
set -euo pipefail
build=$1
source=$2
seconds=${FUZZ_SECONDS:-60}
out="$build/fuzz"
flags="-fsanitize=address,undefined,fuzzer-no-link -fno-omit-frame-pointer -fno-sanitize-recover=undefined -g -O1"
cmake -S "$source" -B "$out/build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS="$flags" -DBRIEFING_FUZZ=ON -DBRIEFING_BUILD_TESTS=OFF -DBRIEFING_BUILD_BENCH=OFF >/dev/null
targets=(page_text json_reader markdown query snippet query_string)
cmake --build "$out/build" -j2 --target "${targets[@]/#/fuzz_}" >/dev/null
status=0
for t in "${targets[@]}"; do
  corpus="$out/corpus/$t"
  crashes="$out/crashes/$t"
  mkdir -p "$corpus" "$crashes"
  cp -n "$source/tests/fuzz/corpus/$t/"* "$corpus/" 2>/dev/null || true
  log="$out/$t.log"
  if UBSAN_OPTIONS=print_stacktrace=1 "$out/build/bin/fuzz_$t" "$corpus" -max_total_time="$seconds" \
      -timeout=10 -rss_limit_mb=2048 -max_len=65536 -artifact_prefix="$crashes/" -print_final_stats=1 \
      >"$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    echo "fuzz_$t: ${runs} executions in ${seconds} s, no crash"
  else
    echo "fuzz_$t: FAILED (see $log; reproducers in $crashes)"
    tail -40 "$log"
    status=1
  fi
done
exit $status
