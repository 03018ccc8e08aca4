// Baselines: fingerprints that survive line shifts and whitespace, the file format, and
// filtering recorded findings out.
#include "analyzer/baseline.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "analyzer/reporters.h"

using namespace mplint;

namespace {

Finding finding(std::string rule_id, std::string path, uint32_t line, std::string message) {
  Finding f;
  f.rule_id = std::move(rule_id);
  f.path = std::move(path);
  f.loc.begin = {line, 5};
  f.loc.end = {line, 9};
  f.message = std::move(message);
  return f;
}

const std::string kExpectedShape =
    "not an mplint baseline (expected {\"version\": 1, \"findings\": [...]})";

std::string read_error(const std::string& text) {
  std::vector<BaselineEntry> entries;
  std::string error;
  CHECK_FALSE(read_baseline(text, &entries, &error));
  return error;
}

std::vector<uint32_t> lines_of(const std::vector<Finding>& findings) {
  std::vector<uint32_t> lines;
  for (const Finding& f : findings) lines.push_back(f.loc.begin.line);
  return lines;
}

}  // namespace

TEST_CASE("baseline: a fingerprint survives line shifts and whitespace edits") {
  Finding f = finding("security/dynamic-code", "pages/a/a.js", 10, "eval() runs code");
  std::string fp = fingerprint(f, "    eval(code);");
  CHECK(fp.size() == 16);
  CHECK(fp.find_first_not_of("0123456789abcdef") == std::string::npos);
  Finding moved = f;
  moved.loc.begin.line = 42;
  moved.loc.begin.column = 1;
  CHECK(fingerprint(moved, "    eval(code);") == fp);
  CHECK(fingerprint(f, "eval( code );\r") == fp);
  CHECK(fingerprint(f, "\teval(code)  ;") == fp);
}

TEST_CASE("baseline: a fingerprint changes with the rule, path, message or line text") {
  Finding f = finding("security/dynamic-code", "pages/a/a.js", 10, "eval() runs code");
  std::string fp = fingerprint(f, "eval(code);");
  Finding other = f;
  other.rule_id = "security/other";
  CHECK(fingerprint(other, "eval(code);") != fp);
  other = f;
  other.path = "pages/b/b.js";
  CHECK(fingerprint(other, "eval(code);") != fp);
  other = f;
  other.message = "eval() runs code!";
  CHECK(fingerprint(other, "eval(code);") != fp);
  CHECK(fingerprint(f, "eval(code2);") != fp);
  CHECK(fingerprint(f, "") != fp);
  // The fields are separated: moving text from the path into the rule id changes the hash.
  Finding a = finding("x/ab", "c", 1, "m"), b = finding("x/a", "bc", 1, "m");
  CHECK(fingerprint(a, "") != fingerprint(b, ""));
}

TEST_CASE("baseline: write_baseline and read_baseline round-trip, without suppressed findings") {
  std::vector<Finding> findings = {finding("a/b", "x.js", 3, "first"),
                                   finding("c/d", "y.wxml", 7, "second \"quoted\""),
                                   finding("e/f", "z.wxss", 9, "suppressed")};
  findings[2].suppressed = true;
  std::vector<std::string> fps = {"0000000000000001", "00000000000000ff", "0000000000000abc"};
  std::string text = write_baseline(findings, fps);
  CHECK(text.back() == '\n');
  nlohmann::json doc = nlohmann::json::parse(text);
  CHECK(doc["version"] == 1);
  CHECK(doc["tool"] == "mplint");
  REQUIRE(doc["findings"].size() == 2);
  CHECK(doc["findings"][1] == nlohmann::json{{"ruleId", "c/d"},
                                             {"path", "y.wxml"},
                                             {"fingerprint", "00000000000000ff"},
                                             {"line", 7},
                                             {"message", "second \"quoted\""}});

  std::vector<BaselineEntry> entries;
  std::string error;
  REQUIRE_MESSAGE(read_baseline(text, &entries, &error), error);
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].rule_id == "a/b");
  CHECK(entries[0].path == "x.js");
  CHECK(entries[0].fingerprint == "0000000000000001");
  CHECK(entries[1].rule_id == "c/d");
  CHECK(entries[1].path == "y.wxml");
  CHECK(entries[1].fingerprint == "00000000000000ff");

  // Recording nothing gives a baseline that reads back empty.
  entries.clear();
  REQUIRE(read_baseline(write_baseline({}, {}), &entries, &error));
  CHECK(entries.empty());
}

TEST_CASE("baseline: filter_baseline drops recorded findings and keeps new ones") {
  std::vector<Finding> findings = {
      finding("a/b", "x.js", 3, "old"), finding("a/b", "x.js", 8, "new"),
      finding("a/b", "y.js", 3, "old elsewhere"), finding("c/d", "x.js", 3, "other rule")};
  std::vector<std::string> fps = {"f1", "f2", "f1", "f1"};
  filter_baseline(&findings, fps, {{"a/b", "x.js", "f1"}, {"z/z", "x.js", "f9"}});
  CHECK(lines_of(findings) == std::vector<uint32_t>{8, 3, 3});
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].message == "new");
  CHECK(findings[1].path == "y.js");
  CHECK(findings[2].rule_id == "c/d");
}

TEST_CASE("baseline: each baseline entry absorbs one finding") {
  auto two = [] {
    return std::vector<Finding>{finding("a/b", "x.js", 3, "same"),
                                finding("a/b", "x.js", 9, "same")};
  };
  std::vector<std::string> fps = {"f1", "f1"};
  std::vector<Finding> findings = two();
  filter_baseline(&findings, fps, {{"a/b", "x.js", "f1"}});
  CHECK(lines_of(findings) == std::vector<uint32_t>{9});  // the first one is absorbed
  findings = two();
  filter_baseline(&findings, fps, {{"a/b", "x.js", "f1"}, {"a/b", "x.js", "f1"}});
  CHECK(findings.empty());
  findings = two();
  filter_baseline(&findings, fps, {});
  CHECK(findings.size() == 2);
}

TEST_CASE("baseline: read_baseline rejects what is not a version 1 baseline") {
  CHECK(read_error("{\"version\": 1, \"findings\": [") == kExpectedShape);
  CHECK(read_error("") == kExpectedShape);
  CHECK(read_error("[]") == kExpectedShape);
  CHECK(read_error("{\"version\": 1}") == kExpectedShape);
  CHECK(read_error("{\"version\": 1, \"findings\": {}}") == kExpectedShape);
  CHECK(read_error("{\"version\": 2, \"findings\": []}") == kExpectedShape);
  CHECK(read_error("{\"version\": \"1\", \"findings\": []}") == kExpectedShape);
  CHECK(read_error("{\"findings\": []}") == kExpectedShape);
  CHECK(read_error("{\"version\": 1, \"findings\": [{\"ruleId\": \"a/b\", \"path\": \"x.js\"}]}") ==
        "a baseline entry lacks ruleId, path or fingerprint");
  CHECK(read_error("{\"version\": 1, \"findings\": [{\"ruleId\": \"a/b\", \"path\": 3, "
                   "\"fingerprint\": \"f\"}]}") ==
        "a baseline entry lacks ruleId, path or fingerprint");
  CHECK(read_error("{\"version\": 1, \"findings\": [\"a/b\"]}") ==
        "a baseline entry lacks ruleId, path or fingerprint");
}

TEST_CASE("baseline: on a long minified line only the text around the finding counts") {
  std::string head(2000, 'a'), tail(2000, 'z');
  std::string line = head + "eval(code);" + tail;
  Finding f = finding("security/dynamic-code", "dist/app.js", 1, "eval() runs code");
  f.loc.begin.column = 2001;
  std::string fp = fingerprint(f, line);
  // An edit far away in the same line keeps the fingerprint...
  CHECK(fingerprint(f, head + "eval(code);" + tail.substr(0, 500) + std::string(1000, 'y') +
                           tail.substr(500)) == fp);
  std::string edited_head = head;
  edited_head[10] = 'b';
  CHECK(fingerprint(f, edited_head + "eval(code);" + tail) == fp);
  // ...an edit next to the finding changes it.
  CHECK(fingerprint(f, head + "eval(code2);" + tail) != fp);
}
