// Where setData and wx.*Sync run often (analyzer/hot_paths.h), and the performance rules that
// read it, on code being typed: trees with ERROR and MISSING nodes.
#include "analyzer/hot_paths.h"

#include <doctest/doctest.h>

#include "analyzer/file_system.h"
#include "analyzer/parsed_file.h"
#include "analyzer/rule.h"
#include "analyzer/runner.h"

using namespace mplint;

namespace {

ScriptHotPaths hot(const std::string& js) {
  SourceText source("a.js", js);
  auto tree = SyntaxTree::parse(Grammar::javascript, js);
  return extract_hot_paths(*tree, source);
}

// "line:callee" of each call in a loop.
std::vector<std::string> in_loops(const std::string& js) {
  std::vector<std::string> out;
  for (const LoopCall& c : hot(js).in_loops)
    out.push_back(std::to_string(c.call.at.begin.line) + ":" + c.call.callee);
  return out;
}

// "method:line:callee" of each hot call of a method, "method>callee" for its callees.
std::vector<std::string> per_call(const std::string& js) {
  std::vector<std::string> out;
  for (const MethodCalls& m : hot(js).methods) {
    for (const HotCall& c : m.calls)
      out.push_back(m.name + ":" + std::to_string(c.at.begin.line) + ":" + c.callee);
    for (const MethodCalls::Callee& c : m.callees) out.push_back(m.name + ">" + c.name);
  }
  return out;
}

using Strings = std::vector<std::string>;

// Lints one page with the four rules; returns "rule line" per finding.
Strings lint_page(const std::string& js, const std::string& wxml = "<view/>") {
  MemoryFileSystem fs;
  fs.add("/p/app.json", R"({"pages": ["pages/a/a"]})");
  fs.add("/p/pages/a/a.js", js);
  fs.add("/p/pages/a/a.wxml", wxml);
  std::vector<std::unique_ptr<Rule>> owned;
  RunOptions options;
  options.paths = {"/p"};
  options.cwd = "/p";
  for (const RuleEntry& e : builtin_rules())
    if (std::string_view(e.id).starts_with("performance/s") &&
        std::string_view(e.id) != "performance/setdata-unused-key") {
      owned.push_back(e.make());
      options.rules.push_back(owned.back().get());
    }
  REQUIRE(options.rules.size() == 4);
  RunOutput out;
  std::string error;
  REQUIRE_MESSAGE(run_lint(fs, options, &out, &error), error);
  Strings got;
  for (const Finding& f : out.findings)
    got.push_back(f.rule_id.substr(12) + " " + std::to_string(f.loc.begin.line));
  return got;
}

}  // namespace

TEST_CASE("hot paths: loops, array callbacks and what runs at once in them") {
  CHECK(in_loops(R"(
const that = this
for (const x of xs) this.setData({ x })
xs.forEach(function (x) { that.setData({ x }) })
xs.map((x) => { (function () { that.setData({ x }) })(); wx.nextTick(() => this.setData({})) })
while (n--) wx.getStorageSync('k')
for (let i = 0; i < wx.getStorageSync('list').length; i++) {}
for (const k of wx.getStorageInfoSync().keys) {}
)") == Strings{"3:this.setData", "4:that.setData", "5:that.setData", "5:this.setData",
               "6:wx.getStorageSync", "7:wx.getStorageSync"});
  // Later, stored, after the loop, awaiting, other objects.
  CHECK(in_loops(R"(
for (const x of xs) wx.request({ success: () => this.setData({ x }) })
for (const x of xs) setTimeout(() => this.setData({ x }), 10)
xs.forEach((x) => { x.onTap = () => this.setData({ x }) })
for (const x of xs) changes[x] = 1
this.setData(changes)
async function f() { for (const x of xs) { await g(x); this.setData({ x }) } }
for (const x of xs) chart.setData(x)
)")
            .empty());
}

TEST_CASE("hot paths: an exit after the call makes it run once") {
  CHECK(in_loops(R"(function f() {
for (const x of xs) { if (x) { this.setData({ x }); break } }
for (const x of xs) { if (x) return this.setData({ x }) }
xs.some((x) => { this.setData({ x }); return true })
xs.find((x) => x && (this.setData({ x }), true))
xs.every((x) => { if (x) return true; this.setData({ x }); return false })
xs.forEach((x, i) => { if (i === xs.length - 1) this.setData({ x }) })
for (let i = 0; i < n; i++) i === 0 && this.setData({ i })
})")
            .empty());
  CHECK(in_loops("for (let i = 0; i < n; i++) if (i > 0) this.setData({ i })") ==
        Strings{"1:this.setData"});
  CHECK(in_loops(R"(
xs.forEach((x) => { this.setData({ x }); return })
for (const x of xs) { switch (x) { case 1: this.setData({ x }); break } }
for (const r of rows) { for (const c of r) { if (c) { this.setData({ c }); break } } }
)") == Strings{"2:this.setData", "3:this.setData", "4:this.setData"});
}

TEST_CASE("hot paths: what runs on every call of a method, and what a check of state stops") {
  Strings got = per_call(R"(
let last = 0
Page({
  onPageScroll(e) { this.setData({ top: e.scrollTop }); this.update(e) },
  update(e) { if (e.scrollTop > this.navTop) wx.getStorageSync('k') },
  timed(e) { const now = Date.now(); if (now - last < 100) return; last = now; this.setData({}) },
  flagged() { if (this.busy) return; this.busy = true; this.setData({}) },
  changed(e) { const { fixed } = this.data; if (fixed !== e.fixed) this.setData({ fixed: e.fixed }) },
  later() { setTimeout(() => this.setData({}), 10) },
  throttled: throttle(function () { this.setData({}) }, 100),
  replaced() { this.setData({}) },
  onLoad() { this.replaced = throttle(this.replaced, 100) },
  query() { wx.createSelectorQuery().exec((r) => this.setData({ r })) }
})
)");
  CHECK(got == Strings{"onPageScroll:4:this.setData", "onPageScroll>update",
                       "update:5:wx.getStorageSync", "query:13:this.setData"});
}

TEST_CASE("hot paths: Component methods, not its other functions") {
  CHECK(per_call(R"(
Component({
  lifetimes: { attached() { this.setData({}) } },
  methods: { onScroll() { this.setData({}) } }
})
)") == Strings{"onScroll:4:this.setData"});
}

TEST_CASE("performance rules on code being typed: no crash, what can be read is judged") {
  // Half-typed bodies: each leaves ERROR or MISSING nodes somewhere.
  const char* broken[] = {
      "Page({ onPageScroll(e) { this.setData({ top: e.scrollTop }) }, onTap() { for (const x of",
      "Page({ data: { list: [] }, add() { this.setData({ list: this.data.list.concat(",
      "for (let i = 0; i < n; i++) { this.setData(",
      "this.data.list.forEach(item => { this.setData({",
      "}}}) for ( ; this.setData wx.getStorageSync( ) } ) ( => => if else",
      "Page({ onPageScroll(e) { if (this. ) return; this.setData({ a: 1 }) } })",
      "Component({ methods: { onScroll: function (e) { while ( { that.setData( } } })",
      "const that = this; do { that.setData({}) } while",
      "Page({ x() { const { list } = this.data; list.push(1); this.setData({ list, [",
      "xs.some(x => x && (this.setData({}), ",
  };
  for (const char* js : broken) {
    INFO(js);
    lint_page(js, "<scroll-view bindscroll=\"onScroll\"><view bindtouchmove=\"onTap\"/>");
  }
  CHECK(lint_page("Page({ onPageScroll(e) { this.setData({ top: e.scrollTop }) },\n"
                  "  onTap() { for (const x of } })") == Strings{"setdata-in-scroll 1"});
  CHECK(lint_page("Page({ data: { list: [] }, more(r) {\n"
                  "  this.setData({ list: this.data.list.concat(r) })\n"
                  "}, broken() { this.setData({ list: this.data.list.concat( } })") ==
        Strings{"setdata-whole-list 2"});
}
