#!/usr/bin/env bash
# Runs the search page's browser test: installs the pinned playwright-core into the BUILD folder
# (BUILD/browser-test/node_modules, so the source tree stays clean), indexes the sample corpus
# and the page-text seed, starts the real searchd on a free loopback port, and drives Debian's
# Chromium through search_page.test.mjs. Exits with the test's status; never runs past 300 s.
#
# Usage: run_browser_test.sh BUILD_DIR SOURCE_DIR
# Environment: BROWSER_TEST_SCREENSHOT (default BUILD_DIR/screenshots/results.png),
#              BRIEFING_SHARED_DIR (default SOURCE_DIR/../shared), CHROMIUM (default /usr/bin/chromium)
set -euo pipefail

if [[ -z "${BROWSER_TEST_BOUNDED:-}" ]]; then
  export BROWSER_TEST_BOUNDED=1
  exec timeout --kill-after=10 300 bash "$0" "$@"
fi

if (($# != 2)); then
  echo "usage: $0 BUILD_DIR SOURCE_DIR" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
shared=${BRIEFING_SHARED_DIR:-$src/../shared}
seed=$shared/seeds/000_cc0477336c8268c0.txt
chromium=${CHROMIUM:-/usr/bin/chromium}
export BROWSER_TEST_SCREENSHOT=${BROWSER_TEST_SCREENSHOT:-$build/screenshots/results.png}

fail() {
  echo "browser test: $*" >&2
  exit 1
}
command -v node >/dev/null || fail "node is not installed (bash .ci/install-deps --test)"
command -v npm >/dev/null || fail "npm is not installed (bash .ci/install-deps --test)"
[[ -x "$chromium" ]] || fail "$chromium is missing (bash .ci/install-deps --test)"
[[ -x "$build/bin/indexer" && -x "$build/bin/searchd" ]] || fail "build indexer and searchd in $build first"
[[ -f "$seed" ]] || fail "the seed page $seed is missing (set BRIEFING_SHARED_DIR)"

# The pinned playwright-core, installed again only when the lock file changed.
deps=$build/browser-test
mkdir -p "$deps"
if ! cmp -s "$src/tests/browser/package-lock.json" "$deps/node_modules/.installed-lock.json"; then
  cp "$src/tests/browser/package.json" "$src/tests/browser/package-lock.json" "$deps/"
  timeout 240 npm ci --prefix "$deps" --no-audit --no-fund --loglevel=error ||
    fail "npm ci of playwright-core failed"
  cp "$src/tests/browser/package-lock.json" "$deps/node_modules/.installed-lock.json"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/briefing-browser-test.XXXXXX")
searchd_pid=""
cleanup() {
  if [[ -n "$searchd_pid" ]]; then
    kill "$searchd_pid" 2>/dev/null || true
    wait "$searchd_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 124' INT TERM

# The 1,129 real advisories beside corpus/, as Markdown files, so that the page is tested on the
# judged queries of bench/relevance too: BROWSER_RELEVANT maps three of them to the advisories
# graded relevant (1 or 2) in bench/relevance/judgments.tsv.
advisories=$shared/data/wasoc-advisories.jsonl
[[ -f "$advisories" ]] || fail "$advisories is missing (set BRIEFING_SHARED_DIR)"
export BROWSER_RELEVANT
BROWSER_RELEVANT=$(python3 - "$advisories" "$tmp/advisories" "$src/bench/relevance" <<'PY'
import json, os, sys
source, folder, judged = sys.argv[1:4]
os.makedirs(folder)
for line in open(source, encoding="utf-8"):
    a = json.loads(line)
    with open(os.path.join(folder, a["id"] + ".md"), "w", encoding="utf-8") as f:
        f.write(a["text"])
wanted = ["xz backdoor", "ransomware targeting hospitals", "MOVEit file transfer"]
ids = {q["id"]: q["text"] for q in json.load(open(os.path.join(judged, "queries.json")))}
relevant = {text: [] for text in wanted}
for row in open(os.path.join(judged, "judgments.tsv"), encoding="utf-8").read().splitlines()[1:]:
    query, doc, grade = row.split("\t")[:3]
    if ids.get(query) in relevant and int(grade) >= 1:
        relevant[ids[query]].append(doc)
print(json.dumps(relevant))
PY
) || fail "cannot write the advisories"
# A Markdown advisory with the structure the briefing view must keep (search_page.test.mjs
# checks it by its id and the vendor URL): no front matter, so its date is the file name's, a
# date without a time of day.
mkdir "$tmp/markdown"
cat >"$tmp/markdown/20240109-browser-structure.md" <<'MD'
# Browser test: a structured advisory

## Affected products

- Widget Server 4.2
- Widget Client 1.0
  - on Windows

Read the [vendor advisory][vendor] and do not follow [this link](javascript:alert(document.domain)).

<script>document.title = 'owned'</script>

```text
reg query HKLM\Software\Widget
```

[vendor]: https://vendor.example/security/advisory-2024-001
MD
timeout 120 "$build/bin/indexer" --db "$tmp/x.db" "$src/corpus" "$seed" "$tmp/advisories" "$tmp/markdown" \
  >"$tmp/indexer.out" 2>&1 || { cat "$tmp/indexer.out" >&2; fail "the indexer failed"; }

# Runs the page test against a fresh searchd started with the given extra arguments; the
# environment the test needs comes before the call (API_KEY, BROWSER_TEST_SCREENSHOT).
run_page_test() {
  : >"$tmp/searchd.err"  # before the background redirect, which may not have run when sed reads it
  "$build/bin/searchd" --db "$tmp/x.db" --listen 127.0.0.1:0 "$@" 2>"$tmp/searchd.err" &
  searchd_pid=$!
  local url=""
  for _ in $(seq 100); do
    url=$(sed -n 's|^searchd: serving .* on \(http://127\.0\.0\.1:[0-9]*\)/$|\1|p' "$tmp/searchd.err")
    [[ -n "$url" ]] && break
    kill -0 "$searchd_pid" 2>/dev/null || break
    sleep 0.1
  done
  [[ -n "$url" ]] || { cat "$tmp/searchd.err" >&2; fail "searchd did not start"; }
  echo "browser test: searchd at $url $*"
  local status=0
  SEARCHD_URL=$url BROWSER_TEST_DEPS=$deps CHROMIUM=$chromium \
    node "$src/tests/browser/search_page.test.mjs" || status=$?
  if ((status != 0)); then
    echo "--- searchd stderr ---" >&2
    cat "$tmp/searchd.err" >&2
  fi
  kill "$searchd_pid" 2>/dev/null || true
  wait "$searchd_pid" 2>/dev/null || true
  searchd_pid=""
  return "$status"
}

# Open, then with --api-keys: the page asks for the key once and keeps it for the tab.
status=0
run_page_test || status=$?
printf '# browser test key\nbrowser-test-key-5f1c2a\n' >"$tmp/keys"
API_KEY=browser-test-key-5f1c2a BROWSER_TEST_SCREENSHOT="" run_page_test --api-keys "$tmp/keys" || status=$?
exit "$status"
