#!/usr/bin/env bash
# TLS through the shipped nginx configuration (deploy/nginx/searchd.conf): a real searchd with
# --api-keys on a loopback port, a real nginx in front of it on another, a throwaway self-signed
# certificate, and curl over HTTPS checking health, search, keys, errors and plain HTTP.
# Debian's libcivetweb cannot serve TLS itself (see the README's TLS section), hence the proxy.
# Usage: tests/tls_proxy_test.sh BUILD_DIR SOURCE_DIR   (ctest label `tls`)
# Needs nginx, openssl and curl (`bash .ci/install-deps --test`); installs nothing itself.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/nginx_scratch.sh"

build=${1:?usage: tls_proxy_test.sh BUILD_DIR SOURCE_DIR}
src=${2:?usage: tls_proxy_test.sh BUILD_DIR SOURCE_DIR}
template="$src/deploy/nginx/searchd.conf"
for tool in nginx openssl curl python3; do
  command -v "$tool" >/dev/null || PATH="$PATH:/usr/sbin" command -v "$tool" >/dev/null ||
    { echo "tls_proxy_test: $tool is not installed (bash .ci/install-deps --test)" >&2; exit 1; }
done
nginx_bin=$(command -v nginx || PATH="$PATH:/usr/sbin" command -v nginx)

work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-tls-XXXXXX")
searchd_pid=""
nginx_pid=""
stop() {  # $1: pid of a `timeout` started below; TERM (passed on to its server), KILL after 5 s
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    pkill -KILL -P "$pid" 2>/dev/null || true
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  [[ -n "$nginx_pid" ]] && stop "$nginx_pid"
  [[ -n "$searchd_pid" ]] && stop "$searchd_pid"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM  # so that cleanup runs when ctest's timeout stops the script
# Both servers run under `timeout` as well, so that they end even if this script is killed hard.
bounded=(timeout --kill-after=5 110)

failed=0
fail() { echo "tls_proxy_test: FAILED: $*" >&2; failed=1; }

# ---- a certificate for 127.0.0.1, valid for a day ----
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>"$work/openssl.log" ||
  { cat "$work/openssl.log" >&2; exit 1; }

# ---- searchd over corpus/, with one API key ----
key="tls-test-$(openssl rand -hex 16)"
echo "$key" >"$work/keys"
documents=$("$build/bin/indexer" --db "$work/corpus.db" --json "$src/corpus" | tail -n 1 |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["total"])')
# Created here, not by the background job's redirect, which may not have run when sed first reads it.
: >"$work/searchd.log"
"${bounded[@]}" "$build/bin/searchd" --db "$work/corpus.db" --listen 127.0.0.1:0 \
  --api-keys "$work/keys" --allowed-host search.example 2>"$work/searchd.log" &
searchd_pid=$!
searchd_port=""
for _ in $(seq 1 100); do
  searchd_port=$(sed -n 's|^searchd: serving .* on http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' \
    "$work/searchd.log")
  [[ -n "$searchd_port" ]] && break
  kill -0 "$searchd_pid" 2>/dev/null || break
  sleep 0.1
done
if [[ -z "$searchd_port" ]]; then
  echo "tls_proxy_test: searchd did not start" >&2
  cat "$work/searchd.log" >&2
  exit 1
fi

# ---- nginx with the shipped server block, templated for this run ----
# A port that was free a moment ago; should another process take it first, nginx fails to bind
# and the next attempt picks again.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}
template_config() {  # $1: TLS port. Each templated line must be found exactly once.
  local text
  text=$(<"$template")
  local -a edits=(
    "server 127.0.0.1:8080;|server 127.0.0.1:$searchd_port;"
    "listen 8443 ssl http2;|listen 127.0.0.1:$1 ssl http2;"
    "ssl_certificate     /etc/ssl/searchd/cert.pem;|ssl_certificate     $work/cert.pem;"
    "ssl_certificate_key /etc/ssl/searchd/key.pem;|ssl_certificate_key $work/key.pem;"
    "access_log /var/log/nginx/searchd-access.log|access_log $work/searchd-access.log"
  )
  local edit from to
  for edit in "${edits[@]}"; do
    from=${edit%%|*}
    to=${edit#*|}
    if [[ $(grep -cF -- "$from" "$template") != 1 ]]; then
      echo "tls_proxy_test: '$from' is not in $template once; update the test with the file" >&2
      return 1
    fi
    text=${text/"$from"/"$to"}
  done
  printf '%s\n' "$text" >"$work/searchd.conf"
}
write_scratch_nginx_conf "$work" 64 "$work/searchd.conf"

tls_port=""
for attempt in 1 2 3; do
  port=$(free_port)
  template_config "$port" || exit 1
  "${bounded[@]}" "$nginx_bin" -p "$work" -c "$work/nginx.conf" -e "$work/nginx-error.log" \
    >"$work/nginx.out" 2>&1 &
  nginx_pid=$!
  for _ in $(seq 1 50); do
    if ! kill -0 "$nginx_pid" 2>/dev/null; then break; fi
    if curl -s -o /dev/null --max-time 1 --cacert "$work/cert.pem" \
      "https://127.0.0.1:$port/healthz"; then
      tls_port=$port
      break
    fi
    sleep 0.1
  done
  [[ -n "$tls_port" ]] && break
  stop "$nginx_pid"
  nginx_pid=""
  echo "tls_proxy_test: nginx did not come up on port $port (attempt $attempt):" >&2
  cat "$work/nginx.out" "$work/nginx-error.log" >&2 2>/dev/null || true
done
[[ -n "$tls_port" ]] || exit 1
echo "tls_proxy_test: searchd on 127.0.0.1:$searchd_port, nginx on https://127.0.0.1:$tls_port"

# ---- checks ----
https="https://127.0.0.1:$tls_port"
# request URL [curl options...]: sets status, type, body and headers (lower-case names).
request() {
  local url=$1
  shift
  rm -f "$work/body" "$work/headers"
  status=$(curl -sS --max-time 10 --cacert "$work/cert.pem" -o "$work/body" -D "$work/headers" \
    -w '%{http_code}' "$@" "$url" 2>"$work/curl.err") ||
    status="curl failed: $(cat "$work/curl.err")"
  body=$(cat "$work/body" 2>/dev/null || true)
  headers=$(tr 'A-Z' 'a-z' <"$work/headers" 2>/dev/null | tr -d '\r' || true)
  type=$(sed -n 's/^content-type: //p' <<<"$headers" | tail -n 1)
}
json_field() {  # $1: field; reads $body
  python3 -c 'import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$body" "$1" \
    2>/dev/null || true
}
# Checks run on: a failed check is reported, and the script goes on to the next.
expect() {  # $1: what; $2: expected status
  if [[ "$status" != "$2" ]]; then
    fail "$1: status $status, expected $2 (body: ${body:0:200})"
    return 1
  fi
  echo "ok: $1 ($status)"
}
is_problem() {  # $1: what
  [[ "$type" == application/problem+json* && $(json_field status) == "$status" ]] ||
    fail "$1: not a problem document (type $type, body ${body:0:200})"
}
auth=(-H "Authorization: Bearer $key")

request "$https/healthz"
if expect "/healthz over HTTPS" 200; then
  [[ $(json_field documents) == "$documents" ]] ||
    fail "/healthz: documents is $(json_field documents), expected $documents"
  [[ "$headers" == *"strict-transport-security: max-age="* ]] ||
    fail "/healthz: no Strict-Transport-Security"
  [[ "$headers" == *"x-content-type-options: nosniff"* ]] ||
    fail "/healthz: searchd's headers are not passed on"
  grep -qx 'server: nginx' <<<"$headers" ||
    fail "/healthz: the Server header is not plain 'nginx': $(grep '^server' <<<"$headers")"
fi
http_version=$(curl -sS --max-time 10 --cacert "$work/cert.pem" -o /dev/null \
  -w '%{http_version}' "$https/healthz" || true)
[[ "$http_version" == 2 ]] || fail "HTTP/2 was not negotiated (got $http_version)"

# The same search through the proxy and straight from searchd: the same answer.
query="search?q=UNC1069&per_page=5"
request "$https/$query" "${auth[@]}"
if expect "/search with the key over HTTPS" 200; then
  proxied=$body
  request "http://127.0.0.1:$searchd_port/$query" "${auth[@]}"
  direct=$body
  total=$(body=$proxied json_field total)
  [[ -n "$total" && "$total" != 0 ]] || fail "/search: no hits for UNC1069 through the proxy"
  [[ "$(body=$proxied json_field hits)" == "$(body=$direct json_field hits)" ]] ||
    fail "/search: hits differ between the proxy and searchd itself"
  echo "ok: /search answers $total hits, as searchd does directly"
fi

request "$https/$query"
if expect "/search without a key" 401; then
  is_problem "401 without a key"
  [[ "$headers" == *"www-authenticate: bearer"* ]] || fail "401 without a key: no WWW-Authenticate"
fi
request "$https/$query" -H "Authorization: Bearer not-$key"
if expect "/search with a wrong key" 401; then
  [[ "$body" == *"unknown API key"* ]] || fail "wrong key: the header did not reach searchd ($body)"
fi

request "$https/search?q=x&per_page=1000" "${auth[@]}"
expect "searchd's own 400 passes through" 400 && is_problem "searchd's 400"

# Over HTTP/1.1 nginx refuses it; over HTTP/2, where HPACK packs 20 KB of one letter into less
# than nginx's 16 KB, searchd does. Either way: a problem document, nothing served.
long=$(head -c 20000 /dev/zero | tr '\0' 'a')
request "$https/search?q=$long" "${auth[@]}" --http1.1
expect "a 20 KB request line over HTTP/1.1" 414 && is_problem "414"
request "$https/search?q=$long" "${auth[@]}" --http2
if [[ "$status" == 4?? ]]; then
  echo "ok: a 20 KB request line over HTTP/2 ($status)"
  is_problem "a 20 KB request line over HTTP/2"
else
  fail "a 20 KB request line over HTTP/2: status $status (body: ${body:0:200})"
fi

head -c 20000 /dev/zero >"$work/big-body"
request "$https/search?q=x" "${auth[@]}" --data-binary "@$work/big-body"
expect "a 20 KB request body" 413 && is_problem "413"

# Plain HTTP to the TLS port: refused, no data, and no redirect that would make it look fine.
for path in /healthz "/$query"; do
  request "http://127.0.0.1:$tls_port$path" "${auth[@]}"
  if expect "plain HTTP to the TLS port ($path)" 400; then
    is_problem "plain HTTP ($path)"
    [[ "$body" != *'"documents"'* && "$body" != *'"hits"'* ]] ||
      fail "plain HTTP got data: ${body:0:200}"
    [[ "$headers" != *"location:"* ]] || fail "plain HTTP was redirected"
  fi
done

# nginx passes the client's Host on: a name searchd does not serve is refused (DNS rebinding),
# one given with --allowed-host is answered.
request "$https/healthz" -H "Host: evil.example"
if expect "a Host searchd does not serve" 421; then
  is_problem "421"
  [[ "$body" != *'"documents"'* ]] || fail "a foreign Host got data: ${body:0:200}"
fi
request "$https/healthz" -H "Host: search.example"
expect "a Host given with --allowed-host" 200

# One address asking too fast: past the burst, 429 problem documents (nginx's limit_req).
urls=()
for _ in $(seq 1 300); do urls+=(-o /dev/null "$https/healthz"); done
codes=$(curl -sS --max-time 20 --cacert "$work/cert.pem" --parallel --parallel-max 20 \
  -w '%{http_code}\n' "${urls[@]}" 2>/dev/null | sort | uniq -c | tr -s ' \n' ' ')
if [[ "$codes" == *" 429 "* && "$codes" == *" 200 "* ]]; then
  echo "ok: 300 requests at once: $codes"
  request "$https/healthz"  # the limit refills at 50 a second
else
  fail "300 requests at once were not limited: $codes"
fi

# The problem documents are nginx's own, not a route a client can ask for.
request "$https/.problem/plain-http"
[[ "$body" != *"plain HTTP sent"* ]] || fail "/.problem/plain-http is reachable from outside"

# The certificate is what is checked: without our CA file curl must refuse the connection.
if curl -sS --max-time 10 -o /dev/null "$https/healthz" 2>/dev/null; then
  fail "curl accepted the self-signed certificate without --cacert"
else
  echo "ok: an untrusted certificate is refused by the client"
fi

# One request id in both logs, and no secret in either: nginx logs the path without its query,
# searchd the query with the token's value removed, and neither the Authorization header.
secret="feed-token-$(openssl rand -hex 8)"
request "$https/search?q=exploit&token=$secret" "${auth[@]}"
if expect "a search with a token in its URL" 200; then
  id=$(sed -n 's/^x-request-id: //p' <<<"$headers")
  # nginx writes its log line once the answer is sent; a moment may pass before it is there.
  for _ in $(seq 1 20); do grep -q "request_id=$id" "$work/searchd-access.log" && break; sleep 0.1; done
  [[ "$id" =~ ^[0-9a-f]{32}$ ]] || fail "X-Request-Id '$id' is not nginx's \$request_id"
  grep -q "request_id=$id" "$work/searchd-access.log" || fail "nginx's log has no line for $id"
  grep "request_id=$id" "$work/searchd.log" | grep -q 'token=\[removed\]' ||
    fail "searchd's log has no line for $id with the token removed"
  if grep -qF -e "$secret" -e "$key" "$work/searchd-access.log" "$work/searchd.log"; then
    fail "a token or an API key is in a log"
  else
    echo "ok: request $id is in nginx's log and searchd's, with no secret in either"
  fi
fi

# searchd gone: nginx answers 503 in the same shape instead of hanging or leaking its own page.
stop "$searchd_pid"
searchd_pid=""
request "$https/healthz"
expect "searchd stopped" 503 && is_problem "503"

if ((failed)); then
  echo "--- nginx error log ---" >&2
  tail -n 30 "$work/nginx-error.log" >&2 || true
fi
exit "$failed"
