// --fix and --fix-dry-run: apply the safe fixes in memory, pass after pass, then write the
// files or print the diff.
#include <fstream>
#include <iostream>
#include <map>

#include "analyzer/cli_support.h"
#include "analyzer/fixes.h"

namespace mplint::cli {

namespace {

// Applies the safe fixes of one pass's findings; returns how many were applied.
size_t apply_pass(OverlayFileSystem* overlay, const std::string& cwd,
                  const std::vector<Finding>& findings) {
  std::map<std::string, std::vector<const Fix*>> by_file;
  for (const Finding& f : findings) {
    if (f.suppressed) continue;
    for (const Fix& fix : f.fixes)
      if (fix.safe) {
        by_file[join_path(cwd, f.path)].push_back(&fix);
        break;  // one fix per finding
      }
  }
  size_t total = 0;
  for (const auto& [path, fixes] : by_file) {
    std::string text, error;
    if (!overlay->read(path, &text, &error)) continue;
    size_t applied = 0;
    std::string changed = apply_fixes(text, fixes, &applied);
    if (applied == 0 || changed == text) continue;
    overlay->set(path, std::move(changed));
    total += applied;
  }
  return total;
}

// The original bytes of a file the overlay changed ("" for one that did not exist).
std::string original(const OverlayFileSystem& overlay, const std::string& path) {
  std::string text, error;
  overlay.base().read(path, &text, &error);
  return text;
}

}  // namespace

bool lint_and_fix(OverlayFileSystem* overlay, const RunOptions& run, RunOutput* out, size_t* fixed,
                  std::string* error) {
  *fixed = 0;
  for (int pass = 0;; ++pass) {
    RunOutput result;
    if (!run_lint(*overlay, run, &result, error)) return false;
    size_t applied = pass < 10 ? apply_pass(overlay, run.cwd, result.findings) : 0;
    if (applied == 0) {
      *out = std::move(result);
      return true;
    }
    *fixed += applied;
  }
}

int print_fix_diff(const OverlayFileSystem& overlay, const std::string& cwd, size_t fixed,
                   std::ostream& out, std::ostream& err) {
  size_t files = 0;
  for (const auto& [path, text] : overlay.files()) {
    std::string diff = unified_diff(relative_path(cwd, path), original(overlay, path), text);
    if (diff.empty()) continue;
    out << diff;
    ++files;
  }
  err << "mplint: " << fixed << (fixed == 1 ? " fix" : " fixes") << " in " << files
      << (files == 1 ? " file" : " files") << " (not applied: --fix-dry-run)\n";
  return files ? 1 : 0;
}

bool write_fixes(const OverlayFileSystem& overlay, size_t fixed, std::ostream& err) {
  size_t files = 0;
  for (const auto& [path, text] : overlay.files()) {
    if (text == original(overlay, path)) continue;
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << text;
    if (!file) {
      err << "mplint: " << relative_to_cwd(path) << ": cannot write\n";
      return false;
    }
    ++files;
  }
  if (fixed)
    err << "mplint: fixed " << fixed << (fixed == 1 ? " finding" : " findings") << " in " << files
        << (files == 1 ? " file" : " files") << "\n";
  return true;
}

}  // namespace mplint::cli
