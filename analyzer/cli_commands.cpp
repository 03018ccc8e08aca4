// The commands besides `check`: rules, explain, init, test-rules; and what all commands share.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "analyzer/cli_support.h"
#include "analyzer/declarative_rule.h"
#include "analyzer/runner.h"

namespace mplint::cli {

namespace {

nlohmann::ordered_json options_json(const RuleInfo& r) {
  nlohmann::ordered_json opts = nlohmann::ordered_json::object();
  for (const RuleOption& o : r.options)
    opts[o.name] = {{"default", o.default_value}, {"description", o.description}};
  return opts;
}

// A table cell: a '|' would end it.
std::string markdown_cell(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

}  // namespace

std::string relative_to_cwd(std::string message) {
  DiskFileSystem disk;
  std::string cwd = disk.absolute(".") + "/";
  for (size_t at; (at = message.find(cwd)) != std::string::npos;) message.erase(at, cwd.size());
  return message;
}

RuleSet known_rules(const Config& config) {
  RuleSet set;
  DiskFileSystem disk;
  std::string error;
  if (!load_rules(disk, config.rule_dirs, &set, &error))
    throw ConfigFailure(relative_to_cwd(error));
  return set;
}

Config read_config_for(const FileSystem& fs, const std::string& explicit_path,
                       const std::string& package_root) {
  Config config;
  std::string path =
      explicit_path.empty() ? find_config(fs, package_root) : fs.absolute(explicit_path);
  if (path.empty()) return config;
  std::string error;
  if (!load_config(fs, path, &config, &error)) throw ConfigFailure(relative_to_cwd(error));
  return config;
}

namespace {

// SPEC: a prefix match on ids. `security` selects the category, `correctness/unresolved`
// both unresolved-* rules.
bool id_matches(const std::string& id, const std::string& prefix) {
  return id.compare(0, prefix.size(), prefix) == 0;
}

bool matches_any(const std::string& id, const std::vector<std::string>& keys) {
  return std::any_of(keys.begin(), keys.end(),
                     [&](const std::string& k) { return id_matches(id, k); });
}

}  // namespace

LoadedRules select_rules(const Config& config, const std::vector<std::string>& select,
                         const std::vector<std::string>& ignore) {
  LoadedRules r;
  r.set = known_rules(config);
  std::vector<RuleInfo> all_infos = r.set.infos();
  std::string error;
  if (!check_rule_settings(config, all_infos, &error)) throw ConfigFailure(relative_to_cwd(error));
  for (const auto& [flag, keys] : {std::pair{"--select", &select}, {"--ignore", &ignore}})
    for (const std::string& k : *keys) {
      bool known = is_rule_category(k) ||
                   std::any_of(all_infos.begin(), all_infos.end(),
                               [&](const RuleInfo& i) { return id_matches(i.id, k); });
      if (!known)
        throw UsageError(std::string(flag) + ": `" + k +
                         "` is no rule id or category (see `mplint rules`)");
    }
  for (size_t i = 0; i < r.set.rules.size(); ++i) {
    const RuleInfo& info = all_infos[i];
    EffectiveRule e = effective_rule(config, info);
    bool run = e.enabled && (select.empty() || matches_any(info.id, select)) &&
               !matches_any(info.id, ignore);
    if (!run) {
      r.all_ran = false;
      continue;
    }
    r.selected.push_back(r.set.rules[i].get());
    r.infos.push_back(info);
    r.settings[info.id] = std::move(e);
  }
  return r;
}

RunOptions run_options(const LoadedRules& rules, const Config& config) {
  RunOptions run;
  run.rules = rules.selected;
  run.settings = rules.settings;
  run.all_rules_ran = rules.all_ran;
  auto unused = rules.settings.find("mplint/unused-suppression");
  run.report_unused_suppressions = unused != rules.settings.end();
  if (run.report_unused_suppressions) run.unused_suppression_severity = unused->second.severity;
  for (const RuleInfo& info : rules.set.infos()) run.known_rule_ids.insert(info.id);
  run.excludes = config.exclude;
  run.forced_root = config.root;
  run.target_lib = config.target_lib;
  return run;
}

Config config_of_cwd() {
  DiskFileSystem disk;
  return read_config_for(disk, "", find_package_root(disk, disk.absolute(".")));
}

int run_init(std::ostream& out, std::ostream& err) {
  DiskFileSystem disk;
  std::string path = disk.absolute(".mplint.yml");
  if (disk.is_file(path)) {
    err << "mplint: .mplint.yml already exists\n";
    return 2;
  }
  std::vector<RuleInfo> infos = known_rules(Config{}).infos();
  std::ofstream file(path, std::ios::binary);
  file << initial_config(infos);
  if (!file) {
    err << "mplint: .mplint.yml: cannot write\n";
    return 2;
  }
  out << "wrote .mplint.yml\n";
  return 0;
}

int run_rules(const std::vector<std::string>& args, std::ostream& out) {
  std::string format = "text";
  for (size_t i = 1; i < args.size(); ++i) {
    if ((args[i] == "--format" || args[i] == "-f") && i + 1 < args.size())
      format = args[++i];
    else if (args[i].rfind("--format=", 0) == 0)
      format = args[i].substr(9);
    else
      throw UsageError("rules: unknown argument `" + args[i] + "`");
  }
  std::vector<RuleInfo> infos = known_rules(config_of_cwd()).infos();
  if (format == "json") {
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    for (const RuleInfo& r : infos)
      arr.push_back({{"id", r.id},
                     {"category", category_of(r.id)},
                     {"severity", severity_name(r.severity)},
                     {"summary", r.summary},
                     {"precision", r.precision},
                     {"options", options_json(r)}});
    // A YAML rule's summary may hold bytes that are not UTF-8 (yaml-cpp folds lines so).
    out << nlohmann::ordered_json({{"rules", arr}})
               .dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
        << "\n";
  } else if (format == "markdown") {
    out << "| id | severity | summary |\n|---|---|---|\n";
    for (const RuleInfo& r : infos)
      out << "| `" << r.id << "` | " << severity_name(r.severity) << " | "
          << markdown_cell(r.summary) << " |\n";
  } else if (format == "text") {
    for (const RuleInfo& r : infos) {
      std::string id = r.id;
      id.resize(std::max<size_t>(id.size(), 44), ' ');
      std::string sev = severity_name(r.severity);
      sev.resize(8, ' ');
      out << id << " " << sev << " " << r.summary << "\n";
    }
  } else {
    throw UsageError("rules: unknown format `" + format + "` (text, json, markdown)");
  }
  return 0;
}

int run_explain(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.size() != 2) throw UsageError("explain takes one rule id");
  RuleSet set = known_rules(config_of_cwd());
  const Rule* rule = set.find(args[1]);
  if (!rule) {
    err << "mplint: unknown rule `" << args[1] << "` (see `mplint rules`)\n";
    return 2;
  }
  out << rule_markdown(rule->info());
  return 0;
}

// Runs the `tests:` of the declarative rules in DIRs (default: the built-in ones and the
// config's rule-dirs), printing each Missing/Noisy case.
int run_test_rules(const std::vector<std::string>& args, std::ostream& out) {
  DiskFileSystem disk;
  std::vector<std::unique_ptr<DeclarativeRule>> owned;
  std::vector<const DeclarativeRule*> rules;
  RuleSet set;
  std::string error;
  if (args.size() > 1) {
    for (size_t i = 1; i < args.size(); ++i)
      if (!load_rule_dir(disk, disk.absolute(args[i]), &owned, &error))
        throw ConfigFailure(relative_to_cwd(error));
    for (const auto& r : owned) rules.push_back(r.get());
  } else {
    set = known_rules(config_of_cwd());
    rules = set.declarative();
  }
  size_t tests = 0, failed = 0;
  for (const DeclarativeRule* rule : rules) {
    tests += rule->tests().size();
    for (const std::string& failure : run_declarative_tests(*rule)) {
      out << relative_to_cwd(failure) << "\n";
      ++failed;
    }
  }
  out << rules.size() << " rules, " << tests << " tests: " << tests - failed << " passed, "
      << failed << " failed\n";
  return failed ? 1 : 0;
}

}  // namespace mplint::cli
