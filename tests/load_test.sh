#!/usr/bin/env bash
# Load test: wrk against a real searchd over an index of corpus/, first alone, then while
# `indexer --full` rebuilds in a loop. Fails on any socket error or non-2xx answer, or when
# searchd's resident memory grows by more than 200 MB. Prints requests/s and p99 latency.
# Usage: tests/load_test.sh BUILD_DIR SOURCE_DIR   (ctest label `load`)
set -euo pipefail

build=${1:?usage: load_test.sh BUILD_DIR SOURCE_DIR}
src=${2:?usage: load_test.sh BUILD_DIR SOURCE_DIR}
indexer="$build/bin/indexer"
searchd="$build/bin/searchd"
command -v wrk >/dev/null || { echo "load_test: wrk is not installed (apt-get install wrk)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-load-XXXXXX")
searchd_pid=""
loop_pid=""
cleanup() {
  [[ -n "$loop_pid" ]] && kill "$loop_pid" 2>/dev/null && wait "$loop_pid" 2>/dev/null
  [[ -n "$searchd_pid" ]] && kill "$searchd_pid" 2>/dev/null && wait "$searchd_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$indexer" --db "$work/corpus.db" "$src/corpus" >/dev/null

# Created here, not by the background job's redirect, which may not have run when sed first reads it.
: >"$work/searchd.log"
"$searchd" --db "$work/corpus.db" --listen 127.0.0.1:0 2>"$work/searchd.log" &
searchd_pid=$!
port=""
for _ in $(seq 1 100); do
  port=$(sed -n 's|^searchd: serving .* on http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$work/searchd.log")
  [[ -n "$port" ]] && break
  kill -0 "$searchd_pid" 2>/dev/null || { cat "$work/searchd.log" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$port" ]] || { echo "load_test: searchd did not start" >&2; cat "$work/searchd.log" >&2; exit 1; }

cat >"$work/rotate.lua" <<'LUA'
-- Rotates five searches and counts non-2xx answers per thread (summed in done()).
local paths = {
  "/search?q=exploit",
  "/search?q=ransomware&sort=date",
  "/search?q=",
  "/search?q=%22zero+day%22&per_page=20",
  "/search?q=vuln*&page=2",
}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) i = 0; non2xx = 0 end
function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("non2xx") end
  local e = summary.errors
  io.write(string.format("LOAD requests=%d non2xx=%d socket_errors=%d rps=%.0f p99_ms=%.2f\n",
    summary.requests, bad, e.connect + e.read + e.write + e.timeout,
    summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000))
end
LUA

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$searchd_pid/status" 2>/dev/null || echo 0; }

failed=0
run_wrk() {  # $1: label
  local before after out line
  before=$(rss_kb)
  out=$(wrk -t2 -c32 -d15s --latency -s "$work/rotate.lua" "http://127.0.0.1:$port")
  after=$(rss_kb)
  echo "$out"
  line=$(grep '^LOAD ' <<<"$out")
  local non2xx=${line#*non2xx=}; non2xx=${non2xx%% *}
  local errors=${line#*socket_errors=}; errors=${errors%% *}
  local rps=${line#*rps=}; rps=${rps%% *}
  local p99=${line#*p99_ms=}
  local growth=$(( (after - before) / 1024 ))
  echo "load_test [$1]: $rps requests/s, p99 ${p99} ms, non-2xx $non2xx, socket errors $errors," \
       "RSS ${before} kB -> ${after} kB"
  if (( non2xx > 0 || errors > 0 )); then echo "load_test [$1]: FAILED: errors" >&2; failed=1; fi
  if (( growth > 200 )); then echo "load_test [$1]: FAILED: RSS grew ${growth} MB" >&2; failed=1; fi
  if ! kill -0 "$searchd_pid" 2>/dev/null; then
    echo "load_test [$1]: FAILED: searchd died; its log ends:" >&2
    tail -n 20 "$work/searchd.log" >&2
    failed=1
  fi
}

run_wrk "searchd alone"

# Rebuilds in the background, bounded in count and stopped after the run.
(
  for _ in $(seq 1 200); do
    [[ -e "$work/stop" ]] && break
    "$indexer" --db "$work/corpus.db" --full --wait 10 "$src/corpus" >/dev/null 2>>"$work/indexer.log" ||
      echo "indexer run failed" >>"$work/indexer.log"
  done
) &
loop_pid=$!
run_wrk "during indexer --full"
touch "$work/stop"
wait "$loop_pid" || true
loop_pid=""
if grep -q 'failed' "$work/indexer.log" 2>/dev/null; then
  echo "load_test: an indexer run failed:" >&2; cat "$work/indexer.log" >&2; failed=1
fi
exit "$failed"
