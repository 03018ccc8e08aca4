#include "analyzer/wxml.h"

#include <doctest/doctest.h>

#include <string>

using namespace mplint;

namespace {
std::string slice(std::string_view s, Range r) {
  return std::string(s.substr(r.begin, r.end - r.begin));
}
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
  std::string src =
      "<text>{{a < b ? '}}' : c}}</text><template is=\"t\" data=\"{{...item}}\"/>"
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
  CHECK(slice(src, d.nodes[d.inline_wxs[0]].content) ==
        "var f = function(a){ return a<b && b>0 }; ");
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
  CHECK(d.errors[0].message == "expected `</text>` before `</view>`: `<text>` is not closed");
  CHECK(slice(src, d.errors[0].range) == "</view>");
  CHECK(slice(src, *d.errors[0].related) == "<text>");
  CHECK(d.errors[1].message == "unexpected end tag `</span>`: no element is open");
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

TEST_CASE("a misspelt end tag is one error, at the end tag, naming the open tag") {
  std::string src = "<view>x</veiw>";
  WxmlDocument d = parse_wxml(src);
  REQUIRE(d.errors.size() == 1);
  CHECK(d.errors[0].message == "end tag `</veiw>` does not match `<view>`");
  CHECK(slice(src, d.errors[0].range) == "</veiw>");
  CHECK(slice(src, *d.errors[0].related) == "<view>");
  CHECK(d.errors[0].related_message == "`<view>` opened here");
}

TEST_CASE("an unterminated comment is one error, not one more per open element") {
  WxmlDocument d = parse_wxml("<view><!-- x <text>a</text></view>");
  REQUIRE(d.errors.size() == 1);
  CHECK(d.errors[0].message == "unterminated comment: expected `-->`");
  CHECK(parse_wxml("<!-->").errors.empty());  // `-->` is searched right after `<!`
}

TEST_CASE("end tags may have blanks after `</` and after the name") {
  CHECK(parse_wxml("<view></ view >").errors.empty());
  CHECK(parse_wxml("<view></\nview\n>").errors.empty());
  WxmlDocument d = parse_wxml("<wxs module=\"m\">var a = '<';</ wxs ><view/>");
  CHECK(d.errors.empty());
  CHECK(d.nodes.back().tag == "view");
  CHECK(parse_wxml("<view></view a>").errors.size() == 1);
  CHECK(parse_wxml("<view></>").errors.size() == 2);
}

TEST_CASE("a binding in text may hold `</` inside a string") {
  std::string src = "<view>{{ \"</>\" }}</view>";
  WxmlDocument d = parse_wxml(src);
  CHECK(d.errors.empty());
  REQUIRE(d.bindings.size() == 1);
  CHECK(slice(src, d.bindings[0].content) == " \"</>\" ");
}

TEST_CASE("attribute names and values as WeChat's compiler reads them") {
  for (const char* bad :
       {"<view a\"b=\"1\"/>", "<view a{b=\"1\"/>", "<view a(b)=\"1\"/>", "<view bind:tap\"x\"/>",
        "<view a=\"1\"\" b=\"2\"/>", "<view \" a=\"1\"/>", "<view @tap=\"x\"/>", "<view a=b/>",
        "<view a/ b/>", "<view a$b=\"1\"/>", "<view 1a=\"1\"/>"}) {
    INFO(bad);
    WxmlDocument d = parse_wxml(bad);
    CHECK(d.errors.size() == 1);
  }
  for (const char* good : {"<view -a=\"1\" :b=\"2\" c.d=\"3\"/>", "<view a=\"1\"b=\"2\"/>",
                           "<view a = \"1\"/>", "<view a b c/>", "<view a=\"x\ny\"/>"}) {
    INFO(good);
    CHECK(parse_wxml(good).errors.empty());
  }
  // `key= value="v"`: key is empty and value is its own attribute.
  WxmlDocument d = parse_wxml("<view key= value=\"v\"/>");
  CHECK(d.errors.empty());
  REQUIRE(d.nodes[0].attributes.size() == 2);
  CHECK(d.nodes[0].attributes[0].value.empty());
  CHECK(d.nodes[0].attributes[1].value == "v");
}

TEST_CASE("<wxs> needs a module name made of letters, digits and _") {
  CHECK(parse_wxml("<wxs />").errors.size() == 1);
  CHECK(parse_wxml("<wxs module=\"\" src=\"a.wxs\"/>").errors.empty());  // wcc takes it
  CHECK(parse_wxml("<wxs src=\"a.wxs\"/>").errors.size() == 1);
  for (const char* name : {"0sss", "-a", "a-&8"}) {
    INFO(name);
    CHECK(parse_wxml("<wxs module=\"" + std::string(name) + "\">var a;</wxs>").errors.size() == 1);
  }
  CHECK(parse_wxml("<wxs module=\"_ok1\" src=\"a.wxs\"/>").errors.empty());
}

TEST_CASE("what wcc and glass-easel accept around values, end tags and <wxs>") {
  for (const char* good :
       {"<view hidden=idden }}\"></view>", "<view>x</view", "<wxs module=\"m\">var a = 1;",
        "<view a=\"{{ \"x\" }}\"></view>", "<view; a=\"1\">x</view>", "<view a; b>x</view>",
        "<wxs module src=\"a.wxs\"/>"}) {
    INFO(good);
    CHECK(parse_wxml(good).errors.empty());
  }
  for (const char* bad : {"<view a=1 \"></view>", "<view class={ c }}\"></view>",
                          "<view a=b c></view>", "<view ; a=\"1\">x</view>", "<view;>x</view>"}) {
    INFO(bad);
    CHECK(parse_wxml(bad).errors.size() == 1);
  }
}

TEST_CASE(
    "wcc's leniencies: `<` + newline + name, a stray character after a name, overridden values") {
  for (const char* good : {"<\nview>x</view>", "< view>x</view>", "<view} a=\"1\">x</view>",
                           "<view a' b=\"1\">x</view>", "<view a=\"{{x\" a=\"{{y}}\"></view>",
                           "<wxs module=\"c.x\" module=\"c\">var a;</wxs>", "<view>a < b</view>",
                           "<view>1 < 2 && b</view>"}) {
    INFO(good);
    CHECK(parse_wxml(good).errors.empty());
  }
  for (const char* bad :
       {"<view}>x</view>", "<view a\" b=\"1\">x</view>", "<view a=\"{{y}}\" a=\"{{x\"></view>"}) {
    INFO(bad);
    CHECK(parse_wxml(bad).errors.size() == 1);
  }
}
