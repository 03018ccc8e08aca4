#include <doctest/doctest.h>

#include "analyzer/project.h"
#include "analyzer/runner.h"

using namespace mplint;

TEST_CASE("the package root comes from project.config.json's miniprogramRoot") {
  MemoryFileSystem fs;
  fs.add("/p/project.config.json", "{\"miniprogramRoot\": \"miniprogram/\"}");
  fs.add("/p/miniprogram/app.json", "{\"pages\": [\"pages/a/a\"], \"subpackages\": [{\"root\": \"pkg\", \"pages\": [\"x/x\"]}]}");
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
