// Output formats: text (with code frames), SARIF 2.1.0, JSON and GitHub annotations.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "analyzer/finding.h"
#include "analyzer/rule.h"

namespace mplint {

struct ReportInput {
  const std::vector<Finding>* findings;
  const std::vector<RuleInfo>* rules;  // the rules that ran, sorted by id
  std::string cwd;                     // absolute; SARIF's %SRCROOT%
  size_t files_linted = 0;
  long elapsed_ms = 0;
  bool color = false;
  bool success = true;
  /// Package roots found below the named folder (relative to cwd), for the text summary.
  std::vector<std::string> packages;
  /// Package sizes for the text report's table (performance/package-size), or empty.
  std::vector<PackageSizeLine> package_sizes;
  /// Returns a line of a file (path relative to cwd) for code frames; "" if unknown.
  std::function<std::string_view(const std::string& path, uint32_t line)> line_of;
};

std::string format_text(const ReportInput& in);
std::string format_json(const ReportInput& in);
std::string format_github(const ReportInput& in);
std::string format_sarif(const ReportInput& in);

/// A fingerprint of a finding that survives unrelated edits (line shifts, whitespace):
/// a hash of the rule id, path, message and the finding's source line without blanks.
/// `scan`, when given, is reused from one finding to the next (they come sorted).
std::string fingerprint(const Finding& f, std::string_view line_text,
                        LineScanner* scan = nullptr);

}  // namespace mplint
