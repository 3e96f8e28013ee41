#!/usr/bin/env bash
# Load test: wrk against a real searchd over an index of corpus/, first alone, then while
# `indexer --full` rebuilds in a loop. Fails on any socket error or non-2xx answer, or when
# searchd's resident memory grows by more than 200 MB. Prints requests/s and p99 latency.
# Then the adversarial cases (tests/load_clients.py): 100 idle connections and 30 clients sending
# a byte a second, and 40 clients that never read, must each leave a normal search under 50 ms;
# a wildcard flood over 5,000 briefings (make_corpus) against --query-time-limit 0.5 must be
# answered within 2x that limit with RSS growth under 100 MB.
# Usage: tests/load_test.sh BUILD_DIR SOURCE_DIR   (ctest label `load`)
set -euo pipefail

build=${1:?usage: load_test.sh BUILD_DIR SOURCE_DIR}
src=${2:?usage: load_test.sh BUILD_DIR SOURCE_DIR}
indexer="$build/bin/indexer"
searchd="$build/bin/searchd"
command -v wrk >/dev/null || { echo "load_test: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "load_test: python3 is not installed" >&2; exit 1; }
clients="$src/tests/load_clients.py"

work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-load-XXXXXX")
searchd_pid=""
loop_pid=""
cleanup() {
  [[ -n "$loop_pid" ]] && kill "$loop_pid" 2>/dev/null && wait "$loop_pid" 2>/dev/null
  [[ -n "$searchd_pid" ]] && kill "$searchd_pid" 2>/dev/null && wait "$searchd_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# Starts searchd on a free port: start_searchd DB [OPTIONS...] sets searchd_pid and port.
start_searchd() {
  local db=$1
  shift
  # Created here, not by the background job's redirect, which may not have run when sed reads it.
  : >"$work/searchd.log"
  "$searchd" --db "$db" --listen 127.0.0.1:0 "$@" 2>"$work/searchd.log" &
  searchd_pid=$!
  port=""
  for _ in $(seq 1 100); do
    port=$(sed -n 's|^searchd: serving .* on http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$work/searchd.log")
    [[ -n "$port" ]] && return 0
    kill -0 "$searchd_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "load_test: searchd did not start" >&2
  cat "$work/searchd.log" >&2
  exit 1
}
stop_searchd() {
  kill "$searchd_pid" 2>/dev/null && wait "$searchd_pid" 2>/dev/null
  searchd_pid=""
}

"$indexer" --db "$work/corpus.db" "$src/corpus" >/dev/null
start_searchd "$work/corpus.db"

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

# ---- adversarial clients ----
# field LINE KEY: the value of KEY=VALUE in LINE.
field() { local v=${1#* "$2"=}; echo "${v%% *}"; }
alive() {
  kill -0 "$searchd_pid" 2>/dev/null && return 0
  echo "load_test [$1]: FAILED: searchd died; its log ends:" >&2
  tail -n 20 "$work/searchd.log" >&2
  failed=1
}
normal_case() {  # $1: label, then the load_clients.py arguments after the port
  local label=$1 line worst
  shift
  line=$(timeout 120 python3 "$clients" "$1" "$port" "${@:2}") || true
  echo "load_test [$label]: ${line:-no report}"
  worst=$(field "$line" worst_ms)
  if [[ -z "$line" ]] || (( $(field "$line" failed) > 0 )) ||
     ! awk -v w="$worst" 'BEGIN { exit !(w < 50) }'; then
    echo "load_test [$label]: FAILED: a normal search failed or took ${worst} ms (limit 50 ms)" >&2
    failed=1
  fi
  alive "$label"
}
normal_case "100 idle + 30 byte-a-second clients" slow 25 100 30
normal_case "40 clients that never read" greedy 15 40

# A wildcard flood: as many searches at once as there are flood clients, for 20 s.
if [[ -x "$build/bin/make_corpus" ]]; then
  stop_searchd
  "$build/bin/make_corpus" --shared "${BRIEFING_SHARED_DIR:-$src/../shared}" --out "$work/big" \
    --count 5000 >/dev/null
  "$indexer" --db "$work/big.db" "$work/big" >/dev/null
  limit=0.5
  start_searchd "$work/big.db" --query-time-limit "$limit"
  get_once() { python3 -c 'import sys, urllib.request
urllib.request.urlopen("http://127.0.0.1:" + sys.argv[1] + "/search?q=exploit").read()' "$port"; }
  get_once  # the facet table and the first handles are built before RSS is sampled
  line=$(timeout 200 python3 "$clients" flood "$port" 20 16 "$searchd_pid") || true
  echo "load_test [wildcard flood, --query-time-limit $limit]: ${line:-no report}"
  worst=$(field "$line" worst_ms)
  growth=$(field "$line" rss_growth_mb)
  # A 503 (every search slot busy for the search's whole budget, with Retry-After) is an answer
  # to a flood; any other refusal, or no answer, is a failure.
  if [[ -z "$line" ]] || (( $(field "$line" non2xx) > $(field "$line" busy503) )); then
    echo "load_test [wildcard flood]: FAILED: searches failed or were unanswered" >&2
    # searchd's own account: its access-log lines for refusals other than 503, and its faults
    # (an answer it never sent has no line: then the client saw no answer at all).
    grep -E ' status=(4[0-9][0-9]|50[0-24-9]) |failed' "$work/searchd.log" | tail -n 10 >&2 || true
    failed=1
  fi
  if ! awk -v w="$worst" -v l="$limit" 'BEGIN { exit !(w <= 2000 * l) }'; then
    echo "load_test [wildcard flood]: FAILED: the worst search took ${worst} ms," \
         "over twice --query-time-limit $limit s" >&2
    failed=1
  fi
  if (( ${growth:-1000} >= 100 )); then
    echo "load_test [wildcard flood]: FAILED: RSS grew ${growth} MB (limit 100 MB)" >&2
    failed=1
  fi
  alive "wildcard flood"
else
  echo "load_test [wildcard flood]: FAILED: $build/bin/make_corpus is not built" >&2
  failed=1
fi
exit "$failed"
