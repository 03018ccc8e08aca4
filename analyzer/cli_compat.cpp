// `mplint compat [PATH] [-f text|json]`: the lowest base library the package needs, the
// uses that set it, and what each lower version would leave out. It runs the three
// min-version rules with a target of 0.0.0 (every versioned, unguarded use is a finding)
// and reads the requiredVersion each finding carries.
#include <algorithm>
#include <fstream>
#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <thread>

#include "analyzer/cli_support.h"
#include "analyzer/runner.h"
#include "rules/compat/tables/compat_data.h"

namespace mplint::cli {

namespace {

struct CompatOptions {
  std::string path = ".";
  std::string format = "text";
  std::string config;
  std::string target_lib;
  unsigned jobs = 0;
};

CompatOptions parse_compat(const std::vector<std::string>& args) {
  CompatOptions o;
  bool have_path = false;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= args.size()) throw UsageError(a + " needs a value");
      return args[++i];
    };
    if (a == "-f" || a == "--format") {
      o.format = value();
      if (o.format != "text" && o.format != "json")
        throw UsageError("compat: --format is text or json, got `" + o.format + "`");
    } else if (a == "-c" || a == "--config") {
      o.config = value();
    } else if (a == "--target-lib") {
      o.target_lib = value();
      int parts[3];
      if (!parse_version(o.target_lib, parts))
        throw UsageError("--target-lib takes a version X.Y.Z, got `" + o.target_lib + "`");
    } else if (a == "-j" || a == "--jobs") {
      std::string v = value();
      o.jobs = static_cast<unsigned>(std::max(1, std::atoi(v.c_str())));
    } else if (!a.empty() && a[0] == '-') {
      throw UsageError("compat: unknown option " + a);
    } else if (!have_path) {
      o.path = a;
      have_path = true;
    } else {
      throw UsageError("compat takes one PATH");
    }
  }
  return o;
}

struct Use {
  const Finding* finding;
  std::string version;
  std::string feature;
};

struct NumericLess {
  bool operator()(const std::string& a, const std::string& b) const {
    return compare_versions(a, b) < 0;
  }
};
/// Uses by the version they need, oldest first.
using Levels = std::map<std::string, std::vector<Use>, NumericLess>;

std::string property(const Finding& f, std::string_view key) {
  for (const auto& [k, v] : f.properties)
    if (k == key) return v;
  return "";
}

bool is_min_version_rule(std::string_view id) {
  return id == "compat/api-min-version" || id == "compat/component-min-version" ||
         id == "compat/config-min-version";
}

// The target the package declares: --target-lib, config `target-lib`, else libVersion.
compat::Target declared_target(const FileSystem& fs, const std::string& target_lib,
                               const Config& config, const std::string& start) {
  if (!target_lib.empty()) return {target_lib, "--target-lib"};
  if (!config.target_lib.empty()) return {config.target_lib, "target-lib in .mplint.yml"};
  std::string root, project_dir;
  discover_root(fs, start, &root, &project_dir);
  return compat::lib_version_target(fs, project_dir);
}

std::string location(const Finding& f) {
  return f.path + ":" + std::to_string(f.loc.begin.line) + ":" + std::to_string(f.loc.begin.column);
}

nlohmann::ordered_json share_json(const std::string& version) {
  compat::Share s = compat::share_below(version);
  auto round2 = [](double x) { return std::round(x * 100) / 100; };
  return {{"android", round2(s.android)}, {"ios", round2(s.ios)}, {"mean", round2(s.mean())}};
}

nlohmann::ordered_json use_json(const Use& u) {
  return {{"path", u.finding->path},
          {"line", u.finding->loc.begin.line},
          {"column", u.finding->loc.begin.column},
          {"feature", u.feature},
          {"version", u.version},
          {"ruleId", u.finding->rule_id}};
}

std::string data_source() {
  return std::string(compat::kShareSource) + " (data of " + compat::kShareDate +
         "), miniprogram-api-typings@" + compat::kTypingsVersion;
}

void print_json(std::ostream& out, const Levels& levels, const compat::Target& target) {
  nlohmann::ordered_json doc;
  doc["floor"] =
      levels.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(levels.rbegin()->first);
  doc["shareBelowFloor"] =
      levels.empty() ? nlohmann::ordered_json() : share_json(levels.rbegin()->first);
  doc["target"] = target.version.empty() ? nlohmann::ordered_json()
                                         : nlohmann::ordered_json{{"version", target.version},
                                                                  {"source", target.source}};
  doc["setBy"] = nlohmann::ordered_json::array();
  if (!levels.empty())
    for (const Use& u : levels.rbegin()->second) doc["setBy"].push_back(use_json(u));
  doc["levels"] = nlohmann::ordered_json::array();
  for (auto it = levels.rbegin(); it != levels.rend(); ++it) {
    nlohmann::ordered_json level = {{"version", it->first}, {"shareBelow", share_json(it->first)}};
    level["uses"] = nlohmann::ordered_json::array();
    for (const Use& u : it->second) level["uses"].push_back(use_json(u));
    doc["levels"].push_back(level);
  }
  doc["data"] = data_source();
  out << doc.dump(2) << "\n";
}

void print_text(std::ostream& out, const Levels& levels, const compat::Target& target) {
  if (levels.empty()) {
    out << "No unguarded API, component, attribute or config key needs a particular base "
           "library.\n";
    return;
  }
  const std::string& floor = levels.rbegin()->first;
  out << "Lowest base library this package needs: " << floor << " (" << compat::share_phrase(floor)
      << ")\n";
  if (!target.version.empty()) {
    size_t above = 0;
    for (const auto& [version, uses] : levels)
      if (compare_versions(version, target.version) > 0) above += uses.size();
    out << "Target " << target.version << " (" << target.source << "): ";
    if (above == 0)
      out << "covers every use.\n";
    else
      out << above << " unguarded use" << (above == 1 ? "" : "s") << " need more.\n";
  }
  out << "\nSet by:\n";
  for (const Use& u : levels.rbegin()->second)
    out << "  " << location(*u.finding) << "  " << u.feature << "  " << u.version << "\n";
  out << "\nVersions the package needs (a target covers the uses at and below it):\n";
  for (auto it = levels.rbegin(); it != levels.rend(); ++it) {
    std::ostringstream count;
    count << it->second.size() << (it->second.size() == 1 ? " use" : " uses");
    out << "  " << std::left << std::setw(8) << it->first << " " << std::setw(9) << count.str()
        << " " << compat::share_phrase(it->first) << "\n";
  }
  out << "\nUser share: " << data_source() << ".\n";
}

}  // namespace

CompatSummary compat_summary(const FileSystem& fs, const std::vector<Finding>& findings,
                             const std::vector<RuleInfo>& ran, const std::string& target_lib,
                             const Config& config, const std::string& start) {
  CompatSummary c;
  c.ran = std::any_of(ran.begin(), ran.end(),
                      [](const RuleInfo& r) { return is_min_version_rule(r.id); });
  if (!c.ran) return c;
  compat::Target target = declared_target(fs, target_lib, config, start);
  c.target = target.version;
  c.target_source = target.source;
  for (const Finding& f : findings) {
    std::string version = property(f, "requiredVersion");
    if (f.suppressed || version.empty() || !is_min_version_rule(f.rule_id)) continue;
    c.uses_above++;
    if (c.floor.empty() || compare_versions(version, c.floor) > 0) c.floor = version;
  }
  if (!c.floor.empty()) c.floor_share = compat::share_phrase(c.floor);
  return c;
}

int run_compat(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CompatOptions o = parse_compat(args);
  DiskFileSystem disk;
  std::string abs = disk.absolute(o.path);
  if (!disk.is_file(abs) && !disk.is_dir(abs)) {
    err << "mplint: " << o.path << ": No such file or directory\n";
    return 2;
  }
  Config config = read_config_for(disk, o.config, find_package_root(disk, abs));
  RuleSet set = known_rules(config);
  RunOptions run;
  for (const auto& rule : set.rules) {
    if (is_min_version_rule(rule->info().id)) run.rules.push_back(rule.get());
  }
  run.paths = {abs};
  run.cwd = disk.absolute(".");
  run.excludes = config.exclude;
  run.forced_root = config.root;
  run.target_lib = "0.0.0";
  run.jobs = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  RunOutput result;
  std::string error;
  if (!run_lint(disk, run, &result, &error)) {
    err << "mplint: " << error << "\n";
    return 2;
  }
  Levels levels;
  for (const Finding& f : result.findings) {
    std::string version = property(f, "requiredVersion");
    if (f.suppressed || version.empty()) continue;
    levels[version].push_back({&f, version, property(f, "feature")});
  }
  compat::Target target = declared_target(disk, o.target_lib, config, abs);
  if (o.format == "json")
    print_json(out, levels, target);
  else
    print_text(out, levels, target);
  return 0;
}

}  // namespace mplint::cli
