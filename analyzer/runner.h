// Runs the rules over one or more packages: parse files in parallel, run file rules,
// extract facts, run project rules, then sort.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analyzer/config.h"
#include "analyzer/file_system.h"
#include "analyzer/finding.h"
#include "analyzer/project.h"
#include "analyzer/rule.h"

namespace mplint {

/// What parsing a file gave (findings of its file rules, facts), kept between runs by the
/// language server: a file whose bytes have not changed is not parsed again. Valid for one
/// Project and one set of options; clear() it when either changes. Thread-safe.
class OutcomeCache {
 public:
  OutcomeCache();
  ~OutcomeCache();
  void clear();
  struct Entries;
  Entries& entries() { return *entries_; }

 private:
  std::unique_ptr<Entries> entries_;
};

struct RunOptions {
  std::vector<std::string> paths;  // absolute files or directories
  unsigned jobs = 1;
  std::vector<const Rule*> rules;
  std::vector<std::string> excludes;  // globs relative to the package root
  std::string cwd;                    // absolute; finding paths are relative to it
  std::string forced_root;            // the config's `root`, absolute, or ""
  std::string target_lib;             // lowest base library to support, or ""
  /// Per rule id: severity override and options. Rules without an entry use defaults.
  std::map<std::string, EffectiveRule> settings;
  /// Whether every rule runs (no --select/--ignore/off): only then is a suppression
  /// without ids that suppresses nothing reported as unused.
  bool all_rules_ran = false;
  /// Whether to report unused suppressions at all (mplint/unused-suppression enabled).
  bool report_unused_suppressions = false;
  std::optional<Severity> unused_suppression_severity;
  /// Every rule id mplint knows (run or not), to report suppressions of unknown ids.
  std::set<std::string> known_rule_ids;
  /// Outcomes of earlier runs to reuse (the language server), or null.
  OutcomeCache* cache = nullptr;
  /// Whether to keep per-file outcomes on disk (analyzer/disk_cache.h), in `cache_dir`
  /// (absolute) or, when it is empty, in `.mplint-cache/` at each package root.
  bool disk_cache = false;
  std::string cache_dir;
  /// Whether to compute every package's size with its files whether or not
  /// performance/package-size runs (the HTML report draws them).
  bool size_tree = false;
};

struct RunOutput {
  std::vector<Finding> findings;  // sorted, paths relative to cwd
  size_t files_linted = 0;
  std::vector<std::string> warnings;  // one line each, for stderr
  /// Package roots found below a named folder that is in no package (relative to cwd,
  /// sorted); empty when every named path was in a package or none was found below.
  std::vector<std::string> packages;
  /// Each package's size when performance/package-size ran over a whole package (or
  /// RunOptions::size_tree asked for them, with their files).
  std::vector<PackageSizeLine> package_sizes;
};

/// Lints. Returns false only for errors that stop the run (message in `error`).
bool run_lint(const FileSystem& fs, const RunOptions& options, RunOutput* out, std::string* error);

/// Lints the named files (absolute paths: files or folders) of an already open project, as
/// run_lint does for each package; the language server keeps the project between edits.
/// Findings are appended to `out` unsorted.
void lint_in_project(const Project& project, const std::vector<std::string>& named,
                     const RunOptions& options, RunOutput* out);

/// Sorts findings in report order and drops exact duplicates.
void sort_findings(std::vector<Finding>* findings);

/// Finds the package root for a file or directory (see SPEC: project.config.json's
/// miniprogramRoot, else the nearest app.json, else the directory itself).
std::string find_package_root(const FileSystem& fs, const std::string& start);

}  // namespace mplint
