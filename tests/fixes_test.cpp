// Fixes: applying edits, the unified diff, and the exact text each fix writes (the fixture
// runner checks every fix re-parses, removes its finding, adds none and settles).
#include "analyzer/fixes.h"

#include <doctest/doctest.h>

#include "analyzer/cli_support.h"
#include "analyzer/rule_set.h"

using namespace mplint;

namespace {

Fix fix_of(std::vector<std::pair<Range, std::string>> edits) {
  Fix fix{"t", true, {}};
  for (auto& [range, text] : edits) fix.edits.push_back({Loc{range, {}, {}}, text});
  return fix;
}

// Runs --fix's loop over an in-memory package with the given rules; returns the files it
// changed, by path below /p.
std::map<std::string, std::string> fixed(const std::map<std::string, std::string>& files,
                                         const std::vector<std::string>& rule_ids) {
  MemoryFileSystem disk;
  for (const auto& [path, text] : files) disk.add("/p/" + path, text);
  static RuleSet set = [] {
    RuleSet s;
    std::string error;
    DiskFileSystem real;
    REQUIRE(load_rules(real, {}, &s, &error));
    return s;
  }();
  RunOptions options;
  options.paths = {"/p"};
  options.cwd = "/p";
  for (const std::string& id : rule_ids) options.rules.push_back(set.find(id));
  options.all_rules_ran = true;
  options.report_unused_suppressions = true;
  OverlayFileSystem overlay(disk);
  RunOutput out;
  size_t count = 0;
  std::string error;
  REQUIRE(cli::lint_and_fix(&overlay, options, &out, &count, &error));
  std::map<std::string, std::string> changed;
  for (const auto& [path, text] : overlay.files()) changed[path.substr(3)] = text;
  return changed;
}

}  // namespace

TEST_CASE("apply_fixes: whole fixes in order, identical edits once, conflicts left") {
  std::string text = "abcdef";
  Fix upper = fix_of({{{0, 1}, "A"}, {{4, 5}, "E"}});
  Fix same = fix_of({{{0, 1}, "A"}});    // identical edit: counts as done
  Fix clash = fix_of({{{3, 5}, "xx"}});  // overlaps the `e` edit: left for a later pass
  Fix insert = fix_of({{{6, 6}, "!"}});
  size_t applied = 0;
  CHECK(apply_fixes(text, {&clash, &upper, &same, &insert}, &applied) == "AbcdEf!");
  CHECK(applied == 3);
  Fix two_inserts = fix_of({{{6, 6}, "?"}});
  CHECK(apply_fixes(text, {&insert, &two_inserts}, &applied) == "abcdef!");
  CHECK(applied == 1);
  Fix outside = fix_of({{{5, 9}, ""}});
  CHECK(apply_fixes(text, {&outside}, &applied) == text);
  CHECK(applied == 0);
}

TEST_CASE("unified_diff: hunks with three lines of context, a missing final newline said") {
  CHECK(unified_diff("a.txt", "x\n", "x\n").empty());
  std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
  std::string after = "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\n";
  CHECK(unified_diff("a.txt", before, after) ==
        "--- a/a.txt\n+++ b/a.txt\n"
        "@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+three\n 4\n 5\n 6\n"
        "@@ -9,4 +9,3 @@\n 9\n 10\n 11\n-12\n");
  CHECK(unified_diff("b", "a", "b") ==
        "--- a/b\n+++ b/b\n@@ -1,1 +1,1 @@\n-a\n\\ No newline at end of file\n+b\n"
        "\\ No newline at end of file\n");
  CHECK(unified_diff("c", "", "new\n") == "--- a/c\n+++ b/c\n@@ -0,0 +1,1 @@\n+new\n");
}

TEST_CASE("lazy-code-loading: the member is laid out like the others, CRLF kept") {
  auto out =
      fixed({{"app.json", "{\r\n    \"pages\": []\r\n}\r\n"}}, {"performance/lazy-code-loading"});
  CHECK(out["app.json"] ==
        "{\r\n    \"lazyCodeLoading\": \"requiredComponents\",\r\n    \"pages\": []\r\n}\r\n");
  out = fixed({{"app.json", "{\"pages\":[]}"}}, {"performance/lazy-code-loading"});
  CHECK(out["app.json"] == "{\"lazyCodeLoading\": \"requiredComponents\", \"pages\":[]}");
  out = fixed({{"app.json", "{}"}}, {"performance/lazy-code-loading"});
  CHECK(out["app.json"] == "{\"lazyCodeLoading\": \"requiredComponents\"}");
  // Duplicates: the last one takes effect, so that is the one corrected.
  out = fixed({{"app.json", "{\"lazyCodeLoading\": \"x\", \"lazyCodeLoading\": \"y\"}"}},
              {"performance/lazy-code-loading"});
  CHECK(out["app.json"] ==
        "{\"lazyCodeLoading\": \"x\", \"lazyCodeLoading\": \"requiredComponents\"}");
  // A file that does not parse is not edited.
  out = fixed({{"app.json", "{\"pages\": [],}"}}, {"performance/lazy-code-loading"});
  CHECK(out.empty());
}

TEST_CASE("unused-suppression: what each removal leaves") {
  const std::string app =
      "{\"pages\": [\"pages/a/a\"], \"lazyCodeLoading\": \"requiredComponents\"}";
  auto js = [&](const std::string& text) {
    auto out = fixed({{"app.json", app}, {"pages/a/a.js", text}},
                     {"security/dynamic-code", "security/insecure-url"});
    return out["pages/a/a.js"];
  };
  // A comment alone on its line goes with its line.
  CHECK(js("a()\n  // mplint-disable-next-line security/dynamic-code\n  b()\n") == "a()\n  b()\n");
  // Before code, the code keeps its indentation; after code, the blanks before it go.
  CHECK(js("  /* mplint-disable-next-line security/dynamic-code */ const d = 5\n") ==
        "  const d = 5\n");
  CHECK(js("f() // mplint-disable-line security/dynamic-code\n") == "f()\n");
  // One unused id of two: only it goes; the used one stays.
  CHECK(js("// mplint-disable-next-line security/insecure-url, security/dynamic-code -- why\n"
           "eval(x)\n") == "// mplint-disable-next-line security/dynamic-code -- why\neval(x)\n");
  // A block: the id goes from its enable too, or the block would run to the end.
  CHECK(js("/* mplint-disable security/insecure-url, security/dynamic-code */\neval(x)\n"
           "/* mplint-enable security/dynamic-code, security/insecure-url */\n") ==
        "/* mplint-disable security/dynamic-code */\neval(x)\n/* mplint-enable "
        "security/dynamic-code */\n");
  CHECK(js("/* mplint-disable security/dynamic-code */\nf()\n/* mplint-enable "
           "security/dynamic-code */\n") == "f()\n");
  // An unknown id may be a typo of the id meant: offered, not applied.
  CHECK(js("// mplint-disable-next-line security/no-such-rule\nf()\n").empty());
}

TEST_CASE("string-boolean: the literal becomes the boolean; a guessed binding is only offered") {
  const std::string app =
      "{\"pages\": [\"pages/a/a\"], \"lazyCodeLoading\": \"requiredComponents\"}";
  auto out =
      fixed({{"app.json", app},
             {"pages/a/a.wxml",
              "<view hidden=\"false\"/>\n<switch checked=\"0\"/>\n<view wx:if=\" {{ok}} \"/>\n"
              "<view wx:if=\"show\"/>\n<view hidden=\"False\"/>\n"}},
            {"correctness/string-boolean"});
  CHECK(out["pages/a/a.wxml"] ==
        "<view hidden=\"{{false}}\"/>\n<switch checked=\"{{false}}\"/>\n<view wx:if=\"{{ok}}\"/>\n"
        "<view wx:if=\"show\"/>\n<view hidden=\"False\"/>\n");
}
