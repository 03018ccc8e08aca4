#!/usr/bin/env bash
# Replays fuzz/regressions/TARGET/ (inputs that once crashed or hung a fuzz target, and
# hand-made edge cases) through each target's replay program (fuzz/replay.cpp): none may
# crash, hang or trip a sanitizer. FUZZ_BUILD selects the build folder (default build).
# Ends with "fuzz: N passed, N failed" (one per target).
set -uo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${FUZZ_BUILD:-$top/build}
passed=0 failed=0
for dir in "$top"/fuzz/regressions/*/; do
  target=$(basename "$dir")
  replay=$build/fuzz/replay-$target
  if [ ! -x "$replay" ]; then
    echo "FAIL $target: no $replay"
    failed=$((failed + 1))
    continue
  fi
  out=$(ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    timeout 300 "$replay" "$dir" 2>&1)
  rc=$?
  if [ $rc -ne 0 ] || grep -qE 'runtime error|Sanitizer' <<<"$out"; then
    echo "FAIL $target (exit $rc):"
    tail -30 <<<"$out"
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
done
echo "fuzz: $passed passed, $failed failed"
