// .mplint.yml: target library, root, excludes, rule settings and extra rule directories.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/file_system.h"
#include "analyzer/finding.h"
#include "analyzer/rule.h"

namespace mplint {

/// One entry of `rules:`: a rule id or a category prefix, its severity or `off`, and options.
struct RuleSetting {
  std::string key;  // "security/insecure-url" or "compat"
  int line = 0;
  bool off = false;
  std::optional<Severity> severity;
  nlohmann::json options = nlohmann::json::object();
  std::vector<std::pair<std::string, int>> option_lines;  // option name, line
};

struct Config {
  std::string path;  // absolute; empty when no file was found
  std::string target_lib;
  int target_lib_line = 0;
  std::string root;  // absolute
  std::vector<std::string> exclude;
  std::vector<RuleSetting> rules;
  std::vector<std::string> rule_dirs;  // absolute
};

/// Reads and checks a config file's structure. Errors are "path:line: message".
bool load_config(const FileSystem& fs, const std::string& path, Config* config, std::string* error);

/// Finds `.mplint.yml` in `dir` or its ancestors; "" when there is none.
std::string find_config(const FileSystem& fs, const std::string& dir);

/// Checks `rules:` against the known rules and their options.
bool check_rule_settings(const Config& config, const std::vector<RuleInfo>& rules,
                         std::string* error);

/// The effective setting of one rule: enabled, severity and options (defaults + config).
struct EffectiveRule {
  bool enabled = true;
  std::optional<Severity> severity;  // set when the config overrides the default
  nlohmann::json options = nlohmann::json::object();
};
EffectiveRule effective_rule(const Config& config, const RuleInfo& rule);

/// A commented .mplint.yml that lists every rule with its default severity and options.
std::string initial_config(const std::vector<RuleInfo>& rules);

/// Compares dotted versions ("2.25.0" < "2.30.1"); returns false for malformed input.
bool parse_version(std::string_view text, int out[3]);

}  // namespace mplint
