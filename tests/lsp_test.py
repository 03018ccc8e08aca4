"""End-to-end tests of `mplint lsp`, driven by a JSON-RPC client over a pipe (lsp_client.py).

Usage: lsp_test.py MPLINT. Prints one line per failure and ends with "lsp: N passed, N failed".
"""
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import Client, uri_of  # noqa: E402

mplint = sys.argv[1]
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL: %s %s" % (name, str(detail)[:400]))


def codes(diagnostics):
    return sorted(d["code"] for d in diagnostics or [])


work = tempfile.mkdtemp()
app = os.path.join(work, "app")
page = os.path.join(app, "pages", "index")
os.makedirs(page)
files = {
    "app.json": '{\n  "pages": ["pages/index/index"],\n  "lazyCodeLoading": "requiredComponents"\n}\n',
    "pages/index/index.json": "{}\n",
    "pages/index/index.wxss": ".a { color: red; }\n",
    # An emoji (two UTF-16 units, four bytes) and Chinese (one unit, three bytes) before the
    # typo: the range must count UTF-16 units.
    "pages/index/index.wxml": '<text>😀价</text><veiw>x</veiw>\n<button bindtap="onBuy">买</button>\n'
                              '<view hidden="false">y</view>\n<view class="a" class="b"></view>\n',
    "pages/index/index.js": "Page({\n  data: {},\n  onLoad() {\n    wx.request({ url: 'http://api.example.com/a' })\n  }\n})\n",
}
for rel, text in files.items():
    with open(os.path.join(app, rel), "w", encoding="utf-8") as f:
        f.write(text)
wxml = os.path.join(page, "index.wxml")
js = os.path.join(page, "index.js")
wxml_uri, js_uri = uri_of(wxml), uri_of(js)

client = Client([mplint, "lsp"])
init = client.initialize(app)
caps = (init or {}).get("result", {}).get("capabilities", {})
check("initialize answers with capabilities", caps.get("textDocumentSync", {}).get("change") == 1, init)
check("initialize offers code actions", "codeActionProvider" in caps, caps)
check("initialize names the server", init and init["result"].get("serverInfo", {}).get("name") == "mplint", init)

# --- diagnostics of an opened page -------------------------------------------------------
client.open(wxml, version=1)
diags = client.wait_diagnostics(wxml_uri, version=1)
check("didOpen publishes the WXML's findings",
      codes(diags) == ["correctness/duplicate-attribute", "correctness/string-boolean",
                       "correctness/undefined-handler", "correctness/unknown-element"],
      codes(diags))
typo = [d for d in diags or [] if d["code"] == "correctness/unknown-element"]
check("range counts UTF-16 units (emoji = 2, Chinese = 1)",
      typo and typo[0]["range"]["start"] == {"line": 0, "character": 17}, typo)
check("diagnostic carries source, severity and the rule's doc",
      typo and typo[0]["source"] == "mplint" and typo[0]["severity"] == 2 and
      typo[0]["codeDescription"]["href"].endswith("/rules/correctness/unknown-element.md"), typo)
twice = [d for d in diags or [] if d["code"] == "correctness/duplicate-attribute"]
check("related locations become relatedInformation",
      twice and twice[0]["relatedInformation"][0]["location"] ==
      {"uri": wxml_uri, "range": {"start": {"line": 3, "character": 6}, "end": {"line": 3, "character": 11}}},
      twice)

# --- code actions ------------------------------------------------------------------------
r = client.request("textDocument/codeAction", {
    "textDocument": {"uri": wxml_uri},
    "range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 5}},
    "context": {"diagnostics": []}})
actions = (r or {}).get("result") or []
titles = [a["title"] for a in actions]
fix = [a for a in actions if a["title"].startswith("Write")]
check("codeAction offers the rule's fix", fix and fix[0]["isPreferred"] and
      fix[0]["edit"]["changes"][wxml_uri] == [{"range": {"start": {"line": 2, "character": 14},
                                                         "end": {"line": 2, "character": 19}},
                                               "newText": "{{false}}"}], actions)
disable = [a for a in actions if a["title"] == "Disable correctness/string-boolean for this line"]
check("codeAction offers to disable the rule for the line",
      disable and disable[0]["edit"]["changes"][wxml_uri][0]["newText"] ==
      "<!-- mplint-disable-next-line correctness/string-boolean -->\n", titles)
check("codeAction answers only for the range asked", not any("unknown-element" in t for t in titles), titles)

# --- unsaved edits -----------------------------------------------------------------------
fixed_typo = files["pages/index/index.wxml"].replace("veiw", "view")
client.change(wxml, fixed_typo, 2)
diags = client.wait_diagnostics(wxml_uri, version=2)
check("fixing the typo in the unsaved buffer clears its finding",
      codes(diags) == ["correctness/duplicate-attribute", "correctness/string-boolean",
                       "correctness/undefined-handler"], codes(diags))

client.open(js, version=1)
js_diags = client.wait_diagnostics(js_uri, version=1)
check("the page JS gets its own findings", codes(js_diags) == ["security/insecure-url"], codes(js_diags))
r = client.request("textDocument/codeAction", {
    "textDocument": {"uri": js_uri},
    "range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 0}},
    "context": {"diagnostics": js_diags or []}})
actions = (r or {}).get("result") or []
https = [a for a in actions if "encrypted" in a["title"]]
check("an unsafe fix is offered as a code action, not preferred",
      https and https[0]["isPreferred"] is False and
      https[0]["edit"]["changes"][js_uri][0]["newText"] == "s", actions)
check("JS disable comment is a line comment",
      any(a["edit"]["changes"][js_uri][0]["newText"] == "    // mplint-disable-next-line security/insecure-url\n"
          for a in actions if a["title"].startswith("Disable")), actions)

mark = len(client.notifications)
with_handler = files["pages/index/index.js"].replace("onLoad() {", "onBuy() {},\n  onLoad() {")
client.change(js, with_handler, 2)
diags = client.wait_diagnostics(wxml_uri, since=mark)
check("adding the handler to the unsaved JS clears the WXML's handler finding",
      codes(diags) == ["correctness/duplicate-attribute", "correctness/string-boolean"], codes(diags))
with open(js, encoding="utf-8") as f:
    check("nothing is written to disk", f.read() == files["pages/index/index.js"])

# --- the config, unsaved -----------------------------------------------------------------
config = os.path.join(app, ".mplint.yml")
mark = len(client.notifications)
client.open(config, "rules:\n  correctness/string-boolean: off\n", version=1)
diags = client.wait_diagnostics(wxml_uri, since=mark)
check(".mplint.yml changes are picked up", codes(diags) == ["correctness/duplicate-attribute"], codes(diags))
mark = len(client.notifications)
client.change(config, "rules:\n  correctness/string-boolean: [", 2)  # half-typed YAML
diags = client.wait_diagnostics(wxml_uri, since=mark)
shown = [n for n in client.notifications[mark:] if n["method"] == "window/showMessage"]
check("a broken config is reported and the defaults apply",
      shown and ".mplint.yml" in shown[0]["params"]["message"] and
      codes(diags) == ["correctness/duplicate-attribute", "correctness/string-boolean"], (shown, codes(diags)))
client.notify("textDocument/didClose", {"textDocument": {"uri": uri_of(config)}})
# A config changed on disk, by another program, with no notification about it.
with open(config, "w") as f:
    f.write("rules:\n  correctness/duplicate-attribute: off\n")
client.change(wxml, fixed_typo, 10)
diags = client.wait_diagnostics(wxml_uri, version=10)
check("a config changed on disk is read at the next lint", codes(diags) == ["correctness/string-boolean"], codes(diags))
os.remove(config)

# --- the other way round: a JS finding that depends on the WXML --------------------------
# The handler is bound only inside a feature test, so the new API in it is guarded; an
# unsaved WXML that drops the test makes the page's JS report it.
app2 = os.path.join(work, "app2")
os.makedirs(os.path.join(app2, "pages", "index"))
for rel, text in {
        ".mplint.yml": 'target-lib: "2.0.0"\n',
        "app.json": '{"pages": ["pages/index/index"], "lazyCodeLoading": "requiredComponents"}\n',
        "pages/index/index.json": "{}\n",
        "pages/index/index.js": "Page({\n  data: { canShare: wx.canIUse('showShareImageMenu') },\n"
                                "  onShare() {\n    wx.showShareImageMenu({ path: '/a.png' })\n  }\n})\n",
        "pages/index/index.wxml": '<button wx:if="{{canShare}}" bindtap="onShare">分享</button>\n'}.items():
    with open(os.path.join(app2, rel), "w", encoding="utf-8") as f:
        f.write(text)
wxml2, js2 = os.path.join(app2, "pages/index/index.wxml"), os.path.join(app2, "pages/index/index.js")
client.open(js2, version=1)
client.open(wxml2, version=1)
diags = client.wait_diagnostics(uri_of(js2), version=1)
check("a handler bound only under a feature test is guarded", codes(diags) == [], codes(diags))
mark = len(client.notifications)
client.change(wxml2, '<button bindtap="onShare">分享</button>\n', 2)
diags = client.wait_diagnostics(uri_of(js2), since=mark)
# Without the test, the API is unguarded and `canShare` is data the WXML no longer reads.
check("editing the unsaved WXML re-checks the page JS's findings",
      codes(diags) == ["compat/api-min-version", "performance/setdata-unused-key"], codes(diags))
for path in (js2, wxml2):
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri_of(path)}})

# --- half-typed buffers and bad messages -------------------------------------------------
for n, text in enumerate(['<view class="{{a.', "<view wx:for=\"{{list}}\"><text>{{item.", "<", "\0\xff", ""], start=3):
    client.change(wxml, text, n)
    diags = client.wait_diagnostics(wxml_uri, version=n)
    check("half-typed WXML %r is answered" % text, diags is not None, text)
client.change(js, "Page({ onLoad() { wx.request({ url: 'http://", 3)
check("half-typed JS is answered", client.wait_diagnostics(js_uri, version=3) is not None)

client.send_raw(b"Content-Length: 7\r\n\r\n{oops!}")
r = client.wait_response(None)
check("malformed JSON gets a parse error", r and r["error"]["code"] == -32700, r)
client.send_raw(b"Content-Type: text/plain\r\n\r\n")
r = client.wait_response(None)
check("a header without Content-Length gets a parse error", r and r["error"]["code"] == -32700, r)
r = client.request("textDocument/hover", {"textDocument": {"uri": wxml_uri}, "position": {"line": 0, "character": 0}})
check("an unknown method gets MethodNotFound", r and r["error"]["code"] == -32601, r)
client.notify("$/setTrace", {"value": "off"})
client.notify("workspace/somethingNew", {"x": 1})
r = client.request("textDocument/codeAction", {"textDocument": {}})
check("missing params get InvalidParams", r and r["error"]["code"] == -32602, r)
client.send({"jsonrpc": "2.0", "id": 99, "method": "textDocument/didOpen", "params": 5})
r = client.wait_response(99)
check("a notification sent as a request is answered with an error", r and "error" in r, r)
client.send([1, 2, 3])
r = client.wait_response(None)
check("a batch array is refused with InvalidRequest", r and r["error"]["code"] == -32600, r)
client.change(wxml, fixed_typo, 20)
diags = client.wait_diagnostics(wxml_uri, version=20)
check("still linting after the bad messages",
      codes(diags) == ["correctness/duplicate-attribute", "correctness/string-boolean"], codes(diags))

# --- closing and shutting down -----------------------------------------------------------
mark = len(client.notifications)
client.notify("textDocument/didClose", {"textDocument": {"uri": wxml_uri}})
diags = client.wait_diagnostics(wxml_uri, since=mark)
check("didClose clears the document's diagnostics", diags == [], diags)
r = client.request("shutdown")
check("shutdown answers null", r and "result" in r and r["result"] is None, r)
r = client.request("textDocument/codeAction", {"textDocument": {"uri": js_uri}})
check("requests after shutdown are refused", r and r["error"]["code"] == -32600, r)
client.notify("exit")
check("exit after shutdown ends with 0", client.close() == 0)

early = Client([mplint, "lsp"])
r = early.request("textDocument/codeAction", {"textDocument": {"uri": js_uri}})
check("a request before initialize gets ServerNotInitialized", r and r["error"]["code"] == -32002, r)
check("end of input without shutdown ends with 1", early.close() == 1)

shutil.rmtree(work)
print("lsp: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
