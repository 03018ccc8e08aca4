#!/usr/bin/env bash
# Differential test: mplint's syntax/parse-error verdicts against the syntax oracles (wcc and
# glass-easel for WXML, wcsc for WXSS, node --check for JS, strict JSON.parse) on every
# .wxml/.wxss/.js/.json file of tests/realworld packages and fixtures/. Prints one line per
# disagreement (DISAGREE path: oracle=... mplint=... (message)) and per skipped file, and ends
# with "oracle: N passed, N failed". Compile errors mplint reports under their own rules
# (correctness/wx-for-with-else, correctness/wxs-unsupported-syntax) count as its reject verdict.
# MPLINT_BIN selects the binary (default build/mplint).
# Intended differences: tests/oracle/exceptions.tsv.
set -uo pipefail
cd "$(dirname "$0")/.."
export PYTHONDONTWRITEBYTECODE=1
python3 tests/oracle/check.py || exit $?
