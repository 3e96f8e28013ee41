#!/usr/bin/env bash
# What an export of a whole index costs searchd in memory: starts BUILD/bin/searchd over DB on a
# free loopback port, warms it (a search builds the facet table), reads VmRSS and VmHWM from
# /proc/PID/status, exports every briefing in each format (and once for a query matching most of
# them) to /dev/null with curl, and reads them again after each. Stops searchd by its pid.
#
#   bench/export_memory.sh BUILD_DIR DB [QUERY]     e.g. a make_corpus index of 200,000 briefings
set -euo pipefail
build=$1 db=$2 query=${3:-q=security}
log=$(mktemp "${TMPDIR:-/tmp}/export-memory.XXXXXX")
"$build/bin/searchd" --db "$db" --listen 127.0.0.1:0 --export-limit 100000000 2>"$log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 300); do
  port=$(sed -n 's/.*on http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$log")
  [[ -n $port ]] && break
  sleep 0.1
done
[[ -n $port ]] || { cat "$log"; exit 1; }
base=http://127.0.0.1:$port
memory() { awk '/^VmRSS|^VmHWM/ {printf "%s %d MB  ", $1, $2 / 1024}' "/proc/$pid/status"; }
curl -sf "$base/search?q=exploit" >/dev/null
sleep 2  # the facet table is built in the background once a second
curl -sf "$base/search?q=exploit" >/dev/null
echo "warm:                $(memory)"
for target in "format=ndjson" "format=csv" "format=stix" "format=ndjson&$query"; do
  start=$(date +%s.%N)
  curl -sf -o /dev/null -D "$log.head" "$base/export?$target"
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  count=$(tr -d '\r' <"$log.head" | sed -n 's/^X-Export-Count: //p')
  printf '%-20s %s(%s briefings, %.1f s)\n' "$target:" "$(memory)" "$count" "$seconds"
done
rm -f "$log.head"
