#include "analyzer/config.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "analyzer/yaml_util.h"

namespace mplint {

namespace {

std::string format_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

nlohmann::json to_json(const YAML::Node& n) {
  if (n.IsSequence()) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& item : n) arr.push_back(to_json(item));
    return arr;
  }
  if (n.IsMap()) {
    nlohmann::json obj = nlohmann::json::object();
    for (const auto& kv : n) obj[kv.first.as<std::string>()] = to_json(kv.second);
    return obj;
  }
  if (!n.IsScalar()) return nullptr;
  std::string s = n.as<std::string>();
  if (n.Tag() == "!") return s;  // quoted: a string even if it looks like a number
  if (s == "true" || s == "false") return s == "true";
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (!s.empty() && end && *end == '\0') return d;
  return s;
}

RuleSetting read_rule_setting(const std::string& key, const YAML::Node& value) {
  RuleSetting r;
  r.key = key;
  r.line = yaml_line(value);
  auto set_level = [&](const YAML::Node& n) {
    std::string level = yaml_scalar(n, "the level of `" + key + "`");
    Severity s;
    if (level == "off")
      r.off = true;
    else if (parse_severity(level, &s))
      r.severity = s;
    else
      yaml_fail(n, "`" + key + "`: unknown level `" + level + "` (error, warning, note or off)");
  };
  if (value.IsScalar()) {
    set_level(value);
    return r;
  }
  if (!value.IsMap()) yaml_fail(value, "`" + key + "` must be a level or a mapping");
  for (const auto& kv : value) {
    std::string name = kv.first.as<std::string>();
    if (name == "severity" || name == "level")
      set_level(kv.second);
    else {
      r.options[name] = to_json(kv.second);
      r.option_lines.push_back({name, yaml_line(kv.first)});
    }
  }
  return r;
}

void read_config(const YAML::Node& doc, const std::string& dir, Config* c) {
  if (!doc.IsMap())
    yaml_fail(doc,
              "the config must be a mapping of keys (target-lib, root, exclude, rules, rule-dirs)");
  for (const auto& kv : doc) {
    std::string key = kv.first.as<std::string>();
    const YAML::Node& v = kv.second;
    if (key == "target-lib") {
      c->target_lib = yaml_scalar(v, "target-lib");
      c->target_lib_line = yaml_line(v);
      int parts[3];
      if (!parse_version(c->target_lib, parts))
        yaml_fail(v, "target-lib must be a version X.Y.Z, got `" + c->target_lib + "`");
    } else if (key == "root") {
      c->root = join_path(dir, yaml_scalar(v, "root"));
    } else if (key == "exclude") {
      c->exclude = yaml_string_list(v, "exclude");
    } else if (key == "rule-dirs") {
      for (const std::string& d : yaml_string_list(v, "rule-dirs"))
        c->rule_dirs.push_back(join_path(dir, d));
    } else if (key == "rules") {
      if (v.IsNull()) continue;
      if (!v.IsMap()) yaml_fail(v, "rules must be a mapping of rule ids to levels");
      for (const auto& rule : v)
        c->rules.push_back(read_rule_setting(rule.first.as<std::string>(), rule.second));
    } else {
      yaml_fail(kv.first,
                "unknown key `" + key + "` (target-lib, root, exclude, rules, rule-dirs)");
    }
  }
}

bool same_type(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.is_number() && b.is_number()) return true;
  return a.type() == b.type();
}

}  // namespace

bool parse_version(std::string_view text, int out[3]) {
  int n = 0;
  char extra = 0;
  std::string s(text);
  n = sscanf(s.c_str(), "%d.%d.%d%c", &out[0], &out[1], &out[2], &extra);
  return n == 3 && out[0] >= 0 && out[1] >= 0 && out[2] >= 0;
}

bool load_config(const FileSystem& fs, const std::string& path, Config* config,
                 std::string* error) {
  std::string text, read_error;
  if (!fs.read(path, &text, &read_error)) {
    *error = path + ": cannot read: " + read_error;
    return false;
  }
  config->path = path;
  return yaml_read(path, text, error, [&] {
    YAML::Node doc = YAML::Load(text);
    if (!doc.IsNull()) read_config(doc, parent_dir(path), config);  // empty: an empty config
  });
}

std::string find_config(const FileSystem& fs, const std::string& dir) {
  for (std::string d = dir;; d = parent_dir(d)) {
    std::string candidate = join_path(d, ".mplint.yml");
    if (fs.is_file(candidate)) return candidate;
    if (d == "/" || d.empty() || parent_dir(d) == d) return "";
  }
}

bool check_rule_settings(const Config& config, const std::vector<RuleInfo>& rules,
                         std::string* error) {
  for (const RuleSetting& s : config.rules) {
    auto where = config.path + ":" + std::to_string(s.line) + ": ";
    std::vector<const RuleInfo*> matched;
    for (const RuleInfo& r : rules)
      if (rule_key_matches(s.key, r.id)) matched.push_back(&r);
    if (matched.empty()) {
      *error = where + "unknown rule or category `" + s.key + "` (see `mplint rules`)";
      return false;
    }
    for (const auto& [name, line] : s.option_lines) {
      std::string at = config.path + ":" + std::to_string(line) + ": ";
      if (matched.size() > 1) {
        *error =
            at + "option `" + name + "` needs a single rule id, not the prefix `" + s.key + "`";
        return false;
      }
      const RuleInfo& r = *matched[0];
      auto opt = std::find_if(r.options.begin(), r.options.end(),
                              [&name = name](const RuleOption& o) { return o.name == name; });
      if (opt == r.options.end()) {
        std::string known;
        for (const RuleOption& o : r.options) known += (known.empty() ? "" : ", ") + o.name;
        *error = at + "`" + r.id + "` has no option `" + name + "`" +
                 (known.empty() ? " (it takes none)" : " (options: " + known + ")");
        return false;
      }
      if (!same_type(opt->default_value, s.options[name])) {
        // yaml-cpp may hand back bytes that are not UTF-8 (a folded line break): shown
        // replaced, since the JSON library refuses to print them.
        *error = at + "option `" + name + "` of `" + r.id + "` must be like " +
                 opt->default_value.dump() + ", got " +
                 s.options[name].dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return false;
      }
      // Every numeric option is a threshold (a size, a count, a depth).
      if (opt->default_value.is_number() && s.options[name].get<double>() < 0) {
        *error = at + "option `" + name + "` of `" + r.id + "` must not be negative, got " +
                 format_number(s.options[name].get<double>());
        return false;
      }
    }
  }
  return true;
}

EffectiveRule effective_rule(const Config& config, const RuleInfo& rule) {
  EffectiveRule e;
  for (const RuleOption& o : rule.options) e.options[o.name] = o.default_value;
  // Later entries win; a longer (more specific) key applies after a category prefix.
  std::vector<const RuleSetting*> applicable;
  for (const RuleSetting& s : config.rules)
    if (rule_key_matches(s.key, rule.id)) applicable.push_back(&s);
  std::stable_sort(
      applicable.begin(), applicable.end(),
      [](const RuleSetting* a, const RuleSetting* b) { return a->key.size() < b->key.size(); });
  for (const RuleSetting* s : applicable) {
    if (s->off) e.enabled = false;
    if (s->severity) {
      e.enabled = true;
      e.severity = s->severity;
    }
    for (const auto& [name, value] : s->options.items()) e.options[name] = value;
  }
  return e;
}

std::string initial_config(const std::vector<RuleInfo>& rules) {
  std::string out =
      "# mplint configuration. Every key is optional.\n"
      "\n"
      "# The lowest base library version the mini-program supports (compat rules).\n"
      "# target-lib: \"2.25.0\"\n"
      "\n"
      "# The package root, when it is not found from project.config.json or app.json.\n"
      "# root: miniprogram/\n"
      "\n"
      "# Globs of files not to lint, relative to the package root (node_modules is never linted).\n"
      "# exclude: [\"**/vendor/**\"]\n"
      "\n"
      "# Folders with extra declarative rules (*.yml).\n"
      "# rule-dirs: [lint-rules/]\n"
      "\n"
      "# Each rule: error, warning, note or off, or a mapping with `severity` and options.\n"
      "# A category name (security, performance, ...) sets all its rules.\n"
      "rules:\n";
  for (const RuleInfo& r : rules) {
    out += "  # " + r.summary + "\n";
    if (r.options.empty()) {
      out += "  # " + r.id + ": " + severity_name(r.severity) + "\n";
      continue;
    }
    out += "  # " + r.id + ":\n  #   severity: " + severity_name(r.severity) + "\n";
    for (const RuleOption& o : r.options)
      out += "  #   " + o.name + ": " + o.default_value.dump() + "  # " + o.description + "\n";
  }
  return out;
}

}  // namespace mplint
