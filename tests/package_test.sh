#!/usr/bin/env bash
# The Debian package end to end (ctest label `package`): CPack makes the .deb from this build tree
# (no second compile), lintian finds no error in it, dpkg installs it, the installed indexer
# indexes the installed sample corpus as the package's system user, the installed searchd answers
# /healthz on a free loopback port, the installed units pass `systemd-analyze verify`, the man
# pages name every option --help lists; then `dpkg -r` keeps the index and `dpkg -P` removes it.
# Usage: tests/package_test.sh BUILD_DIR   (as root: CI's case; elsewhere it is skipped, exit 77)
set -euo pipefail

build=${1:?usage: package_test.sh BUILD_DIR}
package=briefing-search
if [[ $(id -u) != 0 ]]; then
  echo "package_test: skipped: installing a package needs root (CI runs as root)"
  exit 77
fi
if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q installed; then
  echo "package_test: skipped: $package is installed on this machine; not touching it"
  exit 77
fi
for tool in cpack lintian dpkg systemd-analyze runuser curl; do
  command -v "$tool" >/dev/null || PATH="$PATH:/usr/sbin:/sbin" command -v "$tool" >/dev/null ||
    { echo "package_test: $tool is not installed (bash .ci/install-deps --test)" >&2; exit 1; }
done
export PATH="$PATH:/usr/sbin:/sbin"

work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-package-XXXXXX")
searchd_pid=""
cleanup() {
  if [[ -n "$searchd_pid" ]]; then
    kill "$searchd_pid" 2>/dev/null || true
    wait "$searchd_pid" 2>/dev/null || true
  fi
  # Never leave the package (or its data) behind on the machine, whatever failed.
  dpkg -P "$package" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

failed=0
fail() { echo "package_test: FAILED: $*" >&2; failed=1; }
ok() { echo "package_test: ok: $*"; }

# ---- build and check the package ----
cpack --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log" >&2; exit 1; }
deb=$(ls "$work"/out/${package}_*.deb)
ok "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KB)"
lintian --tag-display-limit 0 "$deb" >"$work/lintian.log" 2>&1 || true
grep -v "running with root privileges" "$work/lintian.log" || true
if grep -q '^E:' "$work/lintian.log"; then fail "lintian reports errors"; else ok "lintian: no errors"; fi
depends=$(dpkg-deb -f "$deb" Depends)
[[ "$depends" == *libxapian* && "$depends" == *libicu* && "$depends" == *libcivetweb* ]] ||
  fail "Depends does not name the shared libraries: $depends"

# ---- install ----
dpkg -i "$deb" >"$work/dpkg-i.log" 2>&1 || { cat "$work/dpkg-i.log" >&2; exit 1; }
ok "dpkg -i"
getent passwd "$package" >/dev/null || fail "no system user $package"
[[ $(stat -c %a /etc/briefing-search/api-keys) == 600 ]] || fail "api-keys is not mode 0600"
[[ $(stat -c %U /var/lib/briefing-search) == "$package" ]] || fail "/var/lib/briefing-search owner"
/usr/bin/indexer --version | grep -q '^Xapian ' || fail "indexer --version names no Xapian"
/usr/bin/searchd --version | grep -q 'CivetWeb ' || fail "searchd --version names no CivetWeb"

# ---- the installed programs on the installed corpus, as the package's user ----
db=/var/lib/briefing-search/index.db
runuser -u "$package" -- /usr/bin/indexer --db "$db" --json /usr/share/briefing-search/corpus \
  >"$work/indexer.log" 2>&1 || { cat "$work/indexer.log" >&2; fail "installed indexer"; }
total=$(tail -n 1 "$work/indexer.log" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
((total > 0)) && ok "installed indexer indexed $total briefings into $db" || fail "nothing indexed"
: >"$work/searchd.log"
timeout --kill-after=5 60 runuser -u "$package" -- /usr/bin/searchd --db "$db" \
  --listen 127.0.0.1:0 2>"$work/searchd.log" &
searchd_pid=$!
port=""
for _ in $(seq 1 100); do
  port=$(sed -n 's|.*serving .* on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/searchd.log")
  [[ -n "$port" ]] && break
  sleep 0.1
done
[[ -n "$port" ]] || { cat "$work/searchd.log" >&2; fail "installed searchd did not start"; }
health=$(curl -s "http://127.0.0.1:$port/healthz" || true)
[[ "$health" == *"\"documents\":$total"* ]] && ok "installed searchd: /healthz $health" ||
  fail "healthz: $health"
kill "$searchd_pid"; wait "$searchd_pid" 2>/dev/null || true; searchd_pid=""

# ---- the units and the man pages as installed ----
for unit in searchd.service briefing-indexer.service briefing-indexer.timer; do
  if out=$(cd "$work" && systemd-analyze verify "/lib/systemd/system/$unit" 2>&1) && [[ -z "$out" ]]
  then ok "systemd-analyze verify $unit"; else fail "systemd-analyze verify $unit: $out"; fi
done
score=$(systemd-analyze security --offline=yes /lib/systemd/system/searchd.service 2>&1 |
  sed -n 's/.*Overall exposure level for searchd.service: //p')
ok "systemd-analyze security searchd.service: $score"
for program in indexer searchd; do
  page=$(MANWIDTH=200 man -l "/usr/share/man/man1/$program.1.gz" 2>/dev/null || zcat "/usr/share/man/man1/$program.1.gz")
  for option in $("/usr/bin/$program" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    grep -q -- "$option" <<<"$page" || fail "man $program does not name $option"
  done
done
ok "the man pages name every option of --help"

# ---- remove keeps data, purge removes it ----
dpkg -r "$package" >"$work/dpkg-r.log" 2>&1 || { cat "$work/dpkg-r.log" >&2; fail "dpkg -r"; }
[[ ! -e /usr/bin/searchd ]] || fail "dpkg -r left /usr/bin/searchd"
[[ -e "$db" && -d /var/lib/briefing-search/index.db.d ]] && ok "dpkg -r kept the index" ||
  fail "dpkg -r removed the index"
[[ -e /etc/briefing-search/briefing-search.conf ]] || fail "dpkg -r removed the configuration"
dpkg -P "$package" >"$work/dpkg-p.log" 2>&1 || { cat "$work/dpkg-p.log" >&2; fail "dpkg -P"; }
[[ ! -e /var/lib/briefing-search ]] && ok "dpkg -P removed the index" || fail "dpkg -P kept data"
[[ ! -e /etc/briefing-search ]] || fail "dpkg -P kept /etc/briefing-search"

((failed == 0)) && echo "package_test: all checks passed"
exit "$failed"
