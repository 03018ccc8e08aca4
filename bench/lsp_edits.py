"""Language-server latency: 21 edits of a 2,000-line WXML page, each timed from the
didChange to the publishDiagnostics of that version, against a cold `mplint check` of the
same file, measured in the same run.

Usage: bench/lsp_edits.py [MPLINT]   (default build/mplint). Prints the medians and the ratio.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "tests"))
from lsp_client import Client, uri_of  # noqa: E402

mplint = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "build", "mplint"))


def page_wxml(lines, edit=None):
    """A realistic page: cards in wx:for lists, bindings, conditions; about `lines` lines."""
    out = []
    i = 0
    while len(out) < lines:
        out += [
            '<view class="section section-%d" wx:if="{{sections[%d].visible}}">' % (i, i % 7),
            '  <text class="title">{{sections[%d].title}} 标题</text>' % (i % 7),
            '  <view wx:for="{{sections[%d].items}}" wx:key="id" class="card" data-id="{{item.id}}" bindtap="onTap">' % (i % 7),
            '    <image src="{{item.cover}}" mode="aspectFill" lazy-load="{{true}}"></image>',
            '    <text class="name">{{item.name}}</text>',
            '    <text class="price">¥{{item.price / 100}}</text>',
            '    <button size="mini" disabled="{{item.soldOut}}" catchtap="onBuy">买</button>',
            '  </view>',
            '  <view wx:elif="{{loading}}" class="loading">加载中</view>' if False else '  <view hidden="{{!empty}}">没有更多了</view>',
            '</view>',
        ]
        i += 1
    if edit is not None:
        out[edit] = out[edit].replace('class="name"', 'class="name edited-%d"' % edit)
    return "\n".join(out[:lines]) + "\n"


def main():
    work = tempfile.mkdtemp()
    page = os.path.join(work, "pages", "index")
    os.makedirs(page)
    open(os.path.join(work, "app.json"), "w").write(
        '{"pages": ["pages/index/index"], "lazyCodeLoading": "requiredComponents"}\n')
    open(os.path.join(page, "index.json"), "w").write("{}\n")
    open(os.path.join(page, "index.js"), "w").write(
        "Page({ data: { sections: [], loading: false, empty: false }, onTap() {}, onBuy() {} })\n")
    wxml = os.path.join(page, "index.wxml")
    text = page_wxml(2000)
    open(wxml, "w").write(text)

    cold = []
    for _ in range(11):
        start = time.perf_counter()
        subprocess.run([mplint, "check", wxml, "--fail-on", "never"], cwd=work, capture_output=True)
        cold.append(time.perf_counter() - start)

    client = Client([mplint, "lsp"])
    client.initialize(work)
    client.open(wxml, text, version=1)
    client.wait_diagnostics(uri_of(wxml), version=1)
    edits = []
    for n in range(21):
        changed = page_wxml(2000, edit=4 + 10 * n * 9)
        start = time.perf_counter()
        client.change(wxml, changed, n + 2)
        if client.wait_diagnostics(uri_of(wxml), version=n + 2) is None:
            sys.exit("no diagnostics for edit %d" % n)
        edits.append(time.perf_counter() - start)
    client.request("shutdown")
    client.notify("exit")
    client.close()

    cold_ms = statistics.median(cold) * 1000
    edit_ms = statistics.median(edits) * 1000
    print("cold `mplint check` of the 2,000-line WXML: median %.1f ms (11 runs)" % cold_ms)
    print("language server, 21 edits: median %.1f ms to fresh diagnostics (min %.1f, max %.1f)"
          % (edit_ms, min(edits) * 1000, max(edits) * 1000))
    print("ratio edit/cold: %.2f (target at most 0.50)" % (edit_ms / cold_ms))


main()
