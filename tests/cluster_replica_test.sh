#!/usr/bin/env bash
# Read replicas on loopback, all real: an indexer writing with XAPIAN_MAX_CHANGESETS, a searchd over
# its index (the followers ask its /healthz which generation is live), xapian-replicate-server, two
# replicas each kept by deploy/replica/briefing-replica-follow with a searchd over the copy, and the
# shipped nginx upstream (deploy/nginx/replicas.conf) in front of both. It checks that an indexer
# run is served by both replicas within 10 s; that a --full rebuild and a full copy made live inside
# a replica are switched to with no failed request while a load loop runs; that a replica killed
# with kill -9 in mid-transfer and restarted catches up and passes xapian-check; and that with one
# replica stopped nginx answers every request.
# Usage: tests/cluster_replica_test.sh BUILD_DIR SOURCE_DIR   (ctest label `cluster`)
# Needs xapian-tools, nginx, curl, python3 (`bash .ci/install-deps --test`); installs nothing.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/nginx_scratch.sh"

build=${1:?usage: cluster_replica_test.sh BUILD_DIR SOURCE_DIR}
src=${2:?usage: cluster_replica_test.sh BUILD_DIR SOURCE_DIR}
follower="$src/deploy/replica/briefing-replica-follow"
template="$src/deploy/nginx/replicas.conf"
PATH="$PATH:/usr/sbin"
for tool in nginx curl python3 xapian-replicate xapian-replicate-server xapian-check xapian-delve \
  setsid flock timeout; do
  command -v "$tool" >/dev/null ||
    { echo "cluster_replica_test: $tool is not installed (bash .ci/install-deps --test)" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-cluster-XXXXXX")
groups=()  # process groups started here (each its own, by setsid): stopped by their ids
stop_group() {  # $1: pid of a group leader started by `start` below; TERM, then KILL after 5 s
  local pid=$1
  kill -TERM -- "-$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local pid
  for pid in "${groups[@]}"; do stop_group "$pid"; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM  # so that cleanup runs when ctest's timeout stops the script
# start LOG CMD...: runs CMD in a process group of its own (xapian-replicate-server signals its
# group), bounded by timeout in case this script is killed hard; sets $started to its pid.
start() {
  local log=$1
  shift
  setsid timeout --kill-after=5 170 "$@" >>"$log" 2>&1 &
  started=$!
  groups+=("$started")
}
test_began=${EPOCHREALTIME/./}
# at: seconds since the test began, for the log.
at() { printf '[%d.%01ds]' $(((${EPOCHREALTIME/./} - test_began) / 1000000)) \
  $(((${EPOCHREALTIME/./} - test_began) % 1000000 / 100000)); }
failed=0
fail() { echo "cluster_replica_test: FAILED: $*" >&2; failed=1; }
die() { echo "cluster_replica_test: $*" >&2; exit 1; }
now() { echo "${EPOCHREALTIME/./}"; }  # microseconds
elapsed() { printf '%d.%02d' $((($2 - $1) / 1000000)) $((($2 - $1) % 1000000 / 10000)); }
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}
# get PORT PATH: the body, or nothing (status other than 200, or no answer within 5 s).
get() { curl -fsS --max-time 5 "http://127.0.0.1:$1$2" 2>/dev/null || true; }
# field NAME: a top-level string or number field of searchd's compact JSON on standard input,
# in bash alone (python3 takes a second to start on a loaded machine).
field() {
  local json=""
  IFS= read -r -d '' json || true
  [[ "$json" =~ \"$1\":(\"([^\"]*)\"|([^,}]*)) ]] && echo "${BASH_REMATCH[2]}${BASH_REMATCH[3]}"
  return 0
}
# wait_for SECONDS WHAT CMD...: polls CMD every 0.05 s until it succeeds; fails after SECONDS.
wait_for() {
  local deadline=$(($(now) + $1 * 1000000)) what=$2
  shift 2
  until "$@"; do
    [[ $(now) -lt $deadline ]] || { fail "$what"; return 1; }
    sleep 0.05
  done
}

# ---- the indexer host: an index of corpus/, a searchd over it, xapian-replicate-server ----
export XAPIAN_MAX_CHANGESETS=20  # the indexer's commits go to replicas as changesets
mkdir -p "$work/sources" "$work/master"
cp "$src"/corpus/*.json "$work/sources/"
index() { "$build/bin/indexer" --db "$work/master/x.db" "$@" "$work/sources" >>"$work/indexer.log"; }
index || die "the indexer failed: $(tail -n 5 "$work/indexer.log")"

start_searchd() {  # $1: name, $2: --db; sets $port
  : >"$work/$1.log"
  start "$work/$1.log" "$build/bin/searchd" --db "$2" --listen 127.0.0.1:0
  port=""
  for _ in $(seq 1 100); do
    port=$(sed -n 's|^searchd: serving .* on http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$work/$1.log")
    [[ -n "$port" ]] && return 0
    sleep 0.1
  done
  die "searchd $1 did not start: $(cat "$work/$1.log")"
}
start_searchd master "$work/master/x.db"
master_port=$port
replication_port=$(free_port)
start "$work/replicate-server.log" xapian-replicate-server -I 127.0.0.1 -p "$replication_port" \
  "$work/master/x.db.d"
replicate_server=$started

# ---- two replicas: a follower and a searchd each ----
declare -A follower_pid searchd_port searchd_pid
start_follower() {  # $1: replica name
  mkdir -p "$work/$1"
  start "$work/$1-follow.log" bash "$follower" --master-url "http://127.0.0.1:$master_port" \
    --replicate-host 127.0.0.1 --replicate-port "$replication_port" --db "$work/$1/x.db" \
    --interval 1 --reader-time 1 --transfer-timeout 30
  follower_pid[$1]=$started
}
for replica in a b; do start_follower "$replica"; done
for replica in a b; do
  wait_for 20 "replica $replica made no first copy: $(cat "$work/$replica-follow.log" \
    "$work/replicate-server.log")" test -f "$work/$replica/x.db" || exit 1
  start_searchd "$replica" "$work/$replica/x.db"
  searchd_port[$replica]=$port
  searchd_pid[$replica]=$started
done
kill -0 "$replicate_server" 2>/dev/null || die "xapian-replicate-server stopped"

# ---- nginx with the shipped upstream, templated for this run ----
template_config() {  # $1: nginx's port. Each templated line must be found exactly once.
  local text from to edit
  text=$(<"$template")
  local -a edits=(
    "server 10.0.0.11:8080 |server 127.0.0.1:${searchd_port[a]} "
    "server 10.0.0.12:8080 |server 127.0.0.1:${searchd_port[b]} "
    "listen 10.0.0.10:8090;|listen 127.0.0.1:$1;"
  )
  for edit in "${edits[@]}"; do
    from=${edit%%|*}
    to=${edit#*|}
    [[ $(grep -cF -- "$from" "$template") == 1 ]] ||
      die "'$from' is not in $template once; update the test with the file"
    text=${text/"$from"/"$to"}
  done
  printf '%s\n' "$text" >"$work/replicas.conf"
}
nginx_port=""
for attempt in 1 2 3; do
  port=$(free_port)
  template_config "$port"
  write_scratch_nginx_conf "$work" 256 "$work/replicas.conf"
  start "$work/nginx.out" nginx -p "$work" -c "$work/nginx.conf" -e "$work/nginx-error.log"
  nginx_group=$started
  if wait_for 5 "nginx on port $port (attempt $attempt)" \
    curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:$port/healthz"; then
    nginx_port=$port
    failed=0
    break
  fi
  stop_group "$nginx_group"
done
[[ -n "$nginx_port" ]] || die "nginx did not start: $(cat "$work/nginx.out" "$work/nginx-error.log")"
echo "cluster_replica_test: master searchd :$master_port, replication :$replication_port," \
  "replicas :${searchd_port[a]} :${searchd_port[b]}, nginx :$nginx_port"

health_of() { get "$1" /healthz | field "$2"; }
serves() {  # $1: port, $2: generation, $3: revision: its /healthz says so
  local health
  health=$(get "$1" /healthz)
  [[ $(field generation <<<"$health") == "$2" && $(field revision <<<"$health") == "$3" ]]
}
both_serve_master() {
  local generation revision
  generation=$(health_of "$master_port" generation)
  revision=$(health_of "$master_port" revision)
  serves "${searchd_port[a]}" "$generation" "$revision" &&
    serves "${searchd_port[b]}" "$generation" "$revision"
}

# ---- 1. an indexer run is served by both replicas within 10 s ----
python3 - "$src/corpus" "$work/sources/2026-12-01-zebracluster.json" <<'EOF'
import json, pathlib, sys
first = sorted(pathlib.Path(sys.argv[1]).glob("*.json"))[0]
briefing = json.loads(first.read_text())
briefing.update(id="2026-12-01-zebracluster", title="Zebracluster replication check",
                summary="The word zebracluster marks a briefing added after the replicas were made.")
pathlib.Path(sys.argv[2]).write_text(json.dumps(briefing))
EOF
generation_before=$(health_of "$master_port" generation)
live_copy_of() { sed -n 's/^auto //p' "$work/$1/x.db.d/$2/XAPIANDB"; }
copy_before=$(live_copy_of a "$generation_before")
finds_new() { [[ $(get "$1" "/search?q=zebracluster" | field total) == 1 ]]; }
both_find_new() { finds_new "${searchd_port[a]}" && finds_new "${searchd_port[b]}"; }
began=$(now)
index || die "the incremental indexer run failed: $(tail -n 5 "$work/indexer.log")"
if wait_for 10 "both replicas did not serve the indexer run's change within 10 s" both_find_new; then
  echo "$(at) ok: both replicas served the indexer run's change $(elapsed "$began" "$(now)") s after it began"
  [[ $(health_of "${searchd_port[a]}" generation) == "$generation_before" ]] ||
    fail "the change reached replica a as a new generation, not in place"
  # A changeset is applied to the live copy; a full copy would have replaced it (replica_N).
  [[ $(live_copy_of a "$generation_before") == "$copy_before" ]] ||
    fail "the change reached replica a as a full copy, not as a changeset"
  wait_for 5 "the replicas' /healthz revision is not the master's" both_serve_master &&
    echo "$(at) ok: both replicas' /healthz give the master's generation and revision"
fi

# ---- a load loop against both replicas and nginx, every response checked ----
load_loop() {  # runs until $work/stop-load exists, at most 60 s; writes counts to $work/load.*
  local ok=0 bad=0 port body end
  end=$((SECONDS + 60))
  while [[ ! -e "$work/stop-load" && $SECONDS -lt $end ]]; do
    for port in "${searchd_port[a]}" "${searchd_port[b]}" "$nginx_port"; do
      body=$(get "$port" "/search?q=ivanti+OR+zebracluster&per_page=3")
      # Every answer finds the briefings (a half-copied or empty index would find none).
      if [[ "$body" == '{"total":'[1-9]* ]]; then ok=$((ok + 1)); else
        bad=$((bad + 1))
        echo "port $port: ${body:0:200}" >>"$work/load.failures"
      fi
    done
  done
  echo "$ok" >"$work/load.ok"
  echo "$bad" >"$work/load.bad"
}
run_under_load() {  # $1: what; the rest: a command that must succeed while the load loop runs
  local what=$1 loop
  shift
  rm -f "$work/stop-load" "$work/load.ok" "$work/load.bad" "$work/load.failures"
  load_loop &
  loop=$!
  "$@" || fail "$what"
  touch "$work/stop-load"
  wait "$loop"
  if [[ $(cat "$work/load.bad") != 0 ]]; then
    fail "$what: $(cat "$work/load.bad") of $(($(cat "$work/load.ok") + $(cat "$work/load.bad")))" \
      "requests failed: $(head -n 3 "$work/load.failures")"
  else
    echo "$(at) ok: $what: $(cat "$work/load.ok") requests during it, none failed"
  fi
}

# ---- 2. a --full rebuild is switched to by both replicas, no request failing ----
full_rebuild_switched() {
  index --full || return 1
  local generation
  generation=$(health_of "$master_port" generation)
  [[ "$generation" != "$generation_before" ]] || return 1
  began=$(now)
  wait_for 20 "both replicas did not switch to $generation" both_serve_master || return 1
  echo "$(at) ok: both replicas serve the new generation $generation" \
    "$(elapsed "$began" "$(now)") s after the master did"
}
run_under_load "a --full rebuild switched to by both replicas" full_rebuild_switched

# ---- 2b. a full copy made live inside replica a (its XAPIANDB replaced), no request failing ----
forced_copy_followed() {
  local generation before
  generation=$(health_of "$master_port" generation)
  before=$(live_copy_of a "$generation")
  stop_group "${follower_pid[a]}"  # the copy is for one xapian-replicate at a time
  xapian-replicate -o -q -f -h 127.0.0.1 -p "$replication_port" -m "$generation" \
    "$work/a/x.db.d/$generation" || return 1
  start_follower a
  [[ $(live_copy_of a "$generation") != "$before" ]] || { echo "no new live copy" >&2; return 1; }
  finds_new "${searchd_port[a]}"
}
run_under_load "a forced full copy inside replica a followed by its searchd" forced_copy_followed

# ---- 3. a replica killed with kill -9 in mid-transfer catches up and passes xapian-check ----
stop_group "${follower_pid[b]}"
generation_b=$(health_of "${searchd_port[b]}" generation)
index --full || die "the second --full run failed: $(tail -n 5 "$work/indexer.log")"
new_generation=$(health_of "$master_port" generation)
# Mid-transfer is made certain, not raced: this follower reaches the replication server through
# a relay that passes the server's bytes on at 256 KB/s (a slow link), so the copy takes seconds,
# and it is killed once the offline copy (replica_1) holds data. The replica's stub must still name
# the old generation then, and the copy's XAPIANDB the empty replica_0 it began with.
cat >"$work/slow_relay.py" <<'EOF_RELAY'
import socket, sys, threading, time
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(8)
open(sys.argv[2], "w").write(str(listener.getsockname()[1]))
def pipe(source, sink, rate):
    try:
        while data := source.recv(16384):
            sink.sendall(data)
            if rate: time.sleep(len(data) / rate)
    except OSError:
        pass
    for s in (source, sink):
        try: s.shutdown(socket.SHUT_RDWR)
        except OSError: pass
while True:
    client, _ = listener.accept()
    server = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
    threading.Thread(target=pipe, args=(client, server, 0), daemon=True).start()
    threading.Thread(target=pipe, args=(server, client, 256 * 1024), daemon=True).start()
EOF_RELAY
start "$work/relay.log" python3 "$work/slow_relay.py" "$replication_port" "$work/relay.port"
wait_for 20 "the relay did not start: $(cat "$work/relay.log")" test -s "$work/relay.port"
direct_port=$replication_port
replication_port=$(<"$work/relay.port")
start_follower b
replication_port=$direct_port
copying() { compgen -G "$work/b/x.db.d/$new_generation/replica_1/*.glass" >/dev/null; }
killed=""
if wait_for 20 "replica b's copy of $new_generation did not begin" copying; then
  kill -KILL -- "-${follower_pid[b]}" 2>/dev/null || true
  wait "${follower_pid[b]}" 2>/dev/null || true
  if [[ $(sed -n 's|^auto .*/||p' "$work/b/x.db") == "$generation_b" &&
    $(live_copy_of b "$new_generation") == replica_0 ]]; then
    killed="with $(du -sk "$work/b/x.db.d/$new_generation/replica_1" | cut -f1) KB of the copy written"
  fi
fi
if [[ -z "$killed" ]]; then
  fail "replica b's follower was not killed in mid-transfer"
else
  echo "$(at) ok: replica b killed with kill -9 in mid-transfer of $new_generation ($killed);" \
    "its searchd still serves $generation_b: $(health_of "${searchd_port[b]}" generation)"
  [[ $(health_of "${searchd_port[b]}" generation) == "$generation_b" ]] ||
    fail "replica b's searchd left $generation_b for a half-copied generation"
  began=$(now)
  start_follower b
  if wait_for 20 "replica b did not catch up after its restart" both_serve_master; then
    echo "$(at) ok: replica b restarted and caught up in $(elapsed "$began" "$(now)") s"
    copy="$work/b/x.db.d/$new_generation/$(live_copy_of b "$new_generation")"
    if xapian-check "$copy" >"$work/check.log" 2>&1; then
      echo "$(at) ok: xapian-check passes replica b's copy ($(tail -n 1 "$work/check.log"))"
    else
      fail "xapian-check on replica b's copy: $(tail -n 3 "$work/check.log")"
    fi
  fi
fi

# ---- 4. with replica b stopped, nginx answers every request ----
stop_group "${searchd_pid[b]}"
ok=0
bad=0
for _ in $(seq 1 60); do
  answer=$(curl -sS --max-time 10 -w ' %{http_code} %{time_total}' \
    "http://127.0.0.1:$nginx_port/search?q=zebracluster&per_page=1" 2>&1 || true)
  if [[ "$answer" == '{"total":1,'*' 200 '* ]]; then ok=$((ok + 1)); else
    bad=$((bad + 1))
    echo "${answer:0:100} ... ${answer: -20}" >>"$work/nginx.failures"
  fi
done
if [[ $bad == 0 ]]; then
  echo "$(at) ok: with replica b stopped, nginx answered all $ok requests"
else
  fail "with replica b stopped, $bad of 60 requests through nginx failed: $(head -n 3 \
    "$work/nginx.failures"; tail -n 5 "$work/nginx-error.log")"
fi

[[ $failed == 0 ]] || { tail -n 20 "$work"/*-follow.log "$work"/replicate-server.log >&2; exit 1; }
echo "cluster_replica_test: all checks passed"
