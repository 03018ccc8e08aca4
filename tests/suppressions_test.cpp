// Inline suppressions: the comment forms, the lines they cover, and unused-suppression notes.
#include "analyzer/suppressions.h"

#include <doctest/doctest.h>

#include "analyzer/parsed_file.h"
#include "analyzer/project.h"

using namespace mplint;

namespace {

using Kind = Suppression::Kind;
using Ids = std::vector<std::string>;

Suppression parse_ok(std::string_view comment) {
  Suppression s;
  CHECK_MESSAGE(parse_suppression(comment, &s), comment);
  return s;
}

bool parses(std::string_view comment) {
  Suppression s;
  return parse_suppression(comment, &s);
}

// A parsed suppression written on `line`, covering `first`..`last`.
Suppression at(std::string_view comment, uint32_t line, uint32_t first, uint32_t last) {
  Suppression s = parse_ok(comment);
  s.loc.begin = {line, 1};
  s.loc.end = {line, 30};
  s.first_line = first;
  s.last_line = last;
  return s;
}

Finding finding(std::string rule_id, uint32_t line) {
  Finding f;
  f.path = "pages/a/a.js";
  f.rule_id = std::move(rule_id);
  f.loc.begin = {line, 3};
  f.loc.end = {line, 8};
  f.message = "m";
  return f;
}

// Applies `suppressions` to `findings`; returns the messages of the unused-suppression notes.
std::vector<std::string> apply(std::vector<Finding>& findings,
                               const std::vector<Suppression>& suppressions,
                               const std::set<std::string>& ran, bool all_ran = true,
                               const std::set<std::string>& known = {}) {
  std::vector<Finding*> pointers;
  for (Finding& f : findings) pointers.push_back(&f);
  std::vector<std::string> messages;
  for (const Finding& u :
       apply_suppressions(pointers, suppressions, ran, all_ran, "pages/a/a.js", known)) {
    CHECK(u.rule_id == "mplint/unused-suppression");
    CHECK(u.severity == Severity::note);
    CHECK(u.path == "pages/a/a.js");
    messages.push_back(std::to_string(u.loc.begin.line) + ": " + u.message);
  }
  return messages;
}

}  // namespace

TEST_CASE("suppressions: every comment form parses") {
  Suppression s = parse_ok("// mplint-disable-next-line a/b, c/d -- reason, with -- dashes");
  CHECK(s.kind == Kind::next_line);
  CHECK(s.ids == Ids{"a/b", "c/d"});
  CHECK_FALSE(s.from_eslint);
  s = parse_ok("/* mplint-disable-line */");
  CHECK(s.kind == Kind::line);
  CHECK(s.ids.empty());
  s = parse_ok("<!-- mplint-disable x -->");
  CHECK(s.kind == Kind::disable);
  CHECK(s.ids == Ids{"x"});
  s = parse_ok("<!--mplint-enable x,y-->");
  CHECK(s.kind == Kind::enable);
  CHECK(s.ids == Ids{"x", "y"});
  s = parse_ok("/* mplint-disable-next-line performance -- WXSS */");
  CHECK(s.kind == Kind::next_line);
  CHECK(s.ids == Ids{"performance"});
  s = parse_ok("//mplint-disable-line a/b");
  CHECK(s.kind == Kind::line);
  CHECK(s.ids == Ids{"a/b"});
  s = parse_ok("// mplint-disable-next-line -- no ids: every rule");
  CHECK(s.ids.empty());
}

TEST_CASE("suppressions: ESLint comments count only for the rules mplint maps") {
  Suppression s = parse_ok("// eslint-disable-next-line no-eval");
  CHECK(s.kind == Kind::next_line);
  CHECK(s.from_eslint);
  CHECK(s.ids == Ids{"security/dynamic-code"});
  s = parse_ok("// eslint-disable-line no-console, no-new-func -- legacy");
  CHECK(s.kind == Kind::line);
  CHECK(s.ids == Ids{"security/dynamic-code"});
  CHECK_FALSE(parses("// eslint-disable-line no-console"));
  CHECK_FALSE(parses("// eslint-disable-next-line"));
}

TEST_CASE("suppressions: other comments are not suppressions") {
  CHECK_FALSE(parses("// mplint-disable-nextline a/b"));
  CHECK_FALSE(parses("// mplint-disabled"));
  CHECK_FALSE(parses("// mplint-enable-line a/b"));
  CHECK_FALSE(parses("// TODO mplint-disable-line a/b"));
  CHECK_FALSE(parses("<!-- see mplint-disable x -->"));
  CHECK_FALSE(parses("/* plain comment */"));
  CHECK_FALSE(parses(""));
}

TEST_CASE("suppressions: next-line, line and block ranges mark findings") {
  std::vector<Finding> findings = {finding("a/b", 4),  finding("c/d", 4),  finding("a/b", 5),
                                   finding("x/y", 4),  finding("e/f", 7),  finding("e/f", 8),
                                   finding("g/h", 10), finding("g/h", 12), finding("g/h", 13)};
  std::vector<Suppression> list = {
      at("// mplint-disable-next-line a/b, c/d", 3, 4, 4),
      at("// mplint-disable-line e/f", 7, 7, 7),
      at("/* mplint-disable g/h */", 10, 10, 12),
      at("/* mplint-enable g/h */", 12, 12, 12),
  };
  CHECK(apply(findings, list, {"a/b", "c/d", "x/y", "e/f", "g/h"}).empty());
  std::vector<bool> suppressed;
  for (const Finding& f : findings) suppressed.push_back(f.suppressed);
  CHECK(suppressed == std::vector<bool>{true, true, false, false, true, false, true, true, false});
}

TEST_CASE("suppressions: a category prefix covers its rules only at a '/'") {
  std::vector<Finding> findings = {finding("correctness/x", 2), finding("correctness-extra/y", 2)};
  CHECK(apply(findings, {at("// mplint-disable-line correctness", 2, 2, 2)},
              {"correctness/x", "correctness-extra/y"})
            .empty());
  CHECK(findings[0].suppressed);
  CHECK_FALSE(findings[1].suppressed);

  findings = {finding("correctness/x", 2)};
  // `correct` is no rule or category: it suppresses nothing and is reported as unknown.
  CHECK(apply(findings, {at("// mplint-disable-line correct", 2, 2, 2)}, {"correctness/x"}) ==
        std::vector<std::string>{
            "2: unused suppression: unknown rule `correct` (see `mplint rules`)"});
  CHECK_FALSE(findings[0].suppressed);
  // A catalog category without rules yet is neither unknown nor unused.
  CHECK(apply(findings, {at("// mplint-disable-line compat", 2, 2, 2)}, {"correctness/x"}).empty());
}

TEST_CASE("suppressions: unused ones are reported per id, for rules that ran") {
  std::vector<Finding> findings = {finding("a/b", 4)};
  Suppression s = at("// mplint-disable-next-line a/b, c/d, security", 3, 4, 4);
  CHECK(apply(findings, {s}, {"a/b", "c/d", "security/x"}) ==
        std::vector<std::string>{"3: unused suppression: no `c/d` finding here",
                                 "3: unused suppression: no `security` finding here"});
  CHECK(findings[0].suppressed);
  // An id whose rule did not run (--select, --ignore) cannot be called unused.
  findings = {finding("a/b", 4)};
  CHECK(apply(findings, {s}, {"a/b"}, false, {"a/b", "c/d", "security/x"}).empty());
  // A finding on another line does not use it.
  findings = {finding("c/d", 5)};
  CHECK(apply(findings, {at("// mplint-disable-next-line c/d", 3, 4, 4)}, {"c/d"}) ==
        std::vector<std::string>{"3: unused suppression: no `c/d` finding here"});
  // A block that covers nothing is reported at its `disable`; `enable` never is.
  findings = {};
  CHECK(apply(findings,
              {at("/* mplint-disable c/d */", 6, 6, 9), at("/* mplint-enable c/d */", 9, 9, 9)},
              {"c/d"}) == std::vector<std::string>{"6: unused suppression: no `c/d` finding here"});
}

TEST_CASE("suppressions: one without ids is unused only when every rule ran") {
  Suppression s = at("// mplint-disable-line", 2, 2, 2);
  std::vector<Finding> findings = {finding("a/b", 3)};
  CHECK(apply(findings, {s}, {"a/b"}, true) ==
        std::vector<std::string>{"2: unused suppression: no finding here to suppress"});
  CHECK(apply(findings, {s}, {"a/b"}, false).empty());
  CHECK_FALSE(findings[0].suppressed);
  findings = {finding("z/z", 2)};
  CHECK(apply(findings, {s}, {"z/z"}, true).empty());
  CHECK(findings[0].suppressed);
}

TEST_CASE("suppressions: ESLint comments suppress but are never reported unused") {
  Suppression s = at("// eslint-disable-next-line no-eval", 1, 2, 2);
  std::vector<Finding> findings = {finding("security/dynamic-code", 3)};
  CHECK(apply(findings, {s}, {"security/dynamic-code"}, true).empty());
  CHECK_FALSE(findings[0].suppressed);
  findings = {finding("security/dynamic-code", 2)};
  CHECK(apply(findings, {s}, {"security/dynamic-code"}, true).empty());
  CHECK(findings[0].suppressed);
}

TEST_CASE("suppressions: extract_suppressions finds comments and the lines they cover") {
  MemoryFileSystem fs;
  fs.add("/p/app.json", "{\"pages\": [\"a\"]}");
  fs.add("/p/a.js",
         "// mplint-disable-next-line a/b -- why\n"  // 1
         "foo();\n"                                  // 2
         "/* mplint-disable c/d */\n"                // 3
         "bar(); // mplint-disable-line e/f\n"       // 4
         "/* mplint-enable c/d */\n"                 // 5
         "// eslint-disable-line no-console\n"       // 6
         "/* mplint-disable */\n"                    // 7
         "baz();");                                  // 8
  fs.add("/p/a.wxml", "<view/>\n<!-- mplint-disable-next-line correctness -->\n<veiw/>\n");
  std::string error;
  auto project = Project::open(fs, "/p", {}, &error);
  REQUIRE_MESSAGE(project, error);

  REQUIRE(project->file("a.js"));
  auto js = parse_file(*project, *project->file("a.js"), ParseDepth::full);
  std::vector<Suppression> list = extract_suppressions(*js);
  REQUIRE(list.size() == 5);
  std::vector<std::string> got;
  for (const Suppression& s : list) {
    std::string ids;
    for (const std::string& id : s.ids) ids += " " + id;
    got.push_back(std::to_string(static_cast<int>(s.kind)) + " @" +
                  std::to_string(s.loc.begin.line) + " " + std::to_string(s.first_line) + ".." +
                  std::to_string(s.last_line) + ids);
  }
  CHECK(got == std::vector<std::string>{"0 @1 2..2 a/b", "2 @3 3..5 c/d", "1 @4 4..4 e/f",
                                        "3 @5 5..5 c/d", "2 @7 7..8"});
  CHECK(list[2].loc.begin.column == 8);

  auto wxml = parse_file(*project, *project->file("a.wxml"), ParseDepth::full);
  list = extract_suppressions(*wxml);
  REQUIRE(list.size() == 1);
  CHECK(list[0].kind == Kind::next_line);
  CHECK(list[0].ids == Ids{"correctness"});
  CHECK(list[0].first_line == 3);
}
