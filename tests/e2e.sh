#!/usr/bin/env bash
# End-to-end tests of the mplint binary: CLI contract, output formats (SARIF checked by the
# SARIF Multitool), determinism, single-file and stdin modes, bad input, and real published
# mini-program libraries. Prints one line per failure and ends with "N passed, N failed".
set -uo pipefail
source "$(dirname "$0")/e2e_lib.sh"

cd "$top"
demo=fixtures/demo

# --- command line ---------------------------------------------------------------------
expect_exit "--version" 0 "$mplint" --version
check "--version prints the version" grep -qE '^mplint [0-9]+\.[0-9]+\.[0-9]+$' "$work/out"
expect_exit "check --help prints the usage" 0 "$mplint" check --help
check "--help lists the options" grep -q -- "--fail-on" "$work/out"
expect_exit "short options take attached values (-j4 -fjson)" 1 "$mplint" check "$demo" -j4 -fjson
check "-fjson gives json" python3 -c "import json,sys; assert json.load(open(sys.argv[1]))" "$work/out"
expect_exit "missing path is exit 2" 2 "$mplint" check does/not/exist
check "missing path message names the path" grep -q '^mplint: does/not/exist: No such file or directory$' "$work/err"
check "missing path message is one line" test "$(wc -l <"$work/err")" = 1
expect_exit "unknown format is exit 2" 2 "$mplint" check "$demo" --format xml
expect_exit "unknown option is exit 2" 2 "$mplint" check "$demo" --frobnicate
expect_exit "bad --jobs is exit 2" 2 "$mplint" check "$demo" -j zero
expect_exit "bad --target-lib is exit 2" 2 "$mplint" check "$demo" --target-lib 2.x
expect_exit "--target-lib accepted" 1 "$mplint" check "$demo" --target-lib 2.25.0
expect_exit "unknown --select prefix is exit 2" 2 "$mplint" check "$demo" --select nosuch/rule
expect_exit "rules lists the catalog" 0 "$mplint" rules
check "rules text has parse-error" grep -q '^syntax/parse-error ' "$work/out"
expect_exit "rules --format json" 0 "$mplint" rules --format json
check "rules json parses" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert any(r["id"]=="syntax/parse-error" for r in d["rules"])' "$work/out"
expect_exit "rules --format markdown" 0 "$mplint" rules --format markdown
check "rules markdown table" grep -q '^| `syntax/parse-error` | error |' "$work/out"
expect_exit "explain a rule" 0 "$mplint" explain syntax/parse-error
check "explain prints the doc" grep -q '^## Why is this bad?' "$work/out"
expect_exit "explain an unknown rule" 2 "$mplint" explain nope/nope

# --- the demo package -------------------------------------------------------------------
expect_exit "demo has findings" 1 "$mplint" check "$demo"
cp "$work/out" "$work/demo.txt"
check "text findings are path:line:col: severity[id]" grep -qE '^fixtures/demo/[^:]+:[0-9]+:[0-9]+: (error|warning|note)\[[a-z]+/[a-z0-9-]+\] ' "$work/demo.txt"
check "text has a code frame" grep -qE '^  [0-9]+ \| ' "$work/demo.txt"
check "text has a caret line" grep -qE '^ +\| +\^+' "$work/demo.txt"
# A minified line: the frame shows the part around the finding, the caret under it.
mini="$work/mini"
mkdir -p "$mini"
echo '{"pages": []}' >"$mini/app.json"
python3 -c "print('var a=1;' * 500 + 'eval(\"价\" + x);' + 'var b=2;' * 500)" >"$mini/min.js"
(cd "$mini" && "$mplint" check . --select security >"$work/mini.txt")
check "long lines: a window with ... and the caret under the finding" python3 -c '
import sys
lines = open(sys.argv[1]).read().splitlines()
frame, caret = lines[1], lines[2]
assert frame.startswith("  1 | ...") and frame.endswith("...") and len(frame) < 200, frame
at = caret.index("^")
assert frame[at:at + 4] == "eval" and caret.count("^") == 4, (frame, caret)
' "$work/mini.txt"
check "text has a summary" grep -qE '^[0-9]+ errors?, [0-9]+ warnings?, [0-9]+ notes? in [0-9]+ files? \([0-9]+ ms\)$' "$work/demo.txt"
expect_exit "--fail-on never" 0 "$mplint" check "$demo" --fail-on never
expect_exit "--fail-on note" 1 "$mplint" check "$demo" --fail-on note
expect_exit "--output writes a file" 1 "$mplint" check "$demo" -f json -o "$work/demo.json"
check "--output leaves stdout empty" test ! -s "$work/out"
check "json output is an array of findings" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert isinstance(d, list) and d
loc={"path","line","column","endLine","endColumn"}
for f in d:
    assert set(f) - {"related", "fixes"} == loc | {"ruleId","severity","message"}, f
    for x in f.get("fixes", []):
        assert set(x) == {"title", "safe", "edits"} and x["edits"], x
    assert f.get("related", [1]), f  # present only when non-empty
    for r in f.get("related", []):
        assert set(r) == loc | {"message"}, f
assert any("related" in f for f in d)
' "$work/demo.json"
expect_exit "--select of a warning rule passes the error gate" 0 "$mplint" check "$demo" -f json --select syntax,correctness/unknown-element
check "--select keeps only selected" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert d and all(f["ruleId"].startswith(("syntax","correctness/unknown-element")) for f in d), d
' "$work/out"
expect_exit "--fail-on warning gates on warnings" 1 "$mplint" check "$demo" --select correctness/unknown-element --fail-on warning
expect_exit "--ignore removes" 0 "$mplint" check "$demo" -f json --ignore correctness,syntax,security,performance,compat
check "--ignore everything leaves nothing" python3 -c 'import json,sys; assert json.load(open(sys.argv[1])) == []' "$work/out"
expect_exit "github format" 1 "$mplint" check "$demo" -f github
check "github lines" bash -c "grep -vqE '^::(error|warning|notice) file=[^,]+,line=[0-9]+,col=[0-9]+,endLine=[0-9]+,endColumn=[0-9]+,title=[a-z]+/[a-z0-9-]+::.+' '$work/out' && exit 1 || test -s '$work/out'"
check "--statistics counts per rule (stderr for machine formats)" bash -c "'$mplint' check '$demo' --statistics -f json 2>&1 >/dev/null | grep -qE '^[0-9]+	[a-z]+/[a-z0-9-]+$'"

# --- GitLab Code Quality -------------------------------------------------------------------
# In a git repository whose package is a subfolder: paths from the repository root, the
# baseline's fingerprints (of a baseline kept at that root), each fingerprint unique.
repo="$work/gl-repo"
mkdir -p "$repo/.git" && cp -r "$demo" "$repo/app"
printf "wx.request({ url: 'http://a.example.com/x' }); wx.request({ url: 'http://a.example.com/x' });\n" >"$repo/app/utils/twice.js"
expect_exit "gitlab format gates like the others" 1 bash -c "cd '$repo/app' && '$mplint' check . -f gitlab --no-cache"
cp "$work/out" "$work/gl.json"
(cd "$repo/app" && "$mplint" check . -f json --no-cache --fail-on never >"$work/gl-findings.json")
(cd "$repo/app" && "$mplint" check . --no-cache --fail-on never --write-baseline "$repo/base.json" >/dev/null)
check "gitlab: one entry per finding, Code Climate fields, unique fingerprints, root-relative paths" python3 -c '
import json,os,sys
gl=json.load(open(sys.argv[1])); findings=json.load(open(sys.argv[2])); repo=sys.argv[3]
assert isinstance(gl,list) and len(gl)==len(findings) and gl, (len(gl),len(findings))
for e,f in zip(gl,findings):
    assert e["check_name"]==f["ruleId"] and e["description"]==f["message"], e
    assert e["severity"] in ("info","minor","major","critical","blocker"), e
    assert e["location"]["path"]=="app/"+f["path"] and os.path.isfile(os.path.join(repo,e["location"]["path"])), e
    assert e["location"]["lines"]["begin"]==f["line"], e
sev={(e["check_name"],e["severity"]) for e in gl}
assert ("security/insecure-url","critical") in sev, sev
prints=[e["fingerprint"] for e in gl]
assert len(set(prints))==len(prints), "fingerprints not unique"
assert any(p.endswith("-2") for p in prints), "the second identical finding is numbered"
' "$work/gl.json" "$work/gl-findings.json" "$repo"
check "gitlab: fingerprints are the baseline's" python3 -c '
import json,sys
gl=json.load(open(sys.argv[1])); base=json.load(open(sys.argv[2]))["findings"]
ours=sorted((e["check_name"],e["location"]["path"],e["fingerprint"].split("-")[0]) for e in gl)
theirs=sorted((b["ruleId"],b["path"],b["fingerprint"]) for b in base)
assert ours==theirs, (ours[:3],theirs[:3])
' "$work/gl.json" "$repo/base.json"
rm -rf "$repo/.git"
(cd "$repo/app" && "$mplint" check . -f gitlab --no-cache --fail-on never >"$work/gl-nogit.json")
check "gitlab: outside a repository, paths from the current folder" python3 -c '
import json,sys
assert all(not e["location"]["path"].startswith(("app/","/","..")) for e in json.load(open(sys.argv[1])))
' "$work/gl-nogit.json"
expect_exit "an unknown format names the formats" 2 "$mplint" check "$demo" -f xml
check "unknown format message lists gitlab and html" grep -q "gitlab, html" "$work/err"

# --- SARIF ---------------------------------------------------------------------------------
# URIs are percent-encoded: a package in a folder with a space and Chinese file names.
odd="$work/my app 商城"
mkdir -p "$odd/pages/首页"
echo '{"pages": ["pages/首页/index"]}' >"$odd/app.json"
echo 'Page({})' >"$odd/pages/首页/index.js"
echo '<veiw>x</veiw>' >"$odd/pages/首页/index.wxml"
(cd "$odd" && "$mplint" check . -f sarif -o "$work/odd.sarif" --fail-on never --ignore compat,performance)
check "SARIF with spaces and Chinese in paths passes the Multitool" valid_sarif "$work/odd.sarif"
check "SARIF URIs are percent-encoded" python3 -c '
import json,sys
run=json.load(open(sys.argv[1]))["runs"][0]
assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/my%20app%20%E5%95%86%E5%9F%8E/"), run["originalUriBaseIds"]
uris={r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
assert uris == {"pages/%E9%A6%96%E9%A1%B5/index.wxml"}, uris
' "$work/odd.sarif"
expect_exit "sarif format" 1 "$mplint" check "$demo" -f sarif -o "$work/demo.sarif"
check "demo SARIF passes the Multitool" valid_sarif "$work/demo.sarif"
check "SARIF has rules, results, fingerprints, invocation" python3 -c '
import json,sys
d=json.load(open(sys.argv[1])); run=d["runs"][0]; drv=run["tool"]["driver"]
assert d["version"]=="2.1.0" and drv["name"]=="mplint" and drv["semanticVersion"]
ids=[r["id"] for r in drv["rules"]]; assert ids==sorted(ids)
for r in drv["rules"]:
    for k in ("shortDescription","fullDescription","help","helpUri","defaultConfiguration","properties"): assert k in r, (r["id"],k)
    assert r["properties"]["tags"] and r["properties"]["precision"]
assert run["results"] and run["invocations"][0]["executionSuccessful"] is True
for res in run["results"]:
    assert ids[res["ruleIndex"]]==res["ruleId"]
    loc=res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uriBaseId"]=="%SRCROOT%" and not loc["artifactLocation"]["uri"].startswith("/")
    assert loc["region"]["startLine"]>=1 and loc["region"]["startColumn"]>=1
    assert res["partialFingerprints"]
' "$work/demo.sarif"

check "SARIF relatedLocations: id, physical location, message" python3 -c '
import json,sys
res=json.load(open(sys.argv[1]))["runs"][0]["results"]
rel=[r for r in res if r.get("relatedLocations")]
assert any(r["ruleId"]=="correctness/duplicate-attribute" for r in rel), res
for r in rel:
    for i, l in enumerate(r["relatedLocations"]):
        assert l["id"]==i and l["message"]["text"], l
        p=l["physicalLocation"]
        assert p["artifactLocation"]["uriBaseId"]=="%SRCROOT%" and p["region"]["startLine"]>=1, l
' "$work/demo.sarif"
check "text: a related location is a note with its own frame" python3 -c '
import sys
lines=open(sys.argv[1]).read().splitlines()
at=[i for i, l in enumerate(lines) if l == "  note: first set here"]
assert at, "no note"
i=at[0]
assert lines[i-3].split(": ")[1].startswith("error[correctness/duplicate-attribute]"), lines[i-3:i]
num=lines[i+1].split(" | ")[0]
assert num.strip().isdigit() and lines[i+2].startswith(" " * len(num) + " | ") and "^" in lines[i+2], lines[i:i+3]
' "$work/demo.txt"
# A package outside the current directory: SARIF names its files by absolute file:// URIs
# (percent-encoded), never by a ../ path that code scanning cannot map.
mkdir -p "$work/side by side/pkg/pages/首页" "$work/side by side/here"
echo '{"pages": ["pages/首页/index"]}' >"$work/side by side/pkg/app.json"
echo 'Page({})' >"$work/side by side/pkg/pages/首页/index.js"
echo '<veiw>x</veiw>' >"$work/side by side/pkg/pages/首页/index.wxml"
(cd "$work/side by side/here" && "$mplint" check ../pkg -f sarif -o "$work/outside.sarif" --fail-on never --ignore compat,performance)
check "SARIF for files outside the current directory passes the Multitool" valid_sarif "$work/outside.sarif"
check "SARIF for files outside the current directory: absolute file:// URIs" python3 -c '
import json,sys,urllib.parse
run=json.load(open(sys.argv[1]))["runs"][0]
locs=[r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
assert locs, run
for a in locs:
    assert "uriBaseId" not in a and a["uri"].startswith("file:///") and "../" not in a["uri"], a
    assert urllib.parse.unquote(a["uri"]) == "file://" + sys.argv[2] + "/pages/首页/index.wxml", a
    assert " " not in a["uri"], a
' "$work/outside.sarif" "$(cd "$work/side by side/pkg" && pwd)"

# --- determinism -----------------------------------------------------------------------------
"$mplint" check "$demo" -f sarif -j 1 >"$work/j1.sarif" 2>/dev/null
"$mplint" check "$demo" -f sarif -j 4 >"$work/j4.sarif" 2>/dev/null
"$mplint" check "$demo" -f sarif -j 4 >"$work/j4b.sarif" 2>/dev/null
check "SARIF identical for -j 1 and -j 4" cmp "$work/j1.sarif" "$work/j4.sarif"
check "SARIF identical run after run" cmp "$work/j4.sarif" "$work/j4b.sarif"

# --- fingerprints survive line shifts -------------------------------------------------------
# Every fixture shifted down by ten lines: each rule's findings keep their fingerprints (a
# message that quoted a line number of its own file would not).
if out=$(python3 tests/fingerprints_shift.py "$mplint" fixtures "$work" 2>&1); then pass; else
  fail "fingerprints do not move when lines are inserted above (all fixtures): $out"
fi

# --- single-file and stdin modes -------------------------------------------------------------
expect_exit "single file" 1 "$mplint" check "$demo/pages/index/index.wxml" -f json
check "single file reports only that file" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert d and all(f["path"]=="fixtures/demo/pages/index/index.wxml" for f in d), d
' "$work/out"
check "single file matches the whole-package findings for it" python3 -c '
import json,sys
one=json.load(open(sys.argv[1])); whole=json.load(open(sys.argv[2]))
assert one == [f for f in whole if f["path"]=="fixtures/demo/pages/index/index.wxml"], (one, whole)
' "$work/out" "$work/demo.json"
printf '<view>\n  <veiw>typo</veiw>\n  <text>{{ open </text>\n</view>\n' >"$work/buffer.wxml"
expect_exit "stdin buffer" 1 "$mplint" check --stdin-filename "$demo/pages/profile/profile.wxml" -f json <"$work/buffer.wxml"
check "stdin findings are for the buffer, not the disk file" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert d and all(f["path"]=="fixtures/demo/pages/profile/profile.wxml" for f in d), d
assert any(f["ruleId"]=="syntax/parse-error" and f["line"]==3 for f in d), d
' "$work/out"
printf 'Page({ onTap() {} })\n' | "$mplint" check --stdin-filename "$demo/pages/new/new.js" >/dev/null 2>&1
check "stdin for a file not on disk" test $? -le 1

# --- bad input ---------------------------------------------------------------------------------
bad="$work/bad"
mkdir -p "$bad/pages/a" "$bad/loop"
printf '"just a string"' >"$bad/app.json"
head -c 2000 /dev/zero >"$bad/pages/a/binary.js"
printf '// \xd6\xd0\xce\xc4\nvar a = 1;\n' >"$bad/pages/a/gbk.js"
printf '\xef\xbb\xbfvar a = 1;\r\nvar b = 2;\r\n' >"$bad/pages/a/bom.js"
python3 -c 'import sys; sys.stdout.write("var a=[" + ",".join(str(i) for i in range(1800000)) + "];")' >"$bad/pages/a/min.js"
python3 -c 'import sys; sys.stdout.write("<view>" * 100000)' >"$bad/pages/a/deep.wxml"
printf '<view><text>{{ a </text><!-- open' >"$bad/pages/a/open.wxml"
printf '{"a": 1,}\n' >"$bad/pages/a/trailing.json"
printf '{"a": 1 /* c */}\n' >"$bad/pages/a/comment.json"
ln -s ../loop "$bad/loop/self"
ln -s does-not-exist.js "$bad/pages/a/dangling.js"
expect_exit "bad input is findings, not a crash" 1 timeout 60 "$mplint" check "$bad" -f json
cp "$work/out" "$work/bad.json"
check "bad input: each bad file has a parse-error" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
bad={f["path"].split("/")[-1] for f in d if f["ruleId"]=="syntax/parse-error"}
want={"binary.js","gbk.js","deep.wxml","open.wxml","trailing.json","comment.json","dangling.js"}
assert want <= bad, want - bad
assert "bom.js" not in bad and "min.js" not in bad, bad
' "$work/bad.json"
check "unreadable file is named on stderr" grep -q 'dangling.js: cannot read' "$work/err"
"$mplint" check "$bad" -f json -j 1 >"$work/bad1.json" 2>/dev/null
check "bad input output identical across -j" cmp "$work/bad.json" "$work/bad1.json"

# --- a miniprogramRoot that is not built yet is said plainly -------------------------------------
nobuild="$work/nobuild"
mkdir -p "$nobuild/src/pages/a"
echo '{"miniprogramRoot": "dist/"}' >"$nobuild/project.config.json"
echo '{"pages": ["pages/a/a"]}' >"$nobuild/src/app.json"
echo '<view/>' >"$nobuild/src/pages/a/a.wxml"
expect_exit "missing miniprogramRoot: still lints" 0 "$mplint" check "$nobuild"
check "missing miniprogramRoot: one warning naming it" grep -q "miniprogramRoot 'dist/' does not exist" "$work/err"

# --- fixes ---------------------------------------------------------------------------------------
fx="$work/fix"
mkdir -p "$fx/pages/index"
printf '{\n  "pages": ["pages/index/index"]\n}\n' >"$fx/app.json"
echo '{}' >"$fx/pages/index/index.json"
printf '{\n  "miniprogramRoot": "./",\n  "setting": { "minified": false }\n}\n' >"$fx/project.config.json"
printf '<view hidden="false">a</view>\n<view wx:if="show">b</view>\n<!-- mplint-disable-next-line correctness/string-boolean -->\n<view>c</view>\n' >"$fx/pages/index/index.wxml"
printf "Page({})\n// mplint-disable-next-line security/dynamic-code, security/insecure-url\nwx.request({ url: 'http://api.example.com/a' })\n" >"$fx/pages/index/index.js"
cp -r "$fx" "$work/fix-before"
expect_exit "--fix-dry-run exits 1 when there is something to fix" 1 "$mplint" check "$fx" --fix-dry-run --ignore compat
check "--fix-dry-run writes nothing (but the cache)" diff -r -x .mplint-cache "$work/fix-before" "$fx"
cat >"$work/want.diff" <<DIFF
--- a/$fx/app.json
+++ b/$fx/app.json
@@ -1,3 +1,4 @@
 {
+  "lazyCodeLoading": "requiredComponents",
   "pages": ["pages/index/index"]
 }
--- a/$fx/pages/index/index.js
+++ b/$fx/pages/index/index.js
@@ -1,3 +1,3 @@
 Page({})
-// mplint-disable-next-line security/dynamic-code, security/insecure-url
+// mplint-disable-next-line security/insecure-url
 wx.request({ url: 'http://api.example.com/a' })
--- a/$fx/pages/index/index.wxml
+++ b/$fx/pages/index/index.wxml
@@ -1,4 +1,3 @@
-<view hidden="false">a</view>
+<view hidden="{{false}}">a</view>
 <view wx:if="show">b</view>
-<!-- mplint-disable-next-line correctness/string-boolean -->
 <view>c</view>
--- a/$fx/project.config.json
+++ b/$fx/project.config.json
@@ -1,4 +1,4 @@
 {
   "miniprogramRoot": "./",
-  "setting": { "minified": false }
+  "setting": { "minified": true }
 }
DIFF
sed -i "s#a/$work/#a/#; s#b/$work/#b/#" "$work/want.diff"
(cd "$work" && "$mplint" check fix --fix-dry-run --ignore compat >"$work/dry.diff" 2>"$work/dry.err")
sed -i "s#$work/##" "$work/want.diff"
check "--fix-dry-run prints the safe fixes as a unified diff (not the unsafe ones)" diff "$work/want.diff" "$work/dry.diff"
check "--fix-dry-run counts the fixes on stderr" grep -qx 'mplint: 5 fixes in 4 files (not applied: --fix-dry-run)' "$work/dry.err"
check "the diff applies with patch" bash -c "cp -r '$work/fix-before' '$work/patched' && cd '$work/patched' && patch -s -p2 <'$work/dry.diff'"
expect_exit "--fix: only a warning is left, exit 0" 0 "$mplint" check "$fx" --fix --ignore compat -f json
check "--fix says what it fixed" grep -qx 'mplint: fixed 5 findings in 4 files' "$work/err"
check "--fix writes what --fix-dry-run showed" diff -r -x '*.orig' -x .mplint-cache "$work/patched" "$fx"
check "--fix reports only what is left" python3 -c '
import json,sys
got = sorted((f["path"].split("/")[-1], f["ruleId"]) for f in json.load(open(sys.argv[1])))
assert got == [("index.wxml", "correctness/string-boolean")], got
' "$work/out"
cp -r "$fx" "$work/fix-once"
expect_exit "a second --fix finds nothing more to fix" 0 "$mplint" check "$fx" --fix --ignore compat
check "a second --fix says nothing about fixing" test ! -s "$work/err"
check "a second --fix changes nothing" diff -r "$work/fix-once" "$fx"
expect_exit "--fix-dry-run after --fix: nothing to do, exit 0" 0 "$mplint" check "$fx" --fix-dry-run --ignore compat
expect_exit "--fix with --fix-dry-run is a usage error" 2 "$mplint" check "$fx" --fix --fix-dry-run
expect_exit "--fix with --stdin-filename is a usage error" 2 "$mplint" check --fix --stdin-filename "$fx/app.json"
(cd "$work/fix-before" && "$mplint" check . -f sarif -o "$work/fix.sarif" --fail-on never --ignore compat)
check "SARIF with fixes passes the Multitool" valid_sarif "$work/fix.sarif"
check "SARIF carries the unsafe fix too (http -> https)" python3 -c '
import json,sys
results = json.load(open(sys.argv[1]))["runs"][0]["results"]
fixes = [x for r in results for x in r.get("fixes", [])]
https = [x for x in fixes if "encrypted" in x["description"]["text"]]
rep = https[0]["artifactChanges"][0]["replacements"][0]
assert rep["insertedContent"]["text"] == "s" and rep["deletedRegion"] == {"startLine": 3, "startColumn": 24, "endLine": 3, "endColumn": 24}, rep
assert https[0]["artifactChanges"][0]["artifactLocation"]["uri"] == "pages/index/index.js"
assert len(fixes) >= 6, fixes
' "$work/fix.sarif"

# --- real packages nobody here wrote ------------------------------------------------------------
# The four libraries of the foundation issue must parse without a single parse error; the
# others hold real syntax errors (mp-html's Alipay build), reviewed in expected-findings.tsv.
clean_parsers="tdesign-miniprogram @vant/weapp weui-miniprogram lin-ui"
all_packages="$clean_parsers iview-weapp mp-html towxml wux-weapp"
for name in $all_packages; do
  pkg=tests/realworld/node_modules/$name
  timeout 120 "$mplint" check "$pkg" -f sarif -o "$work/real.sarif" 2>"$work/err"
  code=$?
  if [ $code -le 1 ]; then pass; else fail "$name: exit $code $(head -c 300 "$work/err")"; fi
  check "$name: SARIF passes the Multitool" valid_sarif "$work/real.sarif"
  case " $clean_parsers " in *" $name "*) ;; *) continue ;; esac
  check "$name: no parse errors" python3 -c '
import json,sys
res=json.load(open(sys.argv[1]))["runs"][0]["results"]
bad=[(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["message"]["text"]) for r in res if r["ruleId"]=="syntax/parse-error"]
assert not bad, bad[:5]
' "$work/real.sarif"
done
check "real packages: exactly the reviewed findings (tests/realworld/expected-findings.tsv)" python3 -c '
import json,subprocess,sys
mplint, root = sys.argv[1], "tests/realworld/node_modules/"
want = sorted(l for l in open("tests/realworld/expected-findings.tsv").read().splitlines() if l and not l.startswith("#"))
got = []
for pkg in sys.argv[2].split():
    out = subprocess.run([mplint, "check", ".", "-f", "json"], cwd=root + pkg, capture_output=True, text=True).stdout
    got += ["%s\t%s:%d:%d\t%s" % (pkg, f["path"], f["line"], f["column"], f["ruleId"]) for f in json.loads(out)]
got.sort()
extra = [g for g in got if g not in want]
gone = [w for w in want if w not in got]
assert not extra and not gone, "new (false positive?): %s\nno longer found: %s" % (extra[:10], gone[:10])
' "$mplint" "$all_packages"

# --- mplint compat ----------------------------------------------------------------------
compat_app=fixtures/compat/api-min-version/guards
expect_exit "compat prints the floor" 0 "$mplint" compat "$compat_app"
check "compat names the floor and its share" grep -q '^Lowest base library this package needs: 2.26.0 (about 0.2% of users run below 2.26.0)$' "$work/out"
check "compat names what sets the floor (an option newer than its API)" grep -qE '^  fixtures/compat/api-min-version/guards/pages/index/index.js:12:[0-9]+  wx.compressImage option compressedWidth  2.26.0$' "$work/out"
check "compat lists the lower versions" grep -qE '^  2.20.1 +1 use +under 0.1% of users run below 2.20.1$' "$work/out"
check "compat compares with the target" grep -q '^Target 2.9.0 (target-lib in .mplint.yml): 6 unguarded uses need more.$' "$work/out"
check "compat says where the share comes from" grep -q '^User share: miniprogram-versions@' "$work/out"
expect_exit "compat --target-lib overrides" 0 "$mplint" compat "$compat_app" --target-lib 2.26.0
check "compat: a target at the floor covers every use" grep -q '^Target 2.26.0 (--target-lib): covers every use.$' "$work/out"
expect_exit "compat -f json" 0 "$mplint" compat "$compat_app" -f json
check "compat json: floor, setBy, levels in numeric order" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["floor"] == "2.26.0", d["floor"]
assert d["setBy"][0]["feature"] == "wx.compressImage option compressedWidth" and d["setBy"][0]["line"] == 12
versions = [l["version"] for l in d["levels"]]
key = lambda v: tuple(int(x) for x in v.split("."))
assert versions == sorted(versions, key=key, reverse=True), versions
assert 0.1 < d["shareBelowFloor"]["mean"] < 0.3
assert d["target"] == {"version": "2.9.0", "source": "target-lib in .mplint.yml"}
' "$work/out"
mkdir -p "$work/old-only/pages/a"
echo '{"pages": ["pages/a/a"]}' >"$work/old-only/app.json"
echo 'Page({ onLoad() { if (wx.getWindowInfo) wx.getWindowInfo(); wx.showToast({ title: "x" }) } })' >"$work/old-only/pages/a/a.js"
expect_exit "compat on a package needing nothing" 0 "$mplint" compat "$work/old-only"
check "compat: nothing needed" grep -q '^No unguarded API' "$work/out"
expect_exit "compat: bad format is exit 2" 2 "$mplint" compat "$compat_app" -f sarif
expect_exit "compat: missing path is exit 2" 2 "$mplint" compat does/not/exist
expect_exit "check: compat findings carry requiredVersion" 1 "$mplint" check "$compat_app" --select compat -f json
check "json properties hold the required version" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
d = [f for f in d if f["ruleId"] != "compat/deprecated-api"]
assert d and all(f["properties"]["requiredVersion"] for f in d), d[:1]
' "$work/out"
expect_exit "check: no target gives one note" 0 "$mplint" check fixtures/compat/api-min-version/no-target --select compat
check "the note says how to set the target" grep -q 'note\[compat/api-min-version\] no target base library: set `target-lib`' "$work/out"

# --- the disk cache ----------------------------------------------------------------------
# Output with the cache is the output without it: cold, warm, after edits, after a config
# change, after the cache files are truncated or overwritten with junk, and for two runs at
# once. tdesign-miniprogram is a copy, so its source can be edited.
cc="$work/cache-pkg"
cp -r tests/realworld/node_modules/tdesign-miniprogram/miniprogram_dist "$cc"
rm -rf "$cc/.mplint-cache"
same_as_uncached() {  # $1: test name; the rest: extra options
  local name=$1
  shift
  "$mplint" check "$cc" -f json --fail-on never --no-cache "$@" >"$work/nocache.json" 2>"$work/nocache.err"
  "$mplint" check "$cc" -f json --fail-on never "$@" >"$work/cached.json" 2>"$work/cached.err"
  check "$name" cmp "$work/nocache.json" "$work/cached.json"
}
same_as_uncached "cache: a cold run gives the same output"
check "cache: entries are written at the package root" test -d "$cc/.mplint-cache"
check "cache: the cache folder ignores itself for git" grep -qx '\*' "$cc/.mplint-cache/.gitignore"
same_as_uncached "cache: a warm run gives the same output"
entries=$(find "$cc/.mplint-cache" -type f -not -name .gitignore | wc -l)
check "cache: one entry per linted file" test "$entries" -gt 100
echo "wx.request({ url: 'http://a.example.com' })" >>"$cc/button/button.js"
same_as_uncached "cache: after an edit to a script"
sed -i 's#</view>#</view><view wx:for="{{list}}">{{item}}</view>#' "$cc/button/button.wxml"
same_as_uncached "cache: after an edit to a template"
printf 'rules:\n  performance/wx-for-missing-key: off\n  correctness/unknown-element: warning\n' >"$cc/.mplint.yml"
same_as_uncached "cache: after a config change"
rm "$cc/.mplint.yml"
echo '{"component": true, "usingComponents": {"t-x": "../nope/nope"}}' >"$cc/button/button.json"
same_as_uncached "cache: after an edit to a component's JSON"
rm -rf "$cc/.mplint-cache"  # only current entries: each is asked for again
"$mplint" check "$cc" --fail-on never >/dev/null 2>&1
n=0
for f in $(find "$cc/.mplint-cache" -type f -not -name .gitignore | sort | head -40); do
  case $((n % 4)) in
    0) truncate -s 0 "$f" ;;
    1) truncate -s 100 "$f" ;;
    2) head -c 300 /dev/urandom >"$f" ;;
    3) python3 -c "import sys; p=sys.argv[1]; b=bytearray(open(p,'rb').read()); b[-1]^=0xff; open(p,'wb').write(b)" "$f" ;;
  esac
  n=$((n + 1))
done
junk=$(find "$cc/.mplint-cache" -type f -not -name .gitignore | sort | head -1)
same_as_uncached "cache: truncated, junk and corrupted entries are recomputed"
check "cache: a bad entry is rewritten" test "$(head -c 14 "$junk")" = "mplint-cache-1"
"$mplint" check "$cc" -f json --fail-on never >"$work/par1.json" 2>/dev/null &
"$mplint" check "$cc" -f json --fail-on never >"$work/par2.json" 2>/dev/null
wait
check "cache: two runs at once agree" cmp "$work/par1.json" "$work/par2.json"
check "cache: and agree with an uncached run" cmp "$work/par1.json" "$work/nocache.json"
rm -rf "$cc/.mplint-cache" "$work/elsewhere"
"$mplint" check "$cc" --fail-on never --no-cache >/dev/null 2>&1
check "cache: --no-cache writes nothing" test ! -e "$cc/.mplint-cache"
"$mplint" check "$cc" --fail-on never --cache-dir "$work/elsewhere" >/dev/null 2>&1
check "cache: --cache-dir puts it there" test -f "$work/elsewhere/.gitignore" -a ! -e "$cc/.mplint-cache"
mkdir -p "$work/ro-cache" && chmod 555 "$work/ro-cache"
expect_exit "cache: an unwritable cache folder is no error" 0 "$mplint" check "$cc" --fail-on never --cache-dir "$work/ro-cache/c"
chmod 755 "$work/ro-cache"

echo "e2e: $passed passed, $failed failed"
[ "$failed" = 0 ]
