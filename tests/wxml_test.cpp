#include <doctest/doctest.h>

#include <string>

#include "analyzer/wxml.h"

using namespace mplint;

namespace {
std::string slice(std::string_view s, Range r) { return std::string(s.substr(r.begin, r.end - r.begin)); }
}  // namespace

TEST_CASE("elements, attributes and value ranges") {
  std::string src = "<view class=\"a {{b}}\" wx:else data-x='1' disabled>hi</view>";
  WxmlDocument d = parse_wxml(src);
  REQUIRE(d.nodes.size() == 2);
  const WxmlNode& v = d.nodes[0];
  CHECK(v.tag == "view");
  REQUIRE(v.attributes.size() == 4);
  CHECK(v.attributes[0].value == "a {{b}}");
  CHECK(v.attributes[0].dynamic);
  CHECK(slice(src, v.attributes[0].value_range) == "a {{b}}");
  CHECK_FALSE(v.attributes[1].has_value);
  CHECK(v.attributes[2].value == "1");
  CHECK(v.attributes[3].name == "disabled");
  CHECK(d.nodes[1].kind == WxmlNode::Kind::text);
  CHECK(d.nodes[1].parent == 0);
  REQUIRE(d.bindings.size() == 1);
  CHECK(slice(src, d.bindings[0].content) == "b");
  CHECK(d.errors.empty());
}

TEST_CASE("bindings: operators, strings and object literals") {
  std::string src = "<text>{{a < b ? '}}' : c}}</text><template is=\"t\" data=\"{{...item}}\"/>"
                    "<view>{{ {x: {y: 1}} }}</view>";
  WxmlDocument d = parse_wxml(src);
  CHECK(d.errors.empty());
  REQUIRE(d.bindings.size() == 3);
  CHECK(slice(src, d.bindings[0].content) == "a < b ? '}}' : c");
  CHECK(d.bindings[1].object_body);
  CHECK(slice(src, d.bindings[2].content) == " {x: {y: 1}} ");
}

TEST_CASE("inline wxs is raw text") {
  std::string src = "<wxs module=\"m\">var f = function(a){ return a<b && b>0 }; </wxs><view/>";
  WxmlDocument d = parse_wxml(src);
  CHECK(d.errors.empty());
  REQUIRE(d.inline_wxs.size() == 1);
  CHECK(slice(src, d.nodes[d.inline_wxs[0]].content) == "var f = function(a){ return a<b && b>0 }; ");
  CHECK(d.nodes.back().tag == "view");
}

TEST_CASE("inline wxs ends at </wxs>, not at a longer tag name in a string") {
  std::string src = "<wxs module=\"m\">var s = '</wxs-x>'; </wxs ><view/>";
  WxmlDocument d = parse_wxml(src);
  CHECK(d.errors.empty());
  REQUIRE(d.inline_wxs.size() == 1);
  CHECK(slice(src, d.nodes[d.inline_wxs[0]].content) == "var s = '</wxs-x>'; ");
  CHECK(d.nodes.back().tag == "view");
}

TEST_CASE("recovery from unclosed and stray tags") {
  std::string src = "<view><text>a</view></span><!-- x";
  WxmlDocument d = parse_wxml(src);
  REQUIRE(d.errors.size() == 3);
  CHECK(d.errors[0].message == "expected end tag `</text>` before `</view>`");
  CHECK(slice(src, d.errors[0].range) == "<text>");
  CHECK(d.errors[1].message == "unexpected end tag `</span>`: no open element");
  CHECK(d.errors[2].message == "unterminated comment: expected `-->`");
  CHECK(d.roots.size() == 2);  // the view and the comment
}

TEST_CASE("an unterminated binding is an error at the braces") {
  std::string src = "<view>{{ a </view><view title=\"{{b\"/>";
  WxmlDocument d = parse_wxml(src);
  REQUIRE(d.errors.size() == 2);
  CHECK(d.errors[0].message == "unterminated `{{`: expected `}}`");
  CHECK(d.errors[0].range.begin == 6);
  CHECK(d.nodes.size() == 3);
}

TEST_CASE("100 000 nested elements do not overflow the stack") {
  std::string src;
  for (int i = 0; i < 100000; ++i) src += "<view>";
  WxmlDocument d = parse_wxml(src);
  CHECK(d.nodes.size() == 100000);
  CHECK(d.nodes.back().parent == 99998);
  CHECK(d.errors.size() == 50);  // capped
  CHECK(d.errors[0].range.begin == 0);
}

TEST_CASE("unterminated start tag and attribute value") {
  WxmlDocument d = parse_wxml("<view class=\"a");
  REQUIRE_FALSE(d.errors.empty());
  CHECK(d.errors[0].message == "unterminated value of attribute `class`");
  d = parse_wxml("<view a=\"1\" <text/>");
  CHECK(d.errors[0].message == "unterminated start tag `<view`: expected `>`");
}
