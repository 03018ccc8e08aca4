// Lints every fixture folder with its rule selected and compares findings with the inline
// `expect:` annotations (or `<file>.expect` sidecars: `LINE rule-id` per line). Strict both
// ways: an unannotated finding is *Noisy*, an unmatched annotation is *Missing*.
// MPLINT_RULE=<id prefix> runs one rule's fixtures. Suppressed findings do not count.
// Rules under `mplint/` judge the other rules' findings (unused suppressions), so their
// fixtures run every rule and compare only the `mplint/` rule's own findings.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "analyzer/cli_support.h"
#include "analyzer/config.h"
#include "analyzer/fixes.h"
#include "analyzer/rule.h"
#include "analyzer/rule_set.h"
#include "analyzer/runner.h"
#include "test_paths.h"

namespace fs = std::filesystem;
using namespace mplint;

namespace {

using Expectation = std::pair<std::string, uint32_t>;  // path, line
using Bag = std::map<std::pair<Expectation, std::string>, int>;

void read_expectations(const fs::path& root, const fs::path& file, Bag* bag) {
  std::string rel = fs::relative(file, root).generic_string();
  std::ifstream in(file, std::ios::binary);
  std::string line;
  static const std::regex inline_re(R"(expect:\s*([a-z]+/[a-z0-9-]+(\s*,\s*[a-z]+/[a-z0-9-]+)*))");
  static const std::regex id_re(R"([a-z]+/[a-z0-9-]+)");
  if (file.extension() == ".expect") {
    std::string target = rel.substr(0, rel.size() - 7);
    while (std::getline(in, line)) {
      std::istringstream words(line);
      uint32_t n = 0;
      std::string id;
      if (line.empty() || line[0] == '#' || !(words >> n >> id)) continue;
      (*bag)[{{target, n}, id}]++;
    }
    return;
  }
  uint32_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    std::smatch m;
    if (!std::regex_search(line, m, inline_re)) continue;
    std::string ids = m[1];
    for (std::sregex_iterator it(ids.begin(), ids.end(), id_re), end; it != end; ++it)
      (*bag)[{{rel, n}, it->str()}]++;
  }
}

// Every built-in rule, C++ and declarative, loaded once.
const RuleSet& builtin_rule_set() {
  static const RuleSet set = [] {
    RuleSet s;
    DiskFileSystem disk;
    std::string error;
    if (!load_rules(disk, {}, &s, &error)) FAIL("loading the built-in rules: " << error);
    return s;
  }();
  return set;
}

std::vector<const Rule*> rules_with_id(const std::string& id) {
  const Rule* r = builtin_rule_set().find(id);
  return r ? std::vector<const Rule*>{r} : std::vector<const Rule*>{};
}

std::vector<const Rule*> all_rules() {
  std::vector<const Rule*> out;
  for (const auto& r : builtin_rule_set().rules) out.push_back(r.get());
  return out;
}

// A case may carry a `.mplint.yml` that sets its rule's options (`report-true: true`).
void apply_case_config(const DiskFileSystem& disk, const fs::path& root, RunOptions* options) {
  fs::path file = root / ".mplint.yml";
  if (!fs::exists(file)) return;
  Config config;
  std::string error;
  REQUIRE_MESSAGE(load_config(disk, fs::absolute(file).generic_string(), &config, &error), error);
  options->target_lib = config.target_lib;
  for (const Rule* rule : options->rules)
    options->settings[rule->info().id] = effective_rule(config, rule->info());
}

using Counts = std::map<std::pair<std::string, std::string>, int>;  // (path, rule) → findings

Counts count_unsuppressed(const std::vector<Finding>& findings) {
  Counts counts;
  for (const Finding& f : findings)
    if (!f.suppressed) counts[{f.path, f.rule_id}]++;
  return counts;
}

// The fix a test applies for a finding: its safe one, else its first.
const Fix* fix_to_try(const Finding& f) {
  for (const Fix& fix : f.fixes)
    if (fix.safe) return &fix;
  return f.fixes.empty() ? nullptr : &f.fixes.front();
}

// Every fix of the case, safe or not, applied once: the files still parse (no new
// syntax/parse-error), each applied fix removes its finding and none appears. Then --fix's
// loop of safe fixes settles (a second run would change nothing).
void check_fixes(RunOptions options, const RunOutput& first) {
  if (std::none_of(first.findings.begin(), first.findings.end(),
                   [](const Finding& f) { return !f.suppressed && !f.fixes.empty(); }))
    return;
  if (const Rule* parse = builtin_rule_set().find("syntax/parse-error");
      std::find(options.rules.begin(), options.rules.end(), parse) == options.rules.end())
    options.rules.push_back(parse);
  DiskFileSystem disk;
  OverlayFileSystem overlay(disk);
  RunOutput before;
  std::string error;
  REQUIRE_MESSAGE(run_lint(disk, options, &before, &error), error);
  std::map<std::string, std::vector<const Fix*>> by_file;
  std::map<const Fix*, std::string> rule_of;
  for (const Finding& f : before.findings)
    if (const Fix* fix = f.suppressed ? nullptr : fix_to_try(f)) {
      by_file[f.path].push_back(fix);
      rule_of[fix] = f.rule_id;
    }
  for (const auto& [path, fixes] : by_file) {
    std::string abs = join_path(options.cwd, path), text;
    REQUIRE(disk.read(abs, &text, &error));
    // One fix at a time, so each is known to have been applied.
    for (const Fix* fix : fixes) {
      size_t applied = 0;
      std::string changed = apply_fixes(text, {fix}, &applied);
      CHECK_MESSAGE(applied == 1, "fix not applicable: " << path << ": " << fix->title);
      overlay.set(abs, changed);
      Counts want = count_unsuppressed(before.findings);
      want[{path, rule_of[fix]}]--;
      RunOutput after;
      REQUIRE_MESSAGE(run_lint(overlay, options, &after, &error), error);
      for (const auto& [key, n] : count_unsuppressed(after.findings))
        CHECK_MESSAGE(n <= want[key], "after the fix \"" << fix->title << "\" in " << path << ": "
                                                         << n << " " << key.second << " in "
                                                         << key.first << ", want at most "
                                                         << want[key] << "\n"
                                                         << changed);
      overlay.erase(abs);
    }
  }
  OverlayFileSystem fixed(disk);
  RunOutput settled;
  size_t applied = 0;
  REQUIRE_MESSAGE(cli::lint_and_fix(&fixed, options, &settled, &applied, &error), error);
  std::map<std::string, std::string> once = fixed.files();
  REQUIRE_MESSAGE(cli::lint_and_fix(&fixed, options, &settled, &applied, &error), error);
  CHECK_MESSAGE(applied == 0, "--fix is not idempotent: a second run applied " << applied);
  CHECK(fixed.files() == once);
}

// Lints one case (a folder, minus `excluded` subfolders) and compares.
void check_case(const std::string& rule_id, const fs::path& root,
                const std::vector<std::string>& excluded) {
  INFO("fixture " << root.generic_string() << " for " << rule_id);
  RunOptions options;
  bool meta_rule = rule_id.rfind("mplint/", 0) == 0;
  options.rules = meta_rule ? all_rules() : rules_with_id(rule_id);
  REQUIRE_MESSAGE(!options.rules.empty(), "no rule " << rule_id);
  options.all_rules_ran = meta_rule;
  options.report_unused_suppressions = meta_rule;
  options.paths = {fs::absolute(root).lexically_normal().generic_string()};
  if (options.paths[0].size() > 1 && options.paths[0].back() == '/') options.paths[0].pop_back();
  options.cwd = options.paths[0];
  options.excludes = excluded;
  options.jobs = 2;
  DiskFileSystem disk;
  RunOutput out;
  std::string error;
  apply_case_config(disk, root, &options);
  REQUIRE_MESSAGE(run_lint(disk, options, &out, &error), error);

  Bag expected;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    std::string rel = fs::relative(it->path(), root).generic_string();
    // Dot-folders (a .mplint-cache the CLI left) are not the package's, like mplint's listing.
    bool hidden = it->path().filename().string().rfind('.', 0) == 0 && it->is_directory();
    bool skip = hidden || std::any_of(excluded.begin(), excluded.end(), [&](const std::string& e) {
                  return rel == e || rel.rfind(e + "/", 0) == 0;
                });
    if (skip && it->is_directory()) it.disable_recursion_pending();
    if (!skip && it->is_regular_file()) read_expectations(root, it->path(), &expected);
  }
  if (meta_rule)
    std::erase_if(expected, [&](const auto& entry) { return entry.first.second != rule_id; });
  Bag actual;
  std::map<std::pair<Expectation, std::string>, std::string> messages;
  for (const Finding& f : out.findings) {
    if (f.suppressed || (meta_rule && f.rule_id != rule_id)) continue;
    auto key = std::make_pair(Expectation{f.path, f.loc.begin.line}, f.rule_id);
    actual[key]++;
    messages[key] = f.message;
  }
  for (const auto& [key, n] : actual) {
    int want = expected.count(key) ? expected[key] : 0;
    CHECK_MESSAGE(n <= want, "Noisy: " << key.first.first << ":" << key.first.second << " "
                                       << key.second << " (" << messages[key] << ")");
  }
  for (const auto& [key, n] : expected) {
    int got = actual.count(key) ? actual[key] : 0;
    CHECK_MESSAGE(got >= n,
                  "Missing: " << key.first.first << ":" << key.first.second << " " << key.second);
  }
  check_fixes(options, out);
}

bool is_package(const fs::path& dir) {
  return fs::exists(dir / "app.json") || fs::exists(dir / "project.config.json");
}

}  // namespace

// Runs one rule's fixture cases; the folder layout is described at the top of this file.
void run_rule_fixtures(const std::string& id) {
  const char* only = std::getenv("MPLINT_RULE");
  if (only && id.rfind(only, 0) != 0) return;
  fs::path dir = fs::path(MPLINT_SOURCE_DIR) / "fixtures" / id;
  REQUIRE_MESSAGE(fs::is_directory(dir), "missing fixture folder fixtures/" << id);
  if (is_package(dir)) return check_case(id, dir, {});
  std::vector<std::string> subdirs;
  bool loose = false;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (entry.is_directory() && name[0] == '.') continue;  // a .mplint-cache, not a case
    if (entry.is_directory())
      subdirs.push_back(name);
    else
      loose = true;
  }
  std::sort(subdirs.begin(), subdirs.end());
  if (loose) check_case(id, dir, subdirs);
  for (const std::string& sub : subdirs) check_case(id, dir / sub, {});
}

// One test case per registered C++ rule.
#define MPLINT_RULE(id, fn) \
  TEST_CASE("fixtures " id) { run_rule_fixtures(id); }
#include "rules/registry.inc"
#undef MPLINT_RULE

// The declarative rules are found at run time: one subcase each.
TEST_CASE("fixtures of the declarative rules") {
  for (const DeclarativeRule* rule : builtin_rule_set().declarative()) {
    SUBCASE(rule->info().id.c_str()) { run_rule_fixtures(rule->info().id); }
  }
}

TEST_CASE("tests: of the declarative rules") {
  for (const DeclarativeRule* rule : builtin_rule_set().declarative()) {
    INFO(rule->path());
    for (const std::string& failure : run_declarative_tests(*rule)) CHECK_MESSAGE(false, failure);
  }
}
