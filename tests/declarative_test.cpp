// Declarative rules: the strict loader's messages, predicates, selectors and languages.
#include <doctest/doctest.h>

#include "analyzer/declarative_rule.h"
#include "analyzer/file_system.h"
#include "analyzer/rule_set.h"
#include "analyzer/runner.h"

using namespace mplint;

namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& v) {
    std::string out = "[";
    for (const std::string& s : v) out += "\n  " + s;
    return (out + "]").c_str();
  }
};
}  // namespace doctest

namespace {

std::string load_error(const std::string& yaml, const std::string& path = "r/custom/x.yml") {
  std::string error;
  auto rule = DeclarativeRule::load(path, yaml, &error);
  CHECK(rule == nullptr);
  return error;
}

std::unique_ptr<DeclarativeRule> load_ok(const std::string& yaml) {
  std::string error;
  auto rule = DeclarativeRule::load("r/custom/x.yml", yaml, &error);
  REQUIRE_MESSAGE(rule != nullptr, error);
  return rule;
}

// Lints `files` (package-relative path -> content) with one rule; returns "line:col message".
std::vector<std::string> lint(const Rule& rule, const std::map<std::string, std::string>& files) {
  MemoryFileSystem fs;
  for (const auto& [path, content] : files) fs.add("/p/" + path, content);
  RunOptions options;
  options.paths = {"/p"};
  options.cwd = "/p";
  options.rules = {&rule};
  RunOutput out;
  std::string error;
  REQUIRE_MESSAGE(run_lint(fs, options, &out, &error), error);
  std::vector<std::string> got;
  for (const Finding& f : out.findings)
    got.push_back(f.path + ":" + std::to_string(f.loc.begin.line) + ":" +
                  std::to_string(f.loc.begin.column) + " " + f.message);
  return got;
}

const char* kShowModal = R"(id: custom/x
severity: warning
language: javascript
message: "no {@p} here"
query: |
  (call_expression
    function: (member_expression
      object: (identifier) @o
      property: (property_identifier) @p)
    (#eq? @o "wx")
    (#any-of? @p "showModal" "showActionSheet")) @match
)";

}  // namespace

TEST_CASE("declarative: loader errors name the file and line") {
  CHECK(load_error("id: custom/x\nseverity: warning\nlanguage: javascript\nmessage: m\xff\n") ==
        "r/custom/x.yml:4: not valid UTF-8 (a YAML file is UTF-8)");
  CHECK(load_error("id: custom/x\nseverity: warning\nlanguage: javascript\nmessage: m\nquery: "
                   "\"(identifier) @match\"\nnote: hi\n") ==
        "r/custom/x.yml:6: unknown key `note` (id, category, severity, language, message, summary, "
        "query, selector, files, help, precision, security-severity, tests)");
  CHECK(load_error("id: custom/y\nseverity: warning\nlanguage: javascript\nmessage: m\nquery: "
                   "\"(identifier) @match\"\n") ==
        "r/custom/x.yml:1: id `custom/y` does not match the file name: call the file `y.yml`");
  CHECK(load_error("id: custom/x\nseverity: warning\nlanguage: javascript\nmessage: m\nquery: "
                   "\"(identifier) @match\"\nsecurity-severity: high\n") ==
        "r/custom/x.yml:6: security-severity must be a number from 0.0 to 10.0");
  CHECK(load_error("id: Custom/X\n") ==
        "r/custom/x.yml:1: id `Custom/X` must be `category/name` in lowercase kebab-case");
  CHECK(load_error("id: custom/x\nseverity: fatal\n") ==
        "r/custom/x.yml:2: severity must be error, warning or note");
  CHECK(load_error("id: custom/x\nseverity: note\nlanguage: python\n") ==
        "r/custom/x.yml:3: unknown language `python` (javascript, wxss, json, wxml)");
  CHECK(
      load_error(
          "id: custom/x\nseverity: note\nlanguage: javascript\nquery: \"(identifier) @match\"\n") ==
      "r/custom/x.yml:1: missing key `message`");
  CHECK(load_error("- a\n- b\n").rfind("r/custom/x.yml:1: a rule file must be a mapping", 0) == 0);
  CHECK(load_error("id: [unclosed\n").rfind("r/custom/x.yml:", 0) == 0);
}

TEST_CASE("declarative: query errors point at the line inside the block") {
  const std::string head = "id: custom/x\nseverity: warning\nlanguage: javascript\nmessage: m\n";
  CHECK(load_error(head + "query: |\n  (call_expression\n    function: (identifier) @f\n"
                          "    (#foo? @f \"x\")) @match\n") ==
        "r/custom/x.yml:8: query: unknown predicate `#foo?` (#eq?, #not-eq?, #match?, #not-match?, "
        "#any-of?)");
  CHECK(load_error(head + "query: |\n  (identifier) @match\n  (no_such_node) @match\n") ==
        "r/custom/x.yml:7: query: unknown node type at `no_such_node) @match`");
  CHECK(load_error(head + "query: |\n  (identifier) @name\n") ==
        "r/custom/x.yml:5: query: no `@match` capture (the node to report)");
  CHECK(
      load_error(head + "query: |\n  ((identifier) @match (#match? @match \"[\"))\n") ==
      "r/custom/x.yml:6: query: bad regular expression `[`: Unexpected character within '[...]' in "
      "regular expression");
  CHECK(load_error(head + "query: |\n  ((identifier) @match (#eq? \"a\" \"b\"))\n") ==
        "r/custom/x.yml:6: query: `#eq?` takes a capture first");
  CHECK(load_error("id: custom/x\nseverity: warning\nlanguage: javascript\nmessage: \"{@nope}\"\n"
                   "query: \"(identifier) @match\"\n") ==
        "r/custom/x.yml:4: message: `{@nope}` names no capture of the query");
  CHECK(load_error("id: custom/x\ncategory: security\nseverity: warning\nlanguage: javascript\n"
                   "message: m\nquery: \"(identifier) @match\"\n") ==
        "r/custom/x.yml:2: category `security` does not match the id `custom/x`");
}

TEST_CASE("declarative: wxml selectors are checked") {
  const std::string head = "id: custom/x\nseverity: warning\nlanguage: wxml\nmessage: m\n";
  CHECK(load_error(head + "selector:\n  tag: image\n") ==
        "r/custom/x.yml:6: unknown selector key `tag` (element, has-attribute, missing-attribute, "
        "attribute-matches, dynamic)");
  CHECK(load_error(head + "query: \"(x) @match\"\nselector: {element: a}\n") ==
        "r/custom/x.yml:5: `language: wxml` takes a `selector:`, not a `query:`");
  CHECK(load_error(head + "selector:\n  dynamic: true\n") ==
        "r/custom/x.yml:6: `dynamic` needs `has-attribute` or `attribute-matches` to name the "
        "attributes");
}

TEST_CASE("declarative: predicates and message captures") {
  auto rule = load_ok(kShowModal);
  auto got = lint(*rule, {{"a.js",
                           "wx.showModal({})\nwx.showToast({})\nmy.showModal({})\n"
                           "wx.showActionSheet({})\n"}});
  CHECK(got ==
        std::vector<std::string>{"a.js:1:1 no showModal here", "a.js:4:1 no showActionSheet here"});
}

TEST_CASE("declarative: javascript queries also run on .ts, .wxs, inline <wxs> and {{ }}") {
  auto rule = load_ok(R"(id: custom/x
severity: warning
language: javascript
message: "debugger"
query: |
  ((identifier) @match (#match? @match "^secret[A-Z]"))
  ((identifier) @match (#not-match? @match "^[a-z]") (#not-eq? @match "Page") (#eq? @match "TOKEN"))
)");
  auto got = lint(
      *rule, {{"a.ts", "const secretKey: string = ''\nconst publicKey = 1\n"},
              {"b.wxs", "var secretA = 1\nvar TOKEN = 2\n"},
              {"c.wxml", "<wxs module=\"m\">var secretB = 1</wxs>\n<view>{{secretC}}</view>\n"}});
  CHECK(got == std::vector<std::string>{"a.ts:1:7 debugger", "b.wxs:1:5 debugger",
                                        "b.wxs:2:5 debugger", "c.wxml:1:21 debugger",
                                        "c.wxml:2:9 debugger"});
}

TEST_CASE("declarative: wxss and json queries; files limits where a rule looks") {
  auto css = load_ok(R"(id: custom/x
severity: note
language: wxss
message: "!important"
query: "(important) @match"
)");
  CHECK(lint(*css, {{"a.wxss", ".a { color: red !important; }\n.b { color: blue; }\n"}}) ==
        std::vector<std::string>{"a.wxss:1:17 !important"});
  auto json = load_ok(R"(id: custom/x
severity: note
language: json
files: ["pages/**/*.json"]
message: "custom navigation"
query: |
  (pair
    key: (string (string_content) @k)
    value: (string (string_content) @v)
    (#eq? @k "navigationStyle") (#eq? @v "custom")) @match
)");
  CHECK(lint(*json, {{"app.json", "{\"pages\": [], \"window\": {\"navigationStyle\": \"custom\"}}"},
                     {"pages/a/a.json", "{\n  \"navigationStyle\": \"custom\"\n}"},
                     {"pages/b/b.json", "{\"navigationStyle\": \"default\"}"}}) ==
        std::vector<std::string>{"pages/a/a.json:2:3 custom navigation"});
}

TEST_CASE("declarative: wxml selector keys all must hold") {
  auto rule = load_ok(R"(id: custom/x
severity: warning
language: wxml
message: "image"
selector:
  element: [image, cover-image]
  has-attribute: src
  missing-attribute: [mode, lazy-load]
  attribute-matches: { src: "^https?:" }
  dynamic: false
)");
  auto got = lint(*rule, {{"a.wxml",
                           "<image src=\"https://a/x.png\"/>\n"
                           "<image src=\"https://a/x.png\" mode=\"aspectFit\"/>\n"
                           "<image src=\"/local.png\"/>\n"
                           "<image src=\"http://{{host}}/x.png\"/>\n"
                           "<view src=\"https://a/x.png\"/>\n"
                           "<cover-image src=\"http://a/y.png\"></cover-image>\n"}});
  CHECK(got == std::vector<std::string>{"a.wxml:1:1 image", "a.wxml:6:1 image"});
}

TEST_CASE("declarative: tests run in memory and report Missing and Noisy") {
  auto rule = load_ok(std::string(kShowModal) +
                      "tests:\n  invalid: [\"wx.showModal({})\", \"wx.showToast({})\"]\n"
                      "  valid: [\"wx.showToast({})\", \"wx.showActionSheet({})\"]\n");
  auto failures = run_declarative_tests(*rule);
  CHECK(failures ==
        std::vector<std::string>{
            "Missing: r/custom/x.yml:13: custom/x not reported in `wx.showToast({})`",
            "Noisy: r/custom/x.yml:14: custom/x reported in valid `wx.showActionSheet({})`"});
}

TEST_CASE("declarative: rule directories add rules; a clash with a built-in id is an error") {
  MemoryFileSystem fs;
  fs.add("/rules/custom/x.yml", kShowModal);
  fs.add("/rules/custom/x.md", "# custom/x\n\nOwn doc.\n");
  fs.add("/rules/custom/notes.txt", "ignored");
  RuleSet set;
  std::string error;
  REQUIRE_MESSAGE(load_rules(fs, {"/rules"}, &set, &error), error);
  const Rule* r = set.find("custom/x");
  REQUIRE(r != nullptr);
  CHECK(rule_markdown(r->info()) == "# custom/x\n\nOwn doc.\n");
  CHECK(set.declarative().size() >= 4);

  MemoryFileSystem clash;
  clash.add("/rules/security/dynamic-code.yml",
            "id: security/dynamic-code\nseverity: error\nlanguage: javascript\nmessage: m\n"
            "query: \"(identifier) @match\"\n");
  RuleSet other;
  CHECK_FALSE(load_rules(clash, {"/rules"}, &other, &error));
  CHECK(error ==
        "/rules/security/dynamic-code.yml: rule `security/dynamic-code` is already defined "
        "by rules/security/dynamic-code.yml");
  CHECK_FALSE(load_rules(fs, {"/nowhere"}, &other, &error));
  CHECK(error == "/nowhere: rule directory not found");
}
