// Output formats: text (with code frames), SARIF 2.1.0, JSON, GitHub annotations, GitLab Code
// Quality and HTML.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "analyzer/finding.h"
#include "analyzer/rule.h"
#include "analyzer/secrets.h"
#include "analyzer/source.h"

namespace mplint {

/// What the compat rules of a check say about the base library (the HTML report shows it).
struct CompatSummary {
  bool ran = false;                   // a min-version rule ran
  std::string target, target_source;  // the declared target and where it comes from, or ""
  std::string floor;                  // the highest version an unguarded use needs, or ""
  std::string floor_share;            // "under 0.1% of users run below 2.21.2"
  size_t uses_above = 0;              // unguarded uses above the target
};

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
  /// The compat floor for the HTML report, when a min-version rule ran.
  CompatSummary compat;
  /// The repository root (absolute; the folder holding .git), or "" for cwd: GitLab wants
  /// paths relative to it.
  std::string repo_root;
  /// Returns a line of a file (path relative to cwd) for code frames; "" if unknown.
  std::function<std::string_view(const std::string& path, uint32_t line)> line_of;
};

std::string format_text(const ReportInput& in);
std::string format_json(const ReportInput& in);
std::string format_github(const ReportInput& in);
std::string format_sarif(const ReportInput& in);
/// GitLab Code Quality: the Code Climate subset GitLab reads (paths relative to repo_root).
std::string format_gitlab(const ReportInput& in);
/// One self-contained HTML page (analyzer/report_html.cpp).
std::string format_html(const ReportInput& in);

/// The secrets of the report's findings, read back through `line_of` (every reporter masks).
SecretMask secret_mask(const ReportInput& in);
/// The code frame's text: the line, or for a long (minified) line the part around the
/// finding with "..." where it was cut; `loc`'s columns are moved to match.
std::string frame_text(const std::string& path, std::string_view line, Loc* loc, LineScanner* scan);

/// A fingerprint of a finding that survives unrelated edits (line shifts, whitespace):
/// a hash of the rule id, path, message and the finding's source line without blanks.
/// `scan`, when given, is reused from one finding to the next (they come sorted).
std::string fingerprint(const Finding& f, std::string_view line_text, LineScanner* scan = nullptr);

}  // namespace mplint
