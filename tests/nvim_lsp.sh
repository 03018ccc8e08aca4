#!/usr/bin/env bash
# A real editor as the client: headless Neovim's built-in LSP client runs `mplint lsp` on a
# page (tests/nvim_lsp.lua). It must show the findings with the rule id as code; fixing a
# typo in the unsaved buffer clears that finding; adding the missing handler to the page's
# JS, unsaved, clears the WXML's handler finding. Ends with "nvim-lsp: N passed, N failed".
set -uo pipefail
source "$(dirname "$0")/e2e_lib.sh"

app="$work/app"
mkdir -p "$app/pages/index"
printf '{\n  "pages": ["pages/index/index"],\n  "lazyCodeLoading": "requiredComponents"\n}\n' >"$app/app.json"
echo '{}' >"$app/pages/index/index.json"
printf '<veiw class="title">商品</veiw>\n<button bindtap="onBuy">买</button>\n' >"$app/pages/index/index.wxml"
printf 'Page({\n  data: {},\n  onLoad() {}\n})\n' >"$app/pages/index/index.js"
cp -r "$app" "$work/pristine"

log="$work/nvim.log"
if ! command -v nvim >/dev/null; then
  fail "nvim is not installed (scripts/bootstrap installs the Debian package neovim)"
else
  MPLINT="$mplint" APP="$app" OUT="$log" timeout 120 \
    nvim --headless -u NONE -i NONE -n -c "luafile $top/tests/nvim_lsp.lua" >"$work/nvim.out" 2>&1
  check "Neovim ran the script to its end" grep -qx 'done' "$log"
  check "opened: the findings with the rule ids as codes, at their places" \
    grep -qx 'opened: correctness/undefined-handler@2:18 correctness/unknown-element@1:2' "$log"
  check "the diagnostics say they come from mplint" grep -qx 'source: mplint' "$log"
  check "fixing the typo in the unsaved buffer clears that finding" \
    grep -qx 'typo fixed: correctness/undefined-handler@2:18' "$log"
  check "adding the handler to the unsaved JS clears the WXML's handler finding" \
    grep -qx 'handler added: ' "$log"
  check "both buffers stay unsaved" grep -qx 'unsaved: true true' "$log"
  check "nothing was written to disk" diff -r "$work/pristine" "$app"
  [ "$failed" = 0 ] || { echo "--- log:"; cat "$log" "$work/nvim.out"; }
fi
echo "nvim-lsp: $passed passed, $failed failed"
[ "$failed" = 0 ]
