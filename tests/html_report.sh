#!/usr/bin/env bash
# The HTML report (--format html) as a browser shows it: headless Chromium loads the file
# from disk, runs its script, and the rendered DOM must hold the treemap with every package,
# every rule that fired, every finding, Chinese text intact; the filters must hide what they
# exclude. A screenshot is left at build/html-report.png for a human look.
source "$(dirname "${BASH_SOURCE[0]}")/e2e_lib.sh"
chromium_dom() {  # URL: the DOM after load, on stdout
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --virtual-time-budget=5000 --dump-dom "$1" 2>/dev/null
}

pkg="$work/包 demo"
cp -r "$top/fixtures/demo" "$pkg"
mkdir -p "$pkg/utils" "$pkg/images"
# The code frame of this line holds markup: it must stay text.
printf "const api = 'http://example.com/接口'; // </pre><script>document.title='owned'</script>\nwx.request({ url: api });\nmodule.exports = {};\n" >"$pkg/utils/工具.js"
head -c 40000 /dev/zero >"$pkg/images/横幅.png"
(cd "$pkg" && "$mplint" check . -f json -o "$work/findings.json" --fail-on never --no-cache)
(cd "$pkg" && "$mplint" check . -f html -o "$work/report.html" --fail-on never --no-cache)
check "html: written" test -s "$work/report.html"

# Nothing is loaded from anywhere: no external script, style, image, font or frame.
check "html: self-contained (no element loads anything; no url() or @import in the style)" python3 - "$work/report.html" <<'PY'
import sys
from html.parser import HTMLParser
class Loads(HTMLParser):
    def __init__(self):
        super().__init__()
        self.bad, self.in_style, self.style = [], False, ""
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("link", "img", "iframe", "object", "embed", "video", "audio", "source") or "src" in a:
            self.bad.append((tag, a))
        if "style" in a and "url(" in a["style"]:
            self.bad.append((tag, a))
        self.in_style = tag == "style"
    def handle_endtag(self, tag):
        self.in_style = False
    def handle_data(self, data):
        if self.in_style:
            self.style += data
p = Loads()
p.feed(open(sys.argv[1], encoding="utf-8").read())
assert not p.bad, p.bad[:3]
assert "url(" not in p.style and "@import" not in p.style
PY

chromium_dom "file://$work/report.html" >"$work/dom.html"
check "html: chromium rendered it" grep -q 'id="treemap"' "$work/dom.html"
cat >"$work/dom_check.py" <<'PY'
import json, sys
from html.parser import HTMLParser

class Dom(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []  # (tag, attrs dict)
        self.text = []
        self.stack = []
    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
    def handle_data(self, data):
        self.text.append(data)

def load(path):
    d = Dom()
    d.feed(open(path, encoding="utf-8").read())
    return d

def classes(a):
    return (a.get("class") or "").split()

dom = load(sys.argv[1])
findings = json.load(open(sys.argv[2], encoding="utf-8"))
what = sys.argv[3]
text = "".join(dom.text)
rects = [a for t, a in dom.elements if t == "rect"]
items = [a for t, a in dom.elements if t == "li" and "finding" in classes(a)]
rules = {a.get("data-rule") for t, a in dom.elements if t == "details" and "rule" in classes(a)}

if what == "treemap":
    packages = [a["data-path"] for a in rects if "package" in classes(a)]
    assert packages == ["main package", "packageShop/"], packages
    files = {a["data-path"] for a in rects if "file" in classes(a)}
    assert "packageShop/pages/cart/cart.js" in files, sorted(files)[:20]
    assert "images/横幅.png" in files, "the Chinese file name"
    kinds = {c for a in rects for c in classes(a) if c.startswith("k-")}
    assert {"k-script", "k-wxml", "k-json", "k-image"} <= kinds, kinds
    assert "2 MB limit" in text
elif what == "findings":
    assert len(items) == len(findings), (len(items), len(findings))
    assert rules == {f["ruleId"] for f in findings}, rules ^ {f["ruleId"] for f in findings}
    for sev in ("error", "warning", "note"):
        n = sum(1 for f in findings if f["severity"] == sev)
        counts = [a for t, a in dom.elements if t == "span" and "count" in classes(a) and a.get("data-severity") == sev]
        assert counts, sev
    assert "utils/工具.js" in text and "接口" in text, "Chinese path and code frame"
    assert not any("hidden" in a for a in items), "nothing hidden before filtering"
    scripts = [a for t, a in dom.elements if t == "script"]
    assert len(scripts) == 1, "source text became markup"
    assert "</pre><script>document.title='owned'</script>" in text, "the frame shows it as text"
elif what == "filtered":
    errors = sum(1 for f in findings if f["severity"] == "error")
    shown = [a for a in items if "hidden" not in a]
    assert all(a["data-severity"] == "error" for a in shown), "a non-error finding is shown"
    assert len(shown) == errors and errors > 0, (len(shown), errors)
    hidden_rules = [a for t, a in dom.elements if t == "details" and "rule" in classes(a) and "hidden" in a]
    assert hidden_rules, "a rule with no error left is hidden"
print("ok")
PY
check "html: treemap has each package, the files, their kinds, the 2 MB limit" \
  python3 "$work/dom_check.py" "$work/dom.html" "$work/findings.json" treemap
check "html: every finding and every rule that fired, Chinese intact" \
  python3 "$work/dom_check.py" "$work/dom.html" "$work/findings.json" findings
chromium_dom "file://$work/report.html#severity=error" >"$work/dom-errors.html"
check "html: the severity filter hides the rest" \
  python3 "$work/dom_check.py" "$work/dom-errors.html" "$work/findings.json" filtered

# The same bytes on every run and every -j.
(cd "$pkg" && "$mplint" check . -f html -o "$work/report-j1.html" --fail-on never --no-cache -j 1)
check "html: deterministic across -j" cmp -s "$work/report.html" "$work/report-j1.html"

# No findings at all: still a page with the treemap.
(cd "$pkg" && "$mplint" check . -f html -o "$work/empty.html" --ignore security,performance,correctness,compat,syntax,mplint --fail-on never --no-cache)
check "html: no findings says so" grep -q 'id="no-findings"' "$work/empty.html"

timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars \
  --window-size=1280,2400 --screenshot="$top/build/html-report.png" "file://$work/report.html" >/dev/null 2>&1
check "html: screenshot taken" test -s "$top/build/html-report.png"

echo "html-report: $passed passed, $failed failed"
[ "$failed" = 0 ]
