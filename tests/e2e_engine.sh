#!/usr/bin/env bash
# End-to-end tests of the engine around the rules: .mplint.yml, inline suppressions (and
# their SARIF form), baselines, --statistics/--select/--ignore, declarative rules loaded from
# a user directory (check, test-rules, explain, rules) and `mplint init`. Every check builds
# tiny mini-program packages in a temp dir. Prints one line per failure and ends with
# "e2e-engine: N passed, N failed".
set -uo pipefail
source "$(dirname "$0")/e2e_lib.sh"

# same NAME WANT GOT: compares two strings.
same() { if [ "$2" = "$3" ]; then pass; else fail "$1: got '$3', want '$2'"; fi; }
# found [FILE]: the findings of a json report as "file:line:rule-id", space-separated.
found() {
  python3 -c '
import json,sys
try: d = json.load(open(sys.argv[1]))
except ValueError: d = [{"path": "NOT-JSON", "line": 0, "ruleId": "-"}]
print(" ".join("%s:%d:%s" % (f["path"].split("/")[-1], f["line"], f["ruleId"]) for f in d))
' "${1:-$work/out}"
}
# in_dir DIR COMMAND...: runs the command in DIR.
in_dir() { (cd "$1" && shift && "$@"); }
# mkpkg DIR: a package with three findings: index.js:1 unresolved-import, index.js:5
# dynamic-code, index.wxml:2 unknown-element.
mkpkg() {
  mkdir -p "$1/pages/index"
  printf '{\n  "pages": ["pages/index/index"],\n  "lazyCodeLoading": "requiredComponents"\n}\n' >"$1/app.json"
  printf '{}\n' >"$1/pages/index/index.json"
  printf '.a { color: red; }\n' >"$1/pages/index/index.wxss"
  cat >"$1/pages/index/index.js" <<'EOF'
const util = require('./missing')
Page({
  data: {},
  onLoad() {
    eval(x)
  }
})
EOF
  printf '<view>\n  <veiw>typo</veiw>\n</view>\n' >"$1/pages/index/index.wxml"
}
all3="index.js:1:correctness/unresolved-import index.js:5:security/dynamic-code index.wxml:2:correctness/unknown-element"

cd "$work"
mkpkg pkg
expect_exit "the test package has findings" 1 "$mplint" check pkg -f json
same "the test package's findings" "$all3" "$(found)"

# --- 1. config errors: exit 2, `file:line: message` on stderr, nothing on stdout -------------
# config_error NAME LINE MESSAGE-REGEX YAML
config_error() {
  mkpkg cfg
  printf '%s' "$4" >cfg/.mplint.yml
  expect_exit "config $1: exit 2" 2 "$mplint" check cfg
  check "config $1: stdout empty" test ! -s "$work/out"
  check "config $1: one line on stderr" test "$(wc -l <"$work/err")" = 1
  check "config $1: names cfg/.mplint.yml:$2" grep -qE "^mplint: cfg/\.mplint\.yml:$2: .*$3" "$work/err"
}
config_error "unknown key" 3 'unknown key `frobnicate`' $'# settings\nrules: {}\nfrobnicate: 1\n'
config_error "unknown rule id" 3 'unknown rule or category `correctness/nope`' $'# settings\nrules:\n  correctness/nope: off\n'
config_error "bad severity" 3 'unknown level `loud`' $'rules:\n  correctness/unknown-element: warning\n  security/dynamic-code: loud\n'
# No rule has options yet, so an option of the wrong type cannot be written; these are the
# nearest: an option the rule does not take, and values of the wrong YAML type.
config_error "option a rule does not take" 4 'has no option `max-kb`' $'rules:\n  security/dynamic-code:\n    severity: error\n    max-kb: 5\n'
config_error "rule level of the wrong type" 2 'must be a level or a mapping' $'rules:\n  security/dynamic-code: [error]\n'
config_error "exclude of the wrong type" 3 'exclude must be a string or a list' $'# settings\nexclude:\n  vendor: yes\n'
config_error "bad target-lib" 1 'target-lib must be a version' $'target-lib: 2.x\n'
config_error "not YAML" 3 'not valid YAML' $'a: 1\nb: 2\nfoo: bar: baz\n'
config_error "not a mapping" 1 'must be a mapping' $'- just\n- a list\n'
expect_exit "--config to a missing file is exit 2" 2 "$mplint" check pkg --config nope.yml
check "--config to a missing file: stdout empty" test ! -s "$work/out"
check "--config to a missing file names it" grep -qx 'mplint: nope.yml: cannot read: No such file or directory' "$work/err"

# --- 2. config that works ---------------------------------------------------------------------
printf 'rules:\n  correctness/unknown-element: off\n' >pkg/.mplint.yml
expect_exit "rule off" 1 "$mplint" check pkg -f json
same "rule off removes its findings" "index.js:1:correctness/unresolved-import index.js:5:security/dynamic-code" "$(found)"
printf 'rules:\n  correctness: warning\n' >pkg/.mplint.yml
expect_exit "category severity" 1 "$mplint" check pkg -f json
check "category severity changes every rule of it" python3 -c '
import json,sys
sev={f["ruleId"]:f["severity"] for f in json.load(open(sys.argv[1]))}
assert sev=={"correctness/unresolved-import":"warning","security/dynamic-code":"error","correctness/unknown-element":"warning"}, sev
' "$work/out"
printf 'rules:\n  correctness: warning\n  security: note\n' >pkg/.mplint.yml
expect_exit "no error left: exit 0" 0 "$mplint" check pkg
printf 'exclude: ["pages/index/index.js"]\n' >pkg/.mplint.yml
expect_exit "exclude a file" 1 "$mplint" check pkg -f json --fail-on warning
same "exclude a file skips it" "index.wxml:2:correctness/unknown-element" "$(found)"
printf 'exclude: ["**/*.wxml"]\n' >pkg/.mplint.yml
expect_exit "exclude **/*.wxml" 1 "$mplint" check pkg -f json
same "exclude **/*.wxml skips nested WXML" "index.js:1:correctness/unresolved-import index.js:5:security/dynamic-code" "$(found)"
printf 'rules:\n  security/dynamic-code: off\n' >pkg/.mplint.yml
expect_exit "config at the root, run from a subfolder" 1 in_dir pkg/pages/index "$mplint" check . -f json
same "config at the root applies to a subfolder run" "index.js:1:correctness/unresolved-import index.wxml:2:correctness/unknown-element" "$(found)"
rm pkg/.mplint.yml
mkdir -p repo && mkpkg repo/mp && printf 'rules:\n  correctness/unresolved-import: off\n' >repo/.mplint.yml
expect_exit "config above the package root" 1 "$mplint" check repo/mp/pages -f json
same "config above the package root applies" "index.js:5:security/dynamic-code index.wxml:2:correctness/unknown-element" "$(found)"

# --- 3. suppressions ----------------------------------------------------------------------------
mkpkg sup
cat >sup/pages/index/index.js <<'EOF'
// mplint-disable-next-line correctness/unresolved-import -- vendored later
const a = require('./missing-a')
const b = require('./missing-b') // mplint-disable-line correctness/unresolved-import
/* mplint-disable security/dynamic-code */
eval(x)
eval(y)
/* mplint-enable security/dynamic-code */
eval(after)
// eslint-disable-next-line no-eval
eval(z)
// mplint-disable-next-line correctness/unresolved-import
const fine = 1
Page({})
EOF
cat >sup/pages/index/index.wxml <<'EOF'
<view>
  <!-- mplint-disable-next-line correctness/unknown-element -->
  <veiw>typo</veiw>
  <!-- mplint-disable correctness/unknown-element -->
  <veiw>one</veiw>
  <viewx>two</viewx>
  <!-- mplint-enable correctness/unknown-element -->
</view>
EOF
printf '.a { color: red; }\n/* mplint-disable-next-line syntax/parse-error */\n.b { color: ; }}\n' >sup/pages/index/index.wxss
expect_exit "suppressions" 1 "$mplint" check sup -f json
same "every suppression form works; the unused one is reported" \
  "index.js:8:security/dynamic-code index.js:11:mplint/unused-suppression" "$(found)"
check "unused suppression is a note naming the rule" python3 -c '
import json,sys
u=[f for f in json.load(open(sys.argv[1])) if f["ruleId"]=="mplint/unused-suppression"]
assert len(u)==1 and u[0]["severity"]=="note" and "correctness/unresolved-import" in u[0]["message"], u
' "$work/out"
sed -i 's/mplint-dis\|mplint-en\|eslint-dis/zz-/' sup/pages/index/index.js sup/pages/index/index.wxml sup/pages/index/index.wxss
expect_exit "without the comments" 1 "$mplint" check sup -f json
same "without the comments every finding is back" \
  "index.js:2:correctness/unresolved-import index.js:3:correctness/unresolved-import index.js:5:security/dynamic-code index.js:6:security/dynamic-code index.js:8:security/dynamic-code index.js:10:security/dynamic-code index.wxml:3:correctness/unknown-element index.wxml:5:correctness/unknown-element index.wxml:6:correctness/unknown-element index.wxss:3:syntax/parse-error" \
  "$(found)"

# --- 4. SARIF keeps suppressed results, marked inSource ------------------------------------------
mkpkg sarif
printf '<view>\n  <!-- mplint-disable-next-line correctness/unknown-element -- demo -->\n  <veiw>typo</veiw>\n</view>\n' >sarif/pages/index/index.wxml
expect_exit "sarif with suppressions" 1 "$mplint" check sarif -f sarif -o "$work/sup.sarif"
check "suppressed result is in the SARIF with suppressions inSource" python3 -c '
import json,sys
res=json.load(open(sys.argv[1]))["runs"][0]["results"]
sup=[r for r in res if r.get("suppressions")]
assert [r["ruleId"] for r in sup]==["correctness/unknown-element"], res
assert sup[0]["suppressions"]==[{"kind":"inSource"}], sup
assert len(res)==3 and all("suppressions" not in r for r in res if r not in sup), res
' "$work/sup.sarif"
check "SARIF with suppressions passes the Multitool" valid_sarif "$work/sup.sarif"
expect_exit "json leaves suppressed findings out" 1 "$mplint" check sarif -f json
same "json leaves suppressed findings out" "index.js:1:correctness/unresolved-import index.js:5:security/dynamic-code" "$(found)"

# --- 5. baseline ----------------------------------------------------------------------------------
mkpkg base
expect_exit "--write-baseline" 1 "$mplint" check base --write-baseline "$work/b.json"
check "baseline records the three findings" python3 -c 'import json,sys; assert len(json.load(open(sys.argv[1]))["findings"])==3' "$work/b.json"
python3 - base/pages/index <<'EOF'
import sys
d = sys.argv[1]
js = open(d + "/index.js").read().replace("    eval(x)", "\t      eval(x)")
open(d + "/index.js", "w").write("// moved\n" * 10 + js)
wxml = open(d + "/index.wxml").read().replace("  <veiw>", "\t\t<veiw>")
open(d + "/index.wxml", "w").write("<!-- moved -->\n" * 10 + wxml)
EOF
expect_exit "baseline survives moved and re-indented lines" 0 "$mplint" check base --baseline "$work/b.json" -f json
same "baseline: nothing new" "" "$(found)"
printf 'eval(y)\n' >>base/pages/index/index.js
expect_exit "baseline: one new problem" 1 "$mplint" check base --baseline "$work/b.json" -f json
same "baseline: only the new problem" "index.js:18:security/dynamic-code" "$(found)"
# Baseline paths are relative to the baseline file: the same file works from another directory.
check "baseline paths are relative to its folder" python3 -c '
import json,sys; assert all(f["path"].startswith("base/") for f in json.load(open(sys.argv[1]))["findings"])' "$work/b.json"
expect_exit "baseline used from inside the package" 1 bash -c "cd base/pages && '$mplint' check .. --baseline ../../b.json -f json"
same "baseline from another directory: only the new problem" "index.js:18:security/dynamic-code" "$(found)"
printf '{"version": 1, "findings": 3}\n' >"$work/bad.json"
expect_exit "malformed baseline is exit 2" 2 "$mplint" check base --baseline "$work/bad.json"
check "malformed baseline: one line naming the file" bash -c "test \$(wc -l <'$work/err') = 1 && grep -q '^mplint: $work/bad.json: ' '$work/err'"
printf '[' >"$work/bad.json"
expect_exit "baseline that is not JSON is exit 2" 2 "$mplint" check base --baseline "$work/bad.json"

# --- 6. --statistics, --select, --ignore -------------------------------------------------------------
expect_exit "--statistics" 1 "$mplint" check pkg --statistics
same "--statistics lines after the text report" $'1\tcorrectness/unknown-element\n1\tcorrectness/unresolved-import\n1\tsecurity/dynamic-code' \
  "$(grep -E $'^[0-9]+\t' "$work/out")"
expect_exit "--statistics with json" 1 "$mplint" check pkg --statistics -f json
check "--statistics keeps json parseable" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/out"
same "--statistics of json go to stderr" $'1\tcorrectness/unknown-element\n1\tcorrectness/unresolved-import\n1\tsecurity/dynamic-code' \
  "$(grep -E $'^[0-9]+\t' "$work/err")"
expect_exit "--select is a prefix match on ids" 0 "$mplint" check pkg -f json --select correctness/unknown
same "--select correctness/unknown" "index.wxml:2:correctness/unknown-element" "$(found)"
expect_exit "--ignore an unknown id is exit 2" 2 "$mplint" check pkg --ignore security/no-such-rule
expect_exit "--select a category" 1 "$mplint" check pkg -f json --select security
same "--select a category" "index.js:5:security/dynamic-code" "$(found)"
expect_exit "--ignore a category" 1 "$mplint" check pkg -f json --ignore correctness
same "--ignore a category" "index.js:5:security/dynamic-code" "$(found)"
expect_exit "--select a category, --ignore one rule of it" 1 "$mplint" check pkg -f json --select correctness --ignore correctness/unknown-element
same "--select category --ignore rule" "index.js:1:correctness/unresolved-import" "$(found)"
expect_exit "--select nosuchrule is exit 2" 2 "$mplint" check pkg --select nosuchrule
check "--select nosuchrule names it" grep -q 'nosuchrule' "$work/err"

# --- 7. declarative rules from a user directory ----------------------------------------------------------
mkpkg decl
mkdir -p decl/my-rules
printf 'rule-dirs: [my-rules]\n' >decl/.mplint.yml
printf "Page({\n  onTap() {\n    wx.showModal({ content: 'hi' })\n    wx.showToast({ title: 'ok' })\n  }\n})\n" >decl/pages/index/index.js
printf '{\n  "navigationStyle": "custom"\n}\n' >decl/pages/index/index.json
printf '<view>\n  <image src="a.png" />\n  <image src="b.png" mode="aspectFit" />\n</view>\n' >decl/pages/index/index.wxml
printf '.a { color: red !important; }\n.b { color: blue; }\n' >decl/pages/index/index.wxss
cat >decl/my-rules/no-show-modal.yml <<'EOF'
id: custom/no-show-modal
category: custom
severity: warning
language: javascript
message: "do not call wx.{@p}"
summary: "wx.showModal blocks the user"
help: "Use a toast or an in-page dialog instead."
query: |
  (call_expression
    function: (member_expression object: (identifier) @o property: (property_identifier) @p)
    (#eq? @o "wx") (#eq? @p "showModal")) @match
tests:
  invalid: ["wx.showModal({content: token})"]
  valid: ["wx.showToast({title: 'ok'})", "my.showModal()"]
EOF
cat >decl/my-rules/no-important.yml <<'EOF'
id: custom/no-important
severity: warning
language: wxss
message: "avoid !important"
query: "(declaration (important) @match)"
tests:
  invalid: [".a { color: red !important; }"]
  valid: [".a { color: red; }"]
EOF
cat >decl/my-rules/no-custom-nav.yml <<'EOF'
id: custom/no-custom-nav
severity: note
language: json
message: "custom navigation bar: handle the status bar yourself"
query: |
  (pair key: (string (string_content) @k) value: (string (string_content) @v)
    (#eq? @k "navigationStyle") (#eq? @v "custom")) @match
tests:
  invalid: ['{"navigationStyle": "custom"}']
  valid: ['{"navigationStyle": "default"}', '{"title": "custom"}']
EOF
cat >decl/my-rules/image-mode.yml <<'EOF'
id: custom/image-mode
severity: warning
language: wxml
message: "<image> without mode stretches the picture"
selector:
  element: image
  missing-attribute: mode
tests:
  invalid: ['<image src="a.png" />']
  valid: ['<image src="a.png" mode="aspectFill" />', '<view></view>']
EOF
expect_exit "check with user rules" 0 "$mplint" check decl -f json
same "each user rule reports on the package" \
  "index.js:3:custom/no-show-modal index.json:2:custom/no-custom-nav index.wxml:2:custom/image-mode index.wxss:1:custom/no-important" "$(found)"
check "a query's capture fills the message" grep -q '"do not call wx.showModal"' "$work/out"
expect_exit "test-rules my-rules" 0 in_dir decl "$mplint" test-rules my-rules
same "test-rules summary" "4 rules, 11 tests: 11 passed, 0 failed" "$(cat "$work/out")"
expect_exit "explain a user rule" 0 in_dir decl "$mplint" explain custom/no-show-modal
check "explain prints the rule's doc" bash -c "grep -qx '# custom/no-show-modal' '$work/out' && grep -qx 'Use a toast or an in-page dialog instead.' '$work/out'"
expect_exit "rules lists user rules" 0 in_dir decl "$mplint" rules
check "rules lists custom/image-mode" grep -qE '^custom/image-mode +warning ' "$work/out"
mkdir -p bad-rules
cat >bad-rules/no-eval2.yml <<'EOF'
id: custom/no-eval2
severity: warning
language: javascript
message: "eval"
query: '(call_expression function: (identifier) @f (#eq? @f "eval")) @match'
tests:
  invalid: ["foo(1)"]
  valid: ["eval(2)"]
EOF
expect_exit "a failing rule test is exit 1" 1 "$mplint" test-rules bad-rules
check "an unreported invalid test is Missing:" grep -q '^Missing: bad-rules/no-eval2.yml:7: ' "$work/out"
check "a reported valid test is Noisy:" grep -q '^Noisy: bad-rules/no-eval2.yml:8: ' "$work/out"
check "failing test-rules summary" grep -qx '1 rules, 2 tests: 0 passed, 2 failed' "$work/out"
# rule_error NAME FILE LINE MESSAGE-REGEX YAML: the rule file error is exit 2 naming file:line,
# both for test-rules and for check through rule-dirs.
rule_error() {
  rm -rf err-rules && mkdir err-rules && printf '%s' "$5" >"err-rules/$2"
  expect_exit "rule $1: test-rules exit 2" 2 "$mplint" test-rules err-rules
  check "rule $1: names err-rules/$2:$3" grep -qE "^mplint: err-rules/$2:$3: .*$4" "$work/err"
  mkpkg err-pkg && printf 'rule-dirs: [../err-rules]\n' >err-pkg/.mplint.yml
  expect_exit "rule $1: check exit 2" 2 "$mplint" check err-pkg
  check "rule $1: check names the rule file and line" bash -c "test ! -s '$work/out' && test \$(wc -l <'$work/err') = 1 && grep -q ':$3: ' '$work/err'"
}
head=$'id: custom/x\nseverity: warning\nlanguage: javascript\nmessage: m\n'
rule_error "unknown key" x.yml 5 'unknown key `colour`' "${head}colour: red"$'\nquery: "(identifier) @match"\n'
rule_error "unknown predicate" x.yml 7 'unknown predicate `#foo\?`' "${head}"$'query: |\n  (identifier) @i\n  (call_expression function: (identifier) @match (#foo? @match "a"))\n'
rule_error "query that does not compile" x.yml 7 'query: unknown node type' "${head}"$'query: |\n  (call_expression\n    (frobnicate) @match)\n'
rule_error "id not matching the file name" y.yml 1 'does not match the file name' "${head}"$'query: "(identifier) @match"\n'

# --- 8. mplint init ----------------------------------------------------------------------------------------
mkdir init
expect_exit "init in an empty folder" 0 in_dir init "$mplint" init
check "init writes .mplint.yml" test -s init/.mplint.yml
expect_exit "check accepts the config init wrote" 0 in_dir init "$mplint" check
sed -E 's/^  # ([a-z]+\/[a-z0-9-]+): (error|warning|note)$/  \1: \2/; s/^# (target-lib|exclude): /\1: /' \
  init/.mplint.yml >"$work/uncommented.yml"
check "init's commented settings, uncommented, are real settings" bash -c "test \$(grep -cE '^  [a-z]+/' '$work/uncommented.yml') -gt 10"
expect_exit "check accepts init's settings uncommented" 0 in_dir init "$mplint" check -c "$work/uncommented.yml"
expect_exit "init twice is exit 2" 2 in_dir init "$mplint" init
check "init twice says it exists" grep -q '\.mplint\.yml already exists' "$work/err"

# --- 9. packages below the named folder ------------------------------------------------------------------
# A repository whose apps live below it: each package is linted as its own (root-absolute
# paths resolve in it) and named in the summary; node_modules and dot-folders are not searched.
mkdir mono
mkpkg mono/src
mkpkg mono/dist/build/mp-weixin
mkdir -p mono/src/components/card mono/scripts mono/node_modules/x mono/.cache/y
printf '{\n  "usingComponents": { "card": "/components/card/card" }\n}\n' >mono/src/pages/index/index.json
printf '{ "component": true }\n' >mono/src/components/card/card.json
printf '<card/>\n' >>mono/src/pages/index/index.wxml
printf 'Component({})\n' >mono/src/components/card/card.js
printf '<view/>\n' >mono/src/components/card/card.wxml
printf 'eval(build)\n' >mono/scripts/build.js
for d in mono/node_modules/x mono/.cache/y; do mkpkg "$d"; done
pkgs6="index.js:1:correctness/unresolved-import index.js:5:security/dynamic-code index.wxml:2:correctness/unknown-element"
expect_exit "packages below: findings" 1 in_dir mono "$mplint" check . -f json
same "packages below: each package's findings, nothing from scripts/, node_modules or dot-folders" "$pkgs6 $pkgs6" "$(found)"
check "packages below: paths relative to the current directory" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert {f["path"].split("/pages/")[0] for f in d} == {"dist/build/mp-weixin", "src"}, d
' "$work/out"
expect_exit "packages below: text" 1 in_dir mono "$mplint" check
check "packages below: the summary names the roots, sorted" bash -c "tail -2 '$work/out' | head -1 | grep -qx 'packages: dist/build/mp-weixin, src'"
expect_exit "packages below, named from above" 1 "$mplint" check mono
check "packages below, named from above: roots relative to cwd" grep -qx 'packages: mono/dist/build/mp-weixin, mono/src' "$work/out"
"$mplint" check mono -f sarif -j 1 >"$work/below1.sarif" 2>/dev/null
"$mplint" check mono -f sarif -j 8 >"$work/below8.sarif" 2>/dev/null
check "packages below: identical for -j 1 and -j 8" cmp "$work/below1.sarif" "$work/below8.sarif"
check "packages below: SARIF passes the Multitool" valid_sarif "$work/below1.sarif"
# project.config.json with miniprogramRoot, below the named folder.
mkdir -p mono2/app
mkpkg mono2/app/miniprogram
printf '{ "miniprogramRoot": "miniprogram/" }\n' >mono2/app/project.config.json
expect_exit "package below with miniprogramRoot" 1 in_dir mono2 "$mplint" check
check "miniprogramRoot below: the root is named" grep -qx 'packages: app/miniprogram' "$work/out"
check "miniprogramRoot below: its findings" grep -q '^app/miniprogram/pages/index/index.js:5:' "$work/out"
# A component library with an example app: the example is a package, the library's WXML
# outside it is still linted, as before, as one tree.
mkdir -p lib/comp
printf '<veiw/>\n' >lib/comp/comp.wxml
mkpkg lib/example
expect_exit "library with an example app" 1 in_dir lib "$mplint" check -f json
same "library with an example app: both linted" "comp.wxml:1:correctness/unknown-element $pkgs6" "$(found)"
expect_exit "library with an example app: text" 1 in_dir lib "$mplint" check
check "library with an example app: summary" grep -qx 'packages: . (files outside the packages), example' "$work/out"
# No package anywhere: the folder itself is the root, as before; no packages line.
mkdir -p loose/pages/index
printf '<veiw/>\n' >loose/pages/index/index.wxml
expect_exit "no package at all" 0 in_dir loose "$mplint" check
check "no package at all: its file is linted" grep -q '^pages/index/index.wxml:1:2: warning\[correctness/unknown-element\]' "$work/out"
check "no package at all: no packages line" bash -c "! grep -q '^packages:' '$work/out'"

echo "e2e-engine: $passed passed, $failed failed"
[ "$failed" = 0 ]
