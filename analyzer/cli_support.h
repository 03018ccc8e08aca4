// What the commands of the command line share: their errors, the rules and the config.
#pragma once

#include <iosfwd>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "analyzer/config.h"
#include "analyzer/file_system.h"
#include "analyzer/reporters.h"
#include "analyzer/rule_set.h"
#include "analyzer/runner.h"

namespace mplint::cli {

/// A command-line mistake: exit 2 with the message and the usage.
class UsageError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A config, rule-file or baseline problem: exit 2 with the message alone.
class ConfigFailure : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Error messages name files as the user would type them: relative to the current directory.
std::string relative_to_cwd(std::string message);

/// Every rule mplint knows: C++ and built-in declarative rules plus the config's rule-dirs.
RuleSet known_rules(const Config& config);

/// The config named by `explicit_path`, else the one found from `package_root` upward.
Config read_config_for(const FileSystem& fs, const std::string& explicit_path,
                       const std::string& package_root);

/// The config that applies in the current directory.
Config config_of_cwd();

/// The rules that run: every known rule, filtered by the config and --select/--ignore.
struct LoadedRules {
  RuleSet set;                        // every known rule
  std::vector<const Rule*> selected;  // the ones that run
  std::vector<RuleInfo> infos;        // of the selected, sorted by id
  std::map<std::string, EffectiveRule> settings;
  bool all_ran = true;
};
LoadedRules select_rules(const Config& config, const std::vector<std::string>& select = {},
                         const std::vector<std::string>& ignore = {});
/// The run options the rules and config give (not paths, cwd or jobs).
RunOptions run_options(const LoadedRules& rules, const Config& config);

/// Lints, applies the safe fixes of the findings left unsuppressed to the files in `overlay`,
/// and lints again, until nothing more can be fixed (at most 10 passes, as ESLint does).
/// `out` holds the findings of the last pass; `fixed` counts the fixes applied.
bool lint_and_fix(OverlayFileSystem* overlay, const RunOptions& run, RunOutput* out, size_t* fixed,
                  std::string* error);
/// --fix-dry-run: the changes as a unified diff; exit 1 when there are any.
int print_fix_diff(const OverlayFileSystem& overlay, const std::string& cwd, size_t fixed,
                   std::ostream& out, std::ostream& err);
/// --fix: writes the changed files back; false (after a message) when one cannot be written.
bool write_fixes(const OverlayFileSystem& overlay, size_t fixed, std::ostream& err);

int run_init(std::ostream& out, std::ostream& err);
int run_rules(const std::vector<std::string>& args, std::ostream& out);
int run_explain(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_test_rules(const std::vector<std::string>& args, std::ostream& out);
int run_compat(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
/// What the min-version rules of a check found, for the HTML report: `target_lib` is
/// --target-lib, `start` the first path checked.
CompatSummary compat_summary(const FileSystem& fs, const std::vector<Finding>& findings,
                             const std::vector<RuleInfo>& ran, const std::string& target_lib,
                             const Config& config, const std::string& start);

}  // namespace mplint::cli
