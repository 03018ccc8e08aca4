// The WXSS checker (analyzer/wxss_check.cpp): wcsc's verdicts on small inputs, each verified
// with wcsc itself, and robustness on hostile input.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "analyzer/parsed_file.h"

using mplint::check_wxss_syntax;

namespace {

bool accepts(const std::string& s) { return check_wxss_syntax(s).empty(); }

// The single finding for `s`: its offset and message.
std::pair<uint32_t, std::string> only(const std::string& s) {
  auto p = check_wxss_syntax(s);
  REQUIRE(p.size() == 1);
  return {p[0].range.begin, p[0].message};
}

}  // namespace

TEST_CASE("wxss: what wcsc accepts") {
  CHECK(accepts(""));
  CHECK(accepts(".a { color: red; }"));
  CHECK(accepts("@keyframes k { 0%, 100% { opacity: 1 } 50% { opacity: 0 } }"));
  CHECK(accepts(".a::before { content: \"{\"; }"));
  CHECK(accepts("@import \"./x.wxss\""));  // no `;` at the end of the file
  CHECK(accepts("@charset \"utf-8\""));
  CHECK(accepts("@import 'a.wxss';\n.a{}"));
  CHECK(accepts("@media screen and (min-width: 100px) { .a { b: c } }"));
  CHECK(accepts("@supports (display: grid) { .a { b: c } }"));
  CHECK(accepts("@font-face { font-family: f; src: url(a.ttf) }"));
  CHECK(accepts(".a > .b, .c ~ .d, .e + .f, #g [h=\"i\"]:not(.j)::after { k: l !important }"));
  CHECK(accepts(".a:nth-child(2n+1), .b:not(:not(.c)) {}"));
  CHECK(accepts(".a { width: calc(100% - env(safe-area-inset-bottom)); b: 10rpx }"));
  CHECK(accepts(".a { color: re{d }"));       // `{` in a value is an ordinary byte
  CHECK(accepts(".a { b: f(a)) ; c: [x }"));  // wcsc does not balance ) ] [
  CHECK(accepts(".a { b: (;}) }"));           // one level of ( ) hides ; and }
  CHECK(accepts(".a { b: ; c: }"));           // blanks make a value (`c:}` has none)
  CHECK(accepts(".a { b c; d }"));            // `name` alone is a declaration
  CHECK(accepts(".a {}\n\"unclosed"));        // a string at the end swallows nothing that matters
  CHECK(accepts(".a {} /"));
  CHECK(accepts(".a, {}"));
  CHECK(accepts("/* c */ .a /* c */ { /* c */ b: c /* c */ } /* c */\r\n"));
  CHECK(accepts(".a{b:c}\0 <<< after a NUL byte wcsc reads nothing"));
}

TEST_CASE("wxss: what wcsc rejects, one finding at the offending token") {
  CHECK(only(".a { width100%: 1 }") ==
        std::make_pair(13u, std::string("expected `:` after property name `width100`, found `%`")));
  CHECK(only(".a { 0; }").second == "expected a property name, found `0`");
  CHECK(only(".a { posi/tion: 1 }").first == 9);
  CHECK(only(".a<b {}").second == "unexpected `<` in a selector");
  CHECK(only(".a { :color }").second == "expected a property name before `:`");
  CHECK(only(".a { color:}").second == "expected a value after `color:`, found `}`");
  CHECK(only(".a { b: c;; }").second == "unexpected `;`: empty declaration");
  CHECK(only(".a; .b {}").second == "unexpected `;` in a selector: expected `{`");
  CHECK(only(".a {};").second == "unexpected `;` between rules");
  CHECK(only("* { a: b }").second == "the universal selector `*` is not supported in WXSS");
  CHECK(only(".a { .b { c: d } }").first == 8);  // the nested rule's `{`
  CHECK(only(".a {} }").second == "unexpected `}`: no block is open");
  CHECK(only("@media screen {}").second == "empty `@media` block: wcsc needs a rule in it");
  CHECK(only("@foo;").second.rfind("unknown at-rule `@foo`", 0) == 0);
  CHECK(only("@import url(a.wxss);").second.find("quoted string") != std::string::npos);
  CHECK(only(".a:not(.b, .c) {}").first == 9);
  CHECK(only(".中 {}").second == "unexpected `中` in a selector");
}

TEST_CASE("wxss: errors at the end of the file name what is open") {
  CHECK(only(".a { color: red;\n") ==
        std::make_pair(3u, std::string("unclosed `{`: expected `}` before the end of the file")));
  // wcsc names the last token (`}` of `.a`); the message names the block's line.
  auto [at, message] = only("@media x {\n.a {} ");
  CHECK(at == 15);
  CHECK(message == "unclosed `{` of `@media` (line 1): expected `}` before the end of the file");
  CHECK(only(".a { b: 'x; }") ==
        std::make_pair(8u, std::string("unterminated string: it runs to the end of the file")));
  CHECK(only(".a {}\n.b").second == "unexpected end of the file: expected `{` after the selector");
  CHECK(only("@media x").second == "expected `{` after `@media …` before the end of the file");
  // wcsc accepts it and drops the rest of the file; reported on purpose (SPEC "Bad input").
  CHECK(only(".a {} /* open") ==
        std::make_pair(6u, std::string("unterminated comment: expected `*/`")));
}

TEST_CASE("wxss: one finding per broken rule, then it goes on") {
  auto p =
      check_wxss_syntax(".a { b: c;; }\n.d { e: f }\n.g { .h { i: j } }\n.k<l { }\n.m { n: o }");
  REQUIRE(p.size() == 3);
  CHECK(p[0].range.begin == 10);
  CHECK(p[1].range.begin == 34);
  CHECK(p[2].range.begin == 47);
  std::string many;
  for (int i = 0; i < 100; ++i) many += ".a { ; }\n";
  CHECK(check_wxss_syntax(many).size() == 20);
}

TEST_CASE("wxss: deep nesting, long input and random bytes") {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += ":not(";
  CHECK(check_wxss_syntax(deep + ".a" + std::string(100000, ')') + "{}").empty());
  CHECK(check_wxss_syntax(deep).size() == 1);
  std::string media;
  for (int i = 0; i < 100000; ++i) media += "@media x {";
  CHECK(check_wxss_syntax(media + ".a{}" + std::string(100000, '}')).empty());
  CHECK(check_wxss_syntax(std::string(1 << 20, '{')).size() == 1);
  std::mt19937 rng(7);
  const std::string alphabet = "{}()[]:;\"'/*@,.#>+~=|^$%<! \n\ra0-\x80\xe4";
  for (int round = 0; round < 2000; ++round) {
    std::string s;
    for (int i = 0, n = static_cast<int>(rng() % 64); i < n; ++i)
      s += alphabet[rng() % alphabet.size()];
    auto p = check_wxss_syntax(s);
    CHECK(p.size() <= 20);
    for (auto& f : p) CHECK(f.range.begin <= s.size());
  }
}
