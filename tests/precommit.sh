#!/usr/bin/env bash
# End-to-end test of the pre-commit hook (.pre-commit-hooks.yaml) with the real `pre-commit`
# tool, offline: a temp git repository holding a tiny mini-program; a staged WXML binding a
# handler its page's JS lacks fails `pre-commit try-repo` and, with the hook installed from
# this repository's committed HEAD, refuses `git commit`; defining the handler lets the
# commit through; commits touching no linted file skip mplint; the `repo: local` recipe of
# README.md works too. The `mplint` on PATH is the binary under test (MPLINT_BIN).
# Prints one line per failure and ends with "precommit: N passed, N failed".
set -uo pipefail
source "$(dirname "$0")/e2e_lib.sh"

finish() {
  echo "precommit: $passed passed, $failed failed"
  [ "$failed" = 0 ] && exit 0
  exit 1
}
# said NAME PATTERN: the last command's stdout or stderr (git prints hook output on stderr)
# has a line matching the extended regex PATTERN.
said() {
  if cat "$work/out" "$work/err" | grep -qE -- "$2"; then pass; else
    fail "$1: no line matches '$2' in:"
    cat "$work/out" "$work/err" | sed 's/^/    /' | head -40
  fi
}
same() { if [ "$2" = "$3" ]; then pass; else fail "$1: got '$3', want '$2'"; fi; }
commits() { git rev-list --count HEAD 2>/dev/null || echo 0; }

# --- prerequisites: none is skipped, a missing one is a failure --------------------------
if ! command -v pre-commit >/dev/null; then
  fail "pre-commit is not installed (scripts/bootstrap installs the Debian package)"
  finish
fi
if [ ! -x "$mplint" ]; then
  fail "no mplint binary at $mplint (build it, or set MPLINT_BIN)"
  finish
fi
# Nothing from the user's or the system's git configuration (core.hooksPath would make
# `pre-commit install` refuse, commit.gpgsign would need a key) and no git state inherited
# from a calling hook; pre-commit's cache and temp files stay under $work.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES \
  GIT_CEILING_DIRECTORIES SKIP PRE_COMMIT PRE_COMMIT_ALLOW_NO_CONFIG
export GIT_CONFIG_GLOBAL="$work/gitconfig" GIT_CONFIG_NOSYSTEM=1
export PRE_COMMIT_HOME="$work/pre-commit-home" PRE_COMMIT_COLOR=never TMPDIR="$work/tmp"
mkdir -p "$TMPDIR"
git config --global safe.directory "$top"  # the repository may belong to another user
git config --global init.defaultBranch main
git config --global advice.detachedHead false

# The hook is cloned from the committed HEAD of this repository (as `rev:` in a user's
# config pins a commit): .pre-commit-hooks.yaml must be committed.
if ! rev=$(git -C "$top" rev-parse --verify -q HEAD) ||
   ! git -C "$top" cat-file -e "HEAD:.pre-commit-hooks.yaml" 2>/dev/null; then
  fail "$top: HEAD has no .pre-commit-hooks.yaml; commit it first (the hook is installed from HEAD)"
  finish
fi
if ! git -C "$top" diff --quiet HEAD -- .pre-commit-hooks.yaml 2>/dev/null; then
  echo "note: .pre-commit-hooks.yaml differs from HEAD; the installed-hook checks use HEAD's" >&2
fi

# `entry: mplint check` runs the mplint first on PATH: the binary under test, whatever its
# file name.
mkdir -p "$work/bin"
ln -s "$(cd "$(dirname "$mplint")" && pwd)/$(basename "$mplint")" "$work/bin/mplint"
export PATH="$work/bin:$PATH"
same "mplint on PATH is the one under test" "$work/bin/mplint" "$(command -v mplint)"

# --- a repository holding a valid mini-program, committed without the hook ----------------
repo="$work/repo"
if ! git init -q "$repo" || ! cd "$repo"; then fail "git init $repo"; finish; fi
git config user.name "mplint test"
git config user.email "test@mplint.invalid"
git config commit.gpgsign false
mkdir -p pages/index
echo '{ "pages": ["pages/index/index"] }' >app.json
cat >pages/index/index.js <<'EOF'
Page({
  data: { price: 1 },
  onLoad() {}
})
EOF
echo '<view class="price">{{price}}</view>' >pages/index/index.wxml
echo '{}' >pages/index/index.json
echo '.price { color: red; }' >pages/index/index.wxss
echo '# shop' >README.md
git add -A
check "the first commit (no hook installed yet)" git commit -qm "a valid mini-program"
expect_exit "the committed package is clean" 0 mplint check .

# --- (a) only the WXML is staged; it binds a handler the page's JS lacks -------------------
echo '<button bindtap="onBuy">Buy</button>' >>pages/index/index.wxml
git add pages/index/index.wxml
same "only the WXML is staged" "pages/index/index.wxml" "$(git diff --cached --name-only)"
expect_exit "try-repo: mplint fails on the staged WXML" 1 pre-commit try-repo "$top" mplint
said "try-repo: the hook failed" '^mplint\.+Failed$'
said "try-repo: the finding, checked against the page's JS" \
  "^pages/index/index\.wxml:2:18: error\[correctness/undefined-handler\] 'onBuy' \(bindtap\) is not a method of the Page in pages/index/index\.js$"
said "try-repo: only the staged file was passed" '^1 error, 0 warnings, 0 notes in 1 file '

# --- (b) the hook installed from this repository's HEAD refuses the commit ----------------
cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: $top
    rev: $rev
    hooks:
      - id: mplint
EOF
git add .pre-commit-config.yaml
expect_exit "pre-commit install" 0 pre-commit install
check "the git hook is installed" test -x .git/hooks/pre-commit
before=$(commits)
expect_exit "git commit is refused" 1 git commit -m "buy button"
same "the refused commit made no commit" "$before" "$(commits)"
said "commit: the hook failed" '^mplint\.+Failed$'
said "commit: the finding" "^pages/index/index\.wxml:2:18: error\[correctness/undefined-handler\] 'onBuy'"
check "the refused change is still staged" test -n "$(git diff --cached --name-only -- pages/index/index.wxml)"

# Defining the handler in the page's JS lets the commit through.
sed -i 's/^  onLoad() {}$/  onLoad() {},\n  onBuy() {}/' pages/index/index.js
check "the handler is in the page's JS" grep -q '^  onBuy() {}$' pages/index/index.js
git add pages/index/index.js
expect_exit "git commit with the handler passes" 0 git commit -m "buy button"
same "the commit was made" "$((before + 1))" "$(commits)"
said "commit: the hook passed" '^mplint\.+Passed$'
same "the commit holds the WXML, the JS and the config" \
  ".pre-commit-config.yaml pages/index/index.js pages/index/index.wxml" \
  "$(git show --name-only --format= HEAD | sort | tr '\n' ' ' | sed 's/ $//')"

# pre-commit stashes what is not staged: mplint sees the staged WXML, not the broken one on disk.
echo '<text>{{price}}</text>' >>pages/index/index.wxml
git add pages/index/index.wxml
echo '<button bindtap="onSell">Sell</button>' >>pages/index/index.wxml
before=$(commits)
expect_exit "an unstaged broken line does not block a commit" 0 git commit -m "price text"
said "partly staged: the hook passed" '^mplint\.+Passed$'
same "the commit was made" "$((before + 1))" "$(commits)"
check "the unstaged change is back in the work tree" grep -q onSell pages/index/index.wxml
git checkout -q -- pages/index/index.wxml

# --- commits touching no linted file do not run mplint ------------------------------------
echo 'Buy things.' >>README.md
git add README.md
before=$(commits)
expect_exit "a README-only commit passes" 0 git commit -m "docs"
same "the README commit was made" "$((before + 1))" "$(commits)"
said "README only: mplint skipped" '^mplint\.+\(no files to check\)Skipped$'
# node_modules and dot-folders: `mplint check .` does not list them, the hook excludes them.
mkdir -p node_modules/dep .github
echo 'eval("1")' >node_modules/dep/index.js
echo 'eval("1")' >.github/check.js
git add -f node_modules/dep/index.js .github/check.js
expect_exit "node_modules and dot-folders are not linted" 0 git commit -m "vendored"
said "vendored only: mplint skipped" '^mplint\.+\(no files to check\)Skipped$'

# --- the `repo: local` recipe: a hook whose entry is a built binary ------------------------
cat >"$work/local-config.yaml" <<EOF
repos:
  - repo: local
    hooks:
      - id: mplint
        name: mplint
        entry: $work/bin/mplint check
        language: system
        files: \\.(js|ts|wxs|wxml|wxss|json)\$
        exclude: (^|/)(node_modules|\\.[^/]+)/
        require_serial: true
EOF
echo '<button bindtap="onSell">Sell</button>' >>pages/index/index.wxml
git add pages/index/index.wxml
expect_exit "repo: local hook fails on the staged WXML" 1 \
  pre-commit run --config "$work/local-config.yaml"
said "repo: local: the finding" "^pages/index/index\.wxml:4:18: error\[correctness/undefined-handler\] 'onSell'"
# args from the user's config come before the file names: --fail-on never lets it through;
# pre-commit shows a passing hook's output only with --verbose (or `verbose: true`).
sed -i 's/^        require_serial: true$/        args: [--fail-on, never]\n&/' "$work/local-config.yaml"
expect_exit "repo: local hook with args: [--fail-on, never] passes" 0 \
  pre-commit run --verbose --config "$work/local-config.yaml"
said "--fail-on never: the hook passed" '^mplint\.+Passed$'
said "--fail-on never: the finding is still printed" "error\[correctness/undefined-handler\] 'onSell'"

finish
