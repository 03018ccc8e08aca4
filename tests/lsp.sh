#!/usr/bin/env bash
# The language server end to end: a JSON-RPC client over a pipe (tests/lsp_test.py), then
# a real editor, headless Neovim with its built-in LSP client (tests/nvim_lsp.sh). Ends with
# "lsp: N passed, N failed".
set -uo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mplint="${MPLINT_BIN:-$top/build/mplint}"
# Both parts print their own summary; this one adds them up.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
python3 "$top/tests/lsp_test.py" "$mplint" | tee "$log" | grep -v '^lsp: '
MPLINT_BIN="$mplint" "$top/tests/nvim_lsp.sh" | tee -a "$log" | grep -v '^nvim-lsp: '
p=0
f=0
while read -r a b; do
  p=$((p + a))
  f=$((f + b))
done < <(sed -nE 's/^(lsp|nvim-lsp): ([0-9]+) passed, ([0-9]+) failed$/\2 \3/p' "$log")
[ "$(grep -cE '^(lsp|nvim-lsp): ' "$log")" = 2 ] || { echo "FAIL: a part of the LSP tests did not finish"; f=$((f + 1)); }
echo "lsp: $p passed, $f failed"
[ "$f" = 0 ]
