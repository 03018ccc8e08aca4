#!/usr/bin/env bash
# The committed base-library tables (rules/compat/tables/*_table.cpp) are what
# rules/compat/generate makes from the pinned npm packages and rules/compat/facts/: a table
# edited by hand, or a source changed without regenerating, fails here. Needs `npm ci` in
# rules/compat (scripts/test does it). Ends with "compat-tables: N passed, N failed".
set -uo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
passed=0
failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if node "$top/rules/compat/generate" "$work" 2>"$work/err"; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "FAIL: rules/compat/generate failed: $(head -3 "$work/err")"
fi
for table in api_table component_table config_table share_table; do
  if [ -f "$work/$table.cpp" ] && cmp -s "$work/$table.cpp" "$top/rules/compat/tables/$table.cpp"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: rules/compat/tables/$table.cpp differs from what rules/compat/generate makes (run it)"
    diff "$work/$table.cpp" "$top/rules/compat/tables/$table.cpp" 2>&1 | head -5
  fi
done
# The generator is deterministic: a second run gives the same bytes.
mkdir "$work/again"
node "$top/rules/compat/generate" "$work/again" 2>/dev/null
if diff -q "$work/again/api_table.cpp" "$work/api_table.cpp" >/dev/null 2>&1; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "FAIL: two runs of rules/compat/generate differ"
fi
echo "compat-tables: $passed passed, $failed failed"
[ "$failed" = 0 ]
