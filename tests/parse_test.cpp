#include <doctest/doctest.h>

#include "analyzer/json_doc.h"
#include "analyzer/parsed_file.h"
#include "analyzer/rule.h"
#include "analyzer/rule_set.h"
#include "analyzer/syntax_tree.h"

using namespace mplint;

TEST_CASE("JSON values keep their ranges") {
  SourceText s("app.json", "{\"pages\": [\"a\", \"b\\u4e2d\"], \"debug\": true, \"n\": 2}");
  JsonDoc d = parse_json(s);
  REQUIRE(d.has_root);
  const JsonValue* pages = d.root.get("pages");
  REQUIRE(pages);
  REQUIRE(pages->items.size() == 2);
  CHECK(pages->items[1].string == "b中");
  CHECK(s.slice(pages->items[0].range) == "\"a\"");
  CHECK(d.root.get("debug")->boolean);
  CHECK(d.root.get("n")->number == 2);
  CHECK(s.slice(d.root.get("n")->key_range) == "\"n\"");
}

TEST_CASE("deeply nested JSON converts without recursion") {
  std::string text(20000, '[');
  text += std::string(20000, ']');
  SourceText s("deep.json", text);
  JsonDoc d = parse_json(s);
  CHECK(d.has_root);
}

TEST_CASE("tree problems: one per error region, with the token") {
  auto tree =
      SyntaxTree::parse(Grammar::javascript, "const a = 1;\nfunction f( {\n  return a;\n}\n");
  std::vector<ParseProblem> problems;
  collect_tree_problems(*tree, &problems);
  REQUIRE_FALSE(problems.empty());
  CHECK(problems[0].message.rfind("unexpected", 0) == 0);
}

TEST_CASE("an expression tree maps back to file offsets") {
  // "{{name}}" at offset 10: the content starts at 12, parsed as "(name)" with base 11.
  auto tree = SyntaxTree::parse(Grammar::javascript, "(name)", 11);
  Node id;
  walk(tree->root(), [&](Node n) {
    if (n.type() == "identifier") id = n;
    return true;
  });
  REQUIRE(id);
  CHECK(id.begin() == 12);
  CHECK(id.text() == "name");
}

TEST_CASE("WXS does not reserve `class`: identifier uses become `klass` for the grammar") {
  CHECK(wxs_parse_text("var class = ''; return class;") == "var klass = ''; return klass;");
  CHECK(wxs_parse_text("var o = { class: 1 }; o.class") == "var o = { klass: 1 }; o.klass");
  // Strings, comments and longer words stay; a class declaration stays (WXS rejects it).
  CHECK(wxs_parse_text("'class' // class = 1\nvar classes = 1") ==
        "'class' // class = 1\nvar classes = 1");
  CHECK(wxs_parse_text("class Foo {}") == "class Foo {}");
  CHECK(wxs_parse_text("var a = class {}") == "var a = class {}");
}

TEST_CASE("syntax/parse-error turns a problem's related range into a related location") {
  MemoryFileSystem fs;
  fs.add("/p/app.json", "{}");
  std::string error;
  auto project = Project::open(fs, "/p", {}, &error);
  REQUIRE(project);
  ParsedFile file;
  file.path = "a.wxml";
  file.kind = FileKind::wxml;
  file.source = SourceText("a.wxml", "<view>\n</text>\n");
  file.problems.push_back(
      {{7, 14}, "end tag </text> does not match <view>", Range{0, 6}, "opened here"});
  RuleSet set;
  REQUIRE(load_rules(fs, {}, &set, &error));
  const Rule* rule = set.find("syntax/parse-error");
  REQUIRE(rule);
  std::vector<Finding> findings;
  RuleInfo info = rule->info();
  Reporter reporter(info, &findings);
  FileContext ctx(*project, file, reporter);
  rule->check_file(ctx);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message == "end tag </text> does not match <view>");
  REQUIRE(findings[0].related.size() == 1);
  CHECK(findings[0].related[0].path == "a.wxml");
  CHECK(findings[0].related[0].loc.begin.line == 1);
  CHECK(findings[0].related[0].message == "opened here");
}
