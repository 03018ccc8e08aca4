// The page data facts (analyzer/page_data.h): the keys a page or component sets, and the
// data its WXML reads, as performance/setdata-unused-key joins them.
#include "analyzer/page_data.h"

#include <doctest/doctest.h>

#include "analyzer/facts.h"
#include "analyzer/parsed_file.h"

using namespace mplint;

namespace {

using Strings = std::vector<std::string>;

FileFacts facts_of(const std::string& path, const std::string& text) {
  MemoryFileSystem fs;
  fs.add("/p/app.json", R"({"pages": ["pages/a/a"]})");
  fs.add("/p/" + path, text);
  std::string error;
  auto project = Project::open(fs, "/p", {}, &error);
  REQUIRE_MESSAGE(project, error);
  auto parsed = parse_file(*project, *project->file(path), ParseDepth::facts_only);
  return extract_facts(*parsed);
}

// "key line" (with a `*` for a `data` declaration) of each key a script sets.
Strings keys(const std::string& js) {
  Strings out;
  for (const DataKey& k : facts_of("pages/a/a.js", js).flow.page_data.keys)
    out.push_back((k.declared ? "*" : "") + k.key + " " + std::to_string(k.at.begin.line));
  return out;
}

PageData page_data(const std::string& js) { return facts_of("pages/a/a.js", js).flow.page_data; }

WxmlReads reads(const std::string& wxml) { return facts_of("pages/a/a.wxml", wxml).wxml_reads; }

Strings roots(const std::string& wxml) {
  WxmlReads r = reads(wxml);
  CHECK_MESSAGE(r.unfollowable.empty(), r.unfollowable);
  return Strings(r.roots.begin(), r.roots.end());
}

Strings expression_roots(std::string_view e) {
  std::set<std::string> out;
  REQUIRE(binding_roots(e, &out));
  return Strings(out.begin(), out.end());
}

}  // namespace

TEST_CASE("page data: the roots an expression reads") {
  CHECK(expression_roots("a.b[c].d + m.f(x, 'y.z', 1.5) ? e : !g") ==
        Strings{"a", "c", "e", "g", "m", "x"});
  CHECK(expression_roots("...item, n: count, seller, 'k': v") ==
        Strings{"count", "item", "seller", "v"});
  CHECK(expression_roots("ok ? {a: b} : [c, d ? e : f]") == Strings{"b", "c", "d", "e", "f", "ok"});
  CHECK(expression_roots("class + true + null + undefined + \"it's\"") == Strings{"class"});
  std::set<std::string> out;
  CHECK_FALSE(binding_roots("this.x", &out));
  CHECK_FALSE(binding_roots("'open", &out));
}

TEST_CASE("page data: what a WXML file reads") {
  CHECK(roots(R"(<view class="a {{on ? 'x' : ''}}" style="w: {{w}}px">{{title}}</view>
<view wx:for="{{list}}" wx:key="id">{{item.name}} {{index}} {{total}}</view>
<view wx:for="{{groups}}" wx:for-item="g" wx:for-index="gi">
  <view wx:for="{{g.items}}" wx:if="{{item.on}}">{{gi}} {{item}}</view>
</view>
<view wx:for="{{item}}">{{item}}</view>
<template is="card" data="{{...product, n: count}}" />
<template name="card"><view>{{name}} {{n}}</view></template>
<!-- {{commented}} -->)") ==
        Strings{"count", "groups", "item", "list", "on", "product", "title", "total", "w"});
  CHECK(reads("<template is=\"{{kind}}\" />").unfollowable ==
        "a `<template is>` chosen at run time");
  CHECK(reads("<include src=\"{{path}}\" />").unfollowable ==
        "an `<include>` without a static src");
  CHECK(reads("<view>{{this.x}}</view>").unfollowable == "a binding it cannot read");
  CHECK(reads("<view><text></view>").unfollowable == "a syntax error");
  CHECK(reads("<view>{{a => a}}</view>").unfollowable == "a binding that does not parse");
  // Inside a template definition a dynamic `is` reads the template's own data.
  CHECK(roots("<template name=\"x\"><template is=\"{{t}}\" /></template>").empty());
}

TEST_CASE("page data: the keys a page sets") {
  CHECK(keys(R"(const K = 'sel'
Page({
  data: { a: 1, 'b.c': 2, [K]: 3, ...base },
  onLoad() {
    const that = this
    this.setData({ a: 2, d: 1 })
    that.setData({ [`list[${i}].x`]: 1, ['e[0]']: 1, [key]: 1, [`${k}.x`]: 1, [`t${i}`]: 1 })
    wx.request({ success: (res) => this.setData({ f: res }) })
    wx.request({ success(res) { this.setData({ g: res }) } })
    other.setData({ h: 1 })
    this.selectComponent('#x').setData({ i: 1 })
    const payload = { j: 1 }
    this.setData(payload)
  },
})
function helper() { this.setData({ k: 1 }) })") ==
        Strings{"*a 3", "*b 3", "*sel 3", "a 6", "d 6", "list 7", "e 7", "f 8", "j 12"});
}

TEST_CASE("page data: TypeScript pages") {
  FileFacts f = facts_of("pages/a/a.ts", R"(interface Data { a: number }
Page<Data, {}>({
  data: { a: 1, list: [] as string[] } as Data,
  onLoad() {
    (this as any).setData({ b: 2 })
  },
}))");
  Strings got;
  for (const DataKey& k : f.flow.page_data.keys) got.push_back(k.key);
  CHECK(got == Strings{"a", "list", "b"});
}

TEST_CASE("page data: what a component says about its keys") {
  PageData d = page_data(R"(Component({
  options: { pureDataPattern: /^_/i },
  behaviors: ['wx://form-field'],
  properties: { value: Number, label: { type: String, observer(v) { this.setData({ l: v }) } } },
  observers: { 'a, b.c': function () {}, 'list[0].x, d.**': function () {} },
  lifetimes: { attached() { this.setData({ x: 1 }) } },
  methods: { tap() { this.setData({ y: 1 }) } },
}))");
  CHECK(d.kind == PageData::Kind::component);
  CHECK(d.unjudged.empty());
  CHECK(d.pure_pattern == "^_");
  CHECK(d.pure_flags == "i");
  CHECK(d.properties == std::set<std::string>{"label", "value"});
  CHECK(d.observed == std::set<std::string>{"a", "b", "d", "list"});
  CHECK(d.keys.size() == 3);
  CHECK(page_data("Component({ behaviors: [b], data: { a: 1 } })").unjudged == "behaviors");
  CHECK(page_data("Component({ data: { a: 1 }, computed: {} })").unjudged == "`computed`");
  CHECK(page_data("Component({ observers: { '**'() {} } })").unjudged == "an observer of `**`");
  CHECK(page_data("Page({ ...base, data: { a: 1 } })").unjudged == "a spread in the options");
  CHECK(page_data("Page(make({ data: { a: 1 } }))").kind == PageData::Kind::none);
  CHECK(page_data("Page({ data: { a: 1 } }); Page({})").kind == PageData::Kind::none);
}
