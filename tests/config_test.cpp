// .mplint.yml: loading, its error messages, rule settings against known rules, effective
// settings, discovery upward and the generated initial config.
#include "analyzer/config.h"

#include <doctest/doctest.h>

#include "analyzer/file_system.h"

using namespace mplint;

namespace {

const char* kPath = "/p/sub/.mplint.yml";

Config load_ok(const std::string& yaml) {
  MemoryFileSystem fs;
  fs.add(kPath, yaml);
  Config config;
  std::string error;
  CHECK_MESSAGE(load_config(fs, kPath, &config, &error), error);
  CHECK(error.empty());
  return config;
}

std::string load_error(const std::string& yaml) {
  MemoryFileSystem fs;
  fs.add(kPath, yaml);
  Config config;
  std::string error;
  CHECK_FALSE(load_config(fs, kPath, &config, &error));
  return error;
}

RuleInfo rule(std::string id, Severity severity, std::vector<RuleOption> options = {}) {
  RuleInfo r;
  r.id = std::move(id);
  r.severity = severity;
  r.summary = "summary of " + r.id;
  r.options = std::move(options);
  return r;
}

std::vector<RuleInfo> known_rules() {
  return {
      rule("compat/api", Severity::warning), rule("compat/component", Severity::warning),
      rule("performance/large-asset", Severity::warning,
           {{"max-kb", 200, "largest asset in KB"}, {"ignore", nlohmann::json::array(), "globs"}}),
      rule("performance/sync-api", Severity::note), rule("security/insecure-url", Severity::error)};
}

std::string settings_error(const std::string& yaml) {
  Config config = load_ok(yaml);
  std::string error;
  CHECK_FALSE(check_rule_settings(config, known_rules(), &error));
  return error;
}

}  // namespace

TEST_CASE("config: a full config loads with lines, absolute paths and rule settings") {
  Config c = load_ok(
      "target-lib: \"2.25.0\"\n"
      "root: miniprogram/\n"
      "exclude: \"**/vendor/**\"\n"
      "rules:\n"
      "  security/insecure-url: error\n"
      "  compat: warning\n"
      "  performance/large-asset: { severity: note, max-kb: 150 }\n"
      "  performance/sync-api: off\n"
      "rule-dirs: [lint-rules/, ../shared/rules]\n");
  CHECK(c.path == kPath);
  CHECK(c.target_lib == "2.25.0");
  CHECK(c.target_lib_line == 1);
  CHECK(c.root == "/p/sub/miniprogram");
  CHECK(c.exclude == std::vector<std::string>{"**/vendor/**"});
  CHECK(c.rule_dirs == std::vector<std::string>{"/p/sub/lint-rules", "/p/shared/rules"});
  REQUIRE(c.rules.size() == 4);
  CHECK(c.rules[0].key == "security/insecure-url");
  CHECK(c.rules[0].line == 5);
  CHECK(c.rules[0].severity == Severity::error);
  CHECK_FALSE(c.rules[0].off);
  CHECK(c.rules[1].key == "compat");
  CHECK(c.rules[1].severity == Severity::warning);
  CHECK(c.rules[2].line == 7);
  CHECK(c.rules[2].severity == Severity::note);
  CHECK(c.rules[2].options == nlohmann::json{{"max-kb", 150}});
  CHECK(c.rules[2].option_lines == std::vector<std::pair<std::string, int>>{{"max-kb", 7}});
  CHECK(c.rules[3].off);
  CHECK_FALSE(c.rules[3].severity.has_value());
  std::string error;
  CHECK_MESSAGE(check_rule_settings(c, known_rules(), &error), error);
}

TEST_CASE("config: exclude as a list, option values keep their YAML types, empty file") {
  Config c = load_ok(
      "exclude:\n  - \"a/**\"\n  - b.js\n"
      "rules:\n  performance/large-asset:\n    level: error\n    max-kb: \"150\"\n"
      "    ignore: [x, 2, true]\n");
  CHECK(c.exclude == std::vector<std::string>{"a/**", "b.js"});
  REQUIRE(c.rules.size() == 1);
  CHECK(c.rules[0].severity == Severity::error);
  CHECK(c.rules[0].options["max-kb"] == "150");  // quoted: a string
  CHECK(c.rules[0].options["ignore"] == nlohmann::json::array({"x", 2, true}));
  Config empty = load_ok("");
  CHECK(empty.path == kPath);
  CHECK(empty.rules.empty());
  CHECK(load_ok("rules:\n").rules.empty());
}

TEST_CASE("config: structural errors name the file and line") {
  CHECK(
      load_error("target-lib: \"2.25.0\"\nextends: base\n") ==
      "/p/sub/.mplint.yml:2: unknown key `extends` (target-lib, root, exclude, rules, rule-dirs)");
  CHECK(load_error("target-lib: 2.25\n") ==
        "/p/sub/.mplint.yml:1: target-lib must be a version X.Y.Z, got `2.25`");
  CHECK(load_error("target-lib: 2.25.0-beta\n") ==
        "/p/sub/.mplint.yml:1: target-lib must be a version X.Y.Z, got `2.25.0-beta`");
  CHECK(load_error("rules:\n  compat: warning\n  security: loud\n") ==
        "/p/sub/.mplint.yml:3: `security`: unknown level `loud` (error, warning, note or off)");
  CHECK(load_error("rules:\n  compat/api: { severity: fatal }\n") ==
        "/p/sub/.mplint.yml:2: `compat/api`: unknown level `fatal` (error, warning, note or off)");
  CHECK(load_error("rules:\n  compat: [warning]\n") ==
        "/p/sub/.mplint.yml:2: `compat` must be a level or a mapping");
  CHECK(load_error("rules: [compat, security]\n") ==
        "/p/sub/.mplint.yml:1: rules must be a mapping of rule ids to levels");
  CHECK(load_error("exclude: {a: b}\n") ==
        "/p/sub/.mplint.yml:1: exclude must be a string or a list of strings");
  CHECK(load_error("rule-dirs: [[a]]\n") ==
        "/p/sub/.mplint.yml:1: rule-dirs entries must be a string");
  CHECK(load_error("- rules\n- root\n") ==
        "/p/sub/.mplint.yml:1: the config must be a mapping of keys (target-lib, root, exclude, "
        "rules, rule-dirs)");
}

TEST_CASE("config: text that is not YAML, and a missing file") {
  CHECK(load_error("rules: [compat\n") ==
        "/p/sub/.mplint.yml:2: not valid YAML: end of sequence flow not found");
  CHECK(load_error("rules:\n  compat: warning: error\n") ==
        "/p/sub/.mplint.yml:2: not valid YAML: illegal map value");
  // Found by fuzz/config: an option value with bytes that are not UTF-8 crashed the check of
  // the settings (the JSON library refuses to print it).
  CHECK(load_error("rules:\n  performance/package-size: { max-total-kb: \xb2" "20 }\n") ==
        "/p/sub/.mplint.yml:2: not valid UTF-8 (a YAML file is UTF-8)");
  MemoryFileSystem fs;
  Config config;
  std::string error;
  CHECK_FALSE(load_config(fs, "/nowhere/.mplint.yml", &config, &error));
  CHECK(error == "/nowhere/.mplint.yml: cannot read: No such file or directory");
}

TEST_CASE("config: rule settings are checked against the known rules and their options") {
  CHECK(
      settings_error("rules:\n  compat: off\n  secrity/insecure-url: error\n") ==
      "/p/sub/.mplint.yml:3: unknown rule or category `secrity/insecure-url` (see `mplint rules`)");
  // A prefix must end at a '/': `comp` is not the category `compat`.
  CHECK(settings_error("rules:\n  comp: off\n") ==
        "/p/sub/.mplint.yml:2: unknown rule or category `comp` (see `mplint rules`)");
  CHECK(settings_error("rules:\n  \"\": off\n") ==
        "/p/sub/.mplint.yml:2: unknown rule or category `` (see `mplint rules`)");
  CHECK(settings_error("rules:\n  performance/large-asset:\n    max-mb: 1\n") ==
        "/p/sub/.mplint.yml:3: `performance/large-asset` has no option `max-mb` (options: max-kb, "
        "ignore)");
  CHECK(settings_error("rules:\n  security/insecure-url: { allow: [] }\n") ==
        "/p/sub/.mplint.yml:2: `security/insecure-url` has no option `allow` (it takes none)");
  CHECK(settings_error("rules:\n  performance/large-asset: { max-kb: \"150\" }\n") ==
        "/p/sub/.mplint.yml:2: option `max-kb` of `performance/large-asset` must be like 200, got "
        "\"150\"");
  CHECK(settings_error("rules:\n  performance/large-asset: { max-kb: -1 }\n") ==
        "/p/sub/.mplint.yml:2: option `max-kb` of `performance/large-asset` must not be "
        "negative, got -1");
  CHECK(settings_error("rules:\n  performance/large-asset:\n    ignore: vendor\n") ==
        "/p/sub/.mplint.yml:3: option `ignore` of `performance/large-asset` must be like [], got "
        "\"vendor\"");
  CHECK(
      settings_error("rules:\n  performance: { max-kb: 1 }\n") ==
      "/p/sub/.mplint.yml:2: option `max-kb` needs a single rule id, not the prefix `performance`");
  Config ok = load_ok("rules:\n  compat/: note\n  performance/large-asset: { max-kb: 99.5 }\n");
  std::string error;
  CHECK_MESSAGE(check_rule_settings(ok, known_rules(), &error), error);
}

TEST_CASE("config: an exact rule id wins over its category, whatever the order") {
  std::vector<RuleInfo> rules = known_rules();
  const RuleInfo& api = rules[0];
  const RuleInfo& component = rules[1];
  Config c = load_ok("rules:\n  compat/api: note\n  compat: off\n");
  EffectiveRule e = effective_rule(c, api);
  CHECK(e.enabled);
  CHECK(e.severity == Severity::note);
  CHECK_FALSE(effective_rule(c, component).enabled);

  c = load_ok("rules:\n  compat: error\n  compat/api: off\n");
  CHECK_FALSE(effective_rule(c, api).enabled);
  e = effective_rule(c, component);
  CHECK(e.enabled);
  CHECK(e.severity == Severity::error);

  // Among settings of the same key the later one wins.
  c.rules = {{"compat", 1, true}, {"compat", 2, false, Severity::warning}};
  e = effective_rule(c, api);
  CHECK(e.enabled);
  CHECK(e.severity == Severity::warning);
  std::swap(c.rules[0], c.rules[1]);
  CHECK_FALSE(effective_rule(c, api).enabled);

  // A rule the config does not name keeps its defaults.
  e = effective_rule(c, rules[4]);
  CHECK(e.enabled);
  CHECK_FALSE(e.severity.has_value());
}

TEST_CASE("config: effective options are the defaults overridden by the config") {
  std::vector<RuleInfo> rules = known_rules();
  const RuleInfo& asset = rules[2];
  EffectiveRule e = effective_rule(Config{}, asset);
  CHECK(e.options == nlohmann::json{{"max-kb", 200}, {"ignore", nlohmann::json::array()}});
  Config c = load_ok("rules:\n  performance: off\n  performance/large-asset: { max-kb: 150 }\n");
  e = effective_rule(c, asset);
  CHECK(e.options == nlohmann::json{{"max-kb", 150}, {"ignore", nlohmann::json::array()}});
  CHECK_FALSE(e.enabled);  // options alone do not re-enable a rule its category turned off
  CHECK_FALSE(e.severity.has_value());
}

TEST_CASE("config: find_config walks up to the nearest .mplint.yml") {
  MemoryFileSystem fs;
  fs.add("/a/.mplint.yml", "");
  fs.add("/a/b/c/x.js", "");
  CHECK(find_config(fs, "/a/b/c") == "/a/.mplint.yml");
  CHECK(find_config(fs, "/a") == "/a/.mplint.yml");
  fs.add("/a/b/.mplint.yml", "");
  CHECK(find_config(fs, "/a/b/c") == "/a/b/.mplint.yml");
  CHECK(find_config(fs, "/z/y") == "");
  fs.add("/.mplint.yml", "");
  CHECK(find_config(fs, "/z/y") == "/.mplint.yml");
}

TEST_CASE("config: initial_config lists every rule and loads back") {
  std::vector<RuleInfo> rules = known_rules();
  std::string text = initial_config(rules);
  CHECK(text.find("  # summary of compat/api\n  # compat/api: warning\n") != std::string::npos);
  CHECK(text.find("  # performance/large-asset:\n  #   severity: warning\n"
                  "  #   max-kb: 200  # largest asset in KB\n  #   ignore: []  # globs\n") !=
        std::string::npos);
  Config c = load_ok(text);
  CHECK(c.rules.empty());
  CHECK(c.target_lib.empty());
  // Every commented setting, uncommented, is a valid config.
  std::string uncommented;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.starts_with("  # ") && line.find('/') != std::string::npos &&
        line.find("summary") == std::string::npos)
      line = "  " + line.substr(4);
    else if (line.starts_with("  #   "))
      line = "    " + line.substr(6);
    uncommented += line + "\n";
  }
  c = load_ok(uncommented);
  CHECK(c.rules.size() == rules.size());
  std::string error;
  CHECK_MESSAGE(check_rule_settings(c, rules, &error), error);
}
