#!/usr/bin/env bash
# code limits: the sizes issue 14 set for searchd/, indexer/ and schema/, checked on every test
# run so that they keep holding: no C++ file over 400 lines; no function over 60 lines (from the
# line of its name to its closing brace, blank lines and comments included) or over 5 parameters,
# as clang-tidy's readability-function-size counts them; and no file of the HTTP layer naming
# xapian.h (the build's include folders keep it from the search library's private headers).
#
#   tests/code_limits.sh SOURCE_DIR BUILD_DIR   (BUILD_DIR holds compile_commands.json)
set -euo pipefail
src=$1 build=$2
cd "$src"
folders=(searchd indexer schema)
problems=0

while read -r lines file; do
  if [[ $file != total && $lines -gt 400 ]]; then
    echo "code limits: $file has $lines lines (at most 400)"
    problems=$((problems + 1))
  fi
done < <(find "${folders[@]}" \( -name '*.cpp' -o -name '*.h' \) -print0 | xargs -0 wc -l)

if grep -rln --include='*.cpp' --include='*.h' '^#include.*xapian' searchd/http searchd/api searchd/watch; then
  echo "code limits: the files above, in the HTTP layer, the watches or the search library's public headers, include xapian.h"
  problems=$((problems + 1))
fi

config='{Checks: "-*,readability-function-size", CheckOptions: [
  {key: readability-function-size.LineThreshold, value: 60},
  {key: readability-function-size.ParameterThreshold, value: 5}]}'
command -v clang-tidy >/dev/null || { echo "code limits: clang-tidy not found"; exit 1; }

# The check must be able to fail: a probe with one function of 61 lines and one of 6 parameters
# has to draw both warnings, or the run below would pass by seeing nothing.
probe=$(mktemp -d "${TMPDIR:-/tmp}/code-limits.XXXXXX")
trap 'rm -rf "$probe"' EXIT
{
  echo 'int six(int a, int b, int c, int d, int e, int f) { return a + b + c + d + e + f; }'
  echo 'int long_one(int x) {'
  for _ in $(seq 59); do echo '  x += 1;'; done
  echo '  return x;'
  echo '}'
} >"$probe/probe.cpp"
seen=$(clang-tidy --quiet --config="$config" "$probe/probe.cpp" -- -std=c++20 2>/dev/null |
  grep -c 'readability-function-size' || true)
if [[ $seen -ne 2 ]]; then
  echo "code limits: clang-tidy flagged $seen of the 2 functions of the probe over a limit"
  exit 1
fi

# xargs exits non-zero when a clang-tidy run does (a file it could not compile): that fails too,
# so that a file the check never read cannot pass.
status=0
find "${folders[@]}" -name '*.cpp' -print0 |
  xargs -0 -P "$(nproc)" -n 4 clang-tidy -p "$build" --quiet --config="$config" \
    --header-filter="^$src/(searchd|indexer|schema)/" >"$probe/report" 2>"$probe/errors" ||
  status=$?
if ((status != 0)); then
  grep -E 'error:' "$probe/errors" | head -20
  echo "code limits: clang-tidy could not read every file (exit $status)"
  problems=$((problems + 1))
fi
report=$(grep -A2 'warning:' "$probe/report" | grep -E 'warning:|note:' | sort -u || true)
if [[ -n $report ]]; then
  echo "$report"
  echo "code limits: functions above are over 60 lines or 5 parameters"
  problems=$((problems + 1))
fi

if ((problems > 0)); then exit 1; fi
files=$(find "${folders[@]}" \( -name '*.cpp' -o -name '*.h' \) | wc -l)
echo "code limits: $files files within 400 lines, every function within 60 lines and 5 parameters"
