#include "analyzer/project.h"

#include <doctest/doctest.h>

#include "analyzer/rule_set.h"
#include "analyzer/runner.h"

using namespace mplint;

TEST_CASE("the package root comes from project.config.json's miniprogramRoot") {
  MemoryFileSystem fs;
  fs.add("/p/project.config.json", "{\"miniprogramRoot\": \"miniprogram/\"}");
  fs.add(
      "/p/miniprogram/app.json",
      "{\"pages\": [\"pages/a/a\"], \"subpackages\": [{\"root\": \"pkg\", \"pages\": [\"x/x\"]}]}");
  fs.add("/p/miniprogram/pages/a/a.js", "Page({})");
  fs.add("/p/miniprogram/pkg/x/x.js", "Page({})");
  fs.add("/p/miniprogram/node_modules/m/index.js", "");
  fs.add("/p/miniprogram/miniprogram_npm/m/index.js", "");
  std::string error;
  auto p = Project::open(fs, "/p/miniprogram/pages/a/a.js", {}, &error);
  REQUIRE(p);
  CHECK(p->root() == "/p/miniprogram");
  CHECK(p->project_dir() == "/p");
  CHECK(p->project_config()->source.path() == "../project.config.json");
  CHECK(p->exists("pages/a/a.js"));
  CHECK_FALSE(p->exists("node_modules/m/index.js"));
  REQUIRE(p->file("miniprogram_npm/m/index.js"));
  CHECK_FALSE(p->file("miniprogram_npm/m/index.js")->linted);
  CHECK(p->has_npm());
  REQUIRE(p->main_pages().size() == 1);
  REQUIRE(p->subpackages().size() == 1);
  CHECK(p->subpackages()[0].root == "pkg/");
  CHECK(p->subpackages()[0].pages[0] == "pkg/x/x");
  CHECK(p->package_of("pkg/x/x.js") == &p->subpackages()[0]);
  CHECK(p->package_of("pages/a/a.js") == nullptr);
  CHECK(p->resolve("pages/a/a.js", "../../pkg/x/x", {"", ".js"}) == "pkg/x/x.js");
  CHECK(p->resolve("pages/a/a.js", "/pkg/x/x.js", {""}) == "pkg/x/x.js");
  CHECK(p->resolve("pages/a/a.js", "../../../outside", {""}).empty());
}

TEST_CASE("excludes are globs on package-relative paths") {
  CHECK(glob_match("**/vendor/**", "a/vendor/b.js"));
  CHECK(glob_match("**/vendor/**", "vendor/b.js"));
  CHECK(glob_match("*.js", "a.js"));
  CHECK_FALSE(glob_match("*.js", "dir/a.js"));
  CHECK(glob_match("dist", "dist"));
  CHECK(glob_match("pages/?/x.wxml", "pages/a/x.wxml"));
  CHECK(glob_match("**/*.json", "pages/a/a.json"));
  CHECK(glob_match("**/*.json", "app.json"));
  CHECK(glob_match("pages/**/*.json", "pages/a/b/c.json"));
  CHECK(glob_match("pages/**/*.json", "pages/c.json"));
  CHECK_FALSE(glob_match("pages/**/*.json", "pages/a/b/c.js"));
  CHECK_FALSE(glob_match("**/x.js", "ax.js"));
  CHECK(glob_match("**/x.js", "a/b/x.js"));
  CHECK(glob_match("a/**", "a/b/c"));
  CHECK(glob_match("**/vendor/*.js", "lib/vendor/a.js"));
  CHECK_FALSE(glob_match("**/vendor/*.js", "lib/vendor/sub/a.js"));
}

TEST_CASE("relative_path climbs where needed") {
  CHECK(relative_path("/a/b", "/a/b/c/d.js") == "c/d.js");
  CHECK(relative_path("/a/b", "/a/x.js") == "../x.js");
  CHECK(normalize_path("a/./b/../c") == "a/c");
}

TEST_CASE("packages below a folder that is in none") {
  MemoryFileSystem fs;
  fs.add("/r/src/app.json", "{}");
  fs.add("/r/src/sub/app.json", "{}");  // inside a found package: not searched
  fs.add("/r/dist/build/mp-weixin/project.config.json", "{}");
  fs.add("/r/node_modules/m/app.json", "{}");
  fs.add("/r/.cache/app.json", "{}");
  fs.add("/r/vendor/app.json", "{}");
  fs.add("/r/scripts/build.js", "");
  PackagesBelow below = packages_below(fs, "/r", {"vendor"});
  CHECK(below.dirs == std::vector<std::string>{"/r/dist/build/mp-weixin", "/r/src"});
  CHECK_FALSE(below.wxml_outside);
  fs.add("/r/lib/card.wxml", "<view/>");
  CHECK(packages_below(fs, "/r", {}).wxml_outside);
  CHECK(packages_below(fs, "/r/src", {}).dirs.empty());      // a package itself
  CHECK(packages_below(fs, "/r/src/sub", {}).dirs.empty());  // inside one
  CHECK(packages_below(fs, "/r/scripts", {}).dirs.empty());  // nothing below
}

TEST_CASE("a package below: linted as its own, paths relative to cwd, roots named") {
  MemoryFileSystem fs;
  fs.add("/r/src/app.json", "{\"pages\": [\"pages/a/a\"]}");
  fs.add("/r/src/pages/a/a.js", "Page({})");
  fs.add("/r/src/pages/a/a.wxml", "<veiw/>");
  fs.add("/r/src/pages/a/a.json", "{}");
  RunOptions options;
  options.paths = {"/r"};
  options.cwd = "/r";
  RuleSet set;
  std::string error;
  REQUIRE(load_rules(fs, {}, &set, &error));
  const Rule* rule = set.find("correctness/unknown-element");
  REQUIRE(rule);
  options.rules = {rule};
  RunOutput out;
  REQUIRE(run_lint(fs, options, &out, &error));
  REQUIRE(out.findings.size() == 1);
  CHECK(out.findings[0].path == "src/pages/a/a.wxml");
  CHECK(out.packages == std::vector<std::string>{"src"});
}
