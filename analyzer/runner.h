// Runs the rules over one or more packages: parse files in parallel, run file rules,
// extract facts, run project rules, then sort.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyzer/file_system.h"
#include "analyzer/finding.h"
#include "analyzer/rule.h"

namespace mplint {

struct RunOptions {
  std::vector<std::string> paths;  // absolute files or directories
  unsigned jobs = 1;
  std::vector<const Rule*> rules;
  std::vector<std::string> excludes;  // globs relative to the package root
  std::string cwd;                    // absolute; finding paths are relative to it
};

struct RunOutput {
  std::vector<Finding> findings;  // sorted, paths relative to cwd
  size_t files_linted = 0;
  std::vector<std::string> warnings;  // one line each, for stderr
};

/// Lints. Returns false only for errors that stop the run (message in `error`).
bool run_lint(const FileSystem& fs, const RunOptions& options, RunOutput* out, std::string* error);

/// Finds the package root for a file or directory (see SPEC: project.config.json's
/// miniprogramRoot, else the nearest app.json, else the directory itself).
std::string find_package_root(const FileSystem& fs, const std::string& start);

}  // namespace mplint
