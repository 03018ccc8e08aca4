#!/usr/bin/env bash
# `meson install` puts mplint and its man page in a prefix, and the installed binary works
# from anywhere: it needs nothing from the source tree (rule docs, declarative rules and the
# compat tables are compiled in).
source "$(dirname "${BASH_SOURCE[0]}")/e2e_lib.sh"
root="$work/root"
prefix=$(meson introspect "$top/build" --buildoptions | python3 -c '
import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"))')
meson install -C "$top/build" --destdir "$root" --no-rebuild >"$work/install.log" 2>&1
check "install: meson install succeeds" test $? = 0
bin="$root$prefix/bin/mplint"
page="$root$prefix/share/man/man1/mplint.1"
check "install: the binary is in bin/" test -x "$bin"
check "install: the man page is in share/man/man1/" test -s "$page"
check "install: the man page renders, with every check option" bash -c "
  man -l '$page' 2>/dev/null >'$work/man.txt' || groff -man -Tutf8 '$page' >'$work/man.txt'
  grep -q 'static analyzer and linter for WeChat mini-program' '$work/man.txt' &&
  for o in \$('$bin' --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do grep -q -- \"\$o\" '$work/man.txt' || { echo missing \$o; exit 1; }; done"
check "install: installed --version is the built one" test "$("$bin" --version)" = "$("$mplint" --version)"

# Away from the source tree: a copy of the demo package in a temp folder, the binary copied
# out of the build folder.
cp -r "$top/fixtures/demo" "$work/demo"
cp "$bin" "$work/mplint-copy"
(cd "$work/demo" && "$work/mplint-copy" check . -f json --no-cache --fail-on never >"$work/installed.json")
(cd "$work/demo" && "$mplint" check . -f json --no-cache --fail-on never >"$work/built.json")
check "install: the installed binary finds what the built one finds" cmp -s "$work/installed.json" "$work/built.json"
check "install: ... and some" python3 -c 'import json,sys; assert len(json.load(open(sys.argv[1]))) > 5' "$work/installed.json"
check "install: rules and their docs are compiled in" bash -c "
  cd '$work' && '$work/mplint-copy' rules | grep -q '^security/insecure-url ' &&
  '$work/mplint-copy' explain performance/setdata-in-loop | grep -q '^## '"

echo "install: $passed passed, $failed failed"
[ "$failed" = 0 ]
