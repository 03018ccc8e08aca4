// The `{{ }}` language: each case was judged by WeChat's compilers (wcc 2020 and
// glass-easel 1.1.0; valid when either accepts it), see tests/oracle.sh.
#include "analyzer/wxml_expr.h"

#include <doctest/doctest.h>

#include <string>

using namespace mplint;

TEST_CASE("{{ }}: what WeChat's compilers accept") {
  for (const char* e : {"class",
                        "class || ''",
                        "new",
                        "new - b.c",
                        "new[0]",
                        "function",
                        "default",
                        "item.default",
                        "a.class",
                        "var",
                        "this",
                        "typeof",
                        "void",
                        "let",
                        "in",
                        "typeof a",
                        "void 0",
                        "!typeof a",
                        "a instanceof b",
                        "a ?? b || c",
                        "{a:1}",
                        "{a}",
                        "{...a}",
                        "[...a]",
                        "[1,]",
                        "{a:1,}",
                        "[,1]",
                        "1e3",
                        "0x1F",
                        ".5 + 1.",
                        "a >> 1 >>> 2 << 3",
                        "a & b | c ^ ~d",
                        "a === b !== c == d != e",
                        "--a",
                        "- -a",
                        "f(a,)",
                        "{a:1}.a",
                        "{a: 1}[x]",
                        "a ? b : c ? d : e",
                        "a?.5:1",
                        "null.a",
                        "1 .toString()",
                        " \"}}\" ",
                        "a.true",
                        "a, b",
                        "a:1, b:2",
                        "...a, b",
                        "a:b?c:d",
                        "a,",
                        "08",
                        "'a\\'b'",
                        "\"a\nb\"",
                        "a.\nb",
                        "",
                        " ",
                        "$a + _b",
                        "f()()",
                        "a[b][c]",
                        "[a, ...b, c]"}) {
    INFO(std::string(e));
    CHECK_FALSE(check_wxml_expression(e).has_value());
  }
}

TEST_CASE("{{ }}: valid JavaScript that WeChat's compilers reject") {
  for (const char* e : {"new Date()",
                        "a = 1",
                        "a += 1",
                        "a++",
                        "++a",
                        "a--",
                        "a?.b",
                        "\"a\" in b",
                        "`x`",
                        "() => 1",
                        "a => 1",
                        "function(){}",
                        "delete a.b",
                        "a; b",
                        "/ab/",
                        "/ab/.test(x)",
                        "a ** 2",
                        "f(...a)",
                        "{'a':1}",
                        "{\"a\":1}",
                        "{1:2}",
                        "{[a]:1}",
                        "1..toString()",
                        "{,}",
                        "{get a(){}}",
                        "{a(){}}",
                        "a ? b : c, d",
                        "(a, b)",
                        "a[1,2]",
                        "a+1, b",
                        "f(x), y",
                        "1_000",
                        "0b101",
                        "0o17",
                        "10n",
                        "a.0",
                        "a ? b",
                        "((a)",
                        "a)",
                        "a b",
                        "a.b.",
                        "a[]",
                        "!",
                        "a ||",
                        "\"abc",
                        "-",
                        "1.2.3",
                        "a!b",
                        "a==",
                        "#a",
                        "@a",
                        "a\\b",
                        "a.b:c",
                        ",a",
                        "{a b}",
                        "{a:}",
                        "中文",
                        "a=b"}) {
    INFO(std::string(e));
    CHECK(check_wxml_expression(e).has_value());
  }
}

TEST_CASE("{{ }}: errors say what was meant, at the offending token") {
  auto e = check_wxml_expression("a ? new Date() : b");
  REQUIRE(e);
  CHECK(e->offset == 4);
  CHECK(e->message == "`new` is not supported in `{{ }}`");
  e = check_wxml_expression("list.map(x => x.id)");
  REQUIRE(e);
  CHECK(e->message == "arrow functions are not allowed in `{{ }}`");
  e = check_wxml_expression("a?.b");
  REQUIRE(e);
  CHECK(e->message == "optional chaining `?.` is not supported in `{{ }}`");
}

TEST_CASE("{{ }}: object bodies and the text tree-sitter sees") {
  CHECK(is_wxml_object_body("...a, b: 1"));
  CHECK_FALSE(is_wxml_object_body("a + 1"));
  CHECK(wxml_expression_parse_text("class || a.class") == "$lass || a.class");
  CHECK(wxml_expression_parse_text("typeof a") == "typeof a");
  std::string deep(5000, '(');
  CHECK_FALSE(check_wxml_expression(deep + "a" + std::string(5000, ')')).has_value());
}
