// libFuzzer target: the whole per-file pipeline (read, parse, every built-in rule, facts,
// project rules, suppressions) on arbitrary bytes. The first byte picks the file: a page's
// .js/.ts/.wxml/.wxss/.json/.wxs, or app.json, or project.config.json; the rest is its
// content, linted in a small package.
#include <cstddef>
#include <cstdint>
#include <string>

#include "analyzer/file_system.h"
#include "analyzer/rule.h"
#include "analyzer/runner.h"

namespace {

constexpr const char* kFiles[] = {"pages/a/a.js",   "pages/a/a.ts",       "pages/a/a.wxml",
                                  "pages/a/a.wxss", "pages/a/a.json",     "pages/a/a.wxs",
                                  "app.json",       "project.config.json"};

const std::vector<const mplint::Rule*>& all_rules() {
  static const auto* rules = [] {
    auto* owned = new std::vector<std::unique_ptr<mplint::Rule>>;
    for (const mplint::RuleEntry& e : mplint::builtin_rules()) owned->push_back(e.make());
    auto* out = new std::vector<const mplint::Rule*>;
    for (const auto& r : *owned) out->push_back(r.get());
    return out;
  }();
  return *rules;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string file = kFiles[data[0] % std::size(kFiles)];
  mplint::MemoryFileSystem fs;
  fs.add("/p/app.json", R"({"pages": ["pages/a/a"]})");
  fs.add("/p/project.config.json", R"({"libVersion": "2.10.0"})");
  fs.add("/p/pages/a/a.wxml", "<view bindtap=\"go\">{{title}}</view>");
  if (file != "pages/a/a.ts") fs.add("/p/pages/a/a.js", "Page({ data: { title: '' }, go() {} })");
  fs.add("/p/" + file, std::string(reinterpret_cast<const char*>(data + 1), size - 1));
  mplint::RunOptions options;
  options.paths = {"/p"};
  options.cwd = "/p";
  options.target_lib = "2.10.0";
  options.rules = all_rules();
  options.all_rules_ran = true;
  options.report_unused_suppressions = true;
  mplint::RunOutput out;
  std::string error;
  mplint::run_lint(fs, options, &out, &error);
  return 0;
}
