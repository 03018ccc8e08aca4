# Shared by the end-to-end scripts (sourced): the binary, a temp dir, counters and checks.
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mplint="${MPLINT_BIN:-$top/build/mplint}"  # MPLINT_BIN: test another build (sanitizers)
multitool="$top/tests/tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
work=$(mktemp -d)
trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT
passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
# check NAME COMMAND...: passes when the command succeeds.
check() {
  local name=$1
  shift
  if "$@" >/dev/null 2>&1; then pass; else fail "$name"; fi
}
# expect_exit NAME CODE COMMAND...: runs the command, keeps its stdout/stderr in $work/out
# and $work/err, and compares its exit code.
expect_exit() {
  local name=$1 code=$2
  shift 2
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" = "$code" ]; then pass; else fail "$name: exit $got, want $code ($(head -c 300 "$work/err"))"; fi
}
# valid_sarif FILE: the SARIF Multitool reports no error.
valid_sarif() {
  local out
  out=$("$multitool" validate "$1" 2>&1)
  if echo "$out" | grep -qE ': error [A-Z]+[0-9]+|error SARIF'; then
    echo "$out" | grep -E 'error' | head -5
    return 1
  fi
  return 0
}
