#!/usr/bin/env bash
# The language server end to end: a JSON-RPC client over a pipe (tests/lsp_test.py), then
# a real editor, headless Neovim with its built-in LSP client (tests/nvim_lsp.sh). Ends with
# "lsp: N passed, N failed".
set -uo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mplint="${MPLINT_BIN:-$top/build/mplint}"
python3 "$top/tests/lsp_test.py" "$mplint"
