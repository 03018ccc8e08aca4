// What rules report, and the severity scale.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "analyzer/source.h"

namespace mplint {

enum class Severity { note = 0, warning = 1, error = 2 };

const char* severity_name(Severity s);
/// Parses "error", "warning", "note"; returns false for anything else.
bool parse_severity(std::string_view text, Severity* out);

/// A located span: byte range plus the positions a reporter prints.
struct Loc {
  Range range;
  Position begin;
  Position end;
};

Loc locate(const SourceText& source, Range range);

/// Another place a finding refers to ("first set here"): messages never quote line numbers,
/// which would change the finding's fingerprint whenever lines move above it.
struct RelatedLocation {
  std::string path;  // like Finding::path
  Loc loc;
  std::string message;  // short: "first set here"
};

/// One replacement in the finding's file: `range` (bytes of the file as linted) becomes `text`.
struct Edit {
  Loc loc;
  std::string text;
};

/// A change that makes a finding go away. `safe` fixes cannot change behaviour the user relies
/// on and are applied by --fix; the others are offered only as editor code actions and SARIF
/// `fixes`.
struct Fix {
  std::string title;  // "Replace with `{{false}}`"
  bool safe = false;
  std::vector<Edit> edits;  // non-overlapping, in the finding's file
};

struct Finding {
  std::string path;  // relative to the package root, '/'-separated
  Loc loc;
  std::string rule_id;
  Severity severity = Severity::error;
  std::string message;
  bool suppressed = false;
  std::vector<RelatedLocation> related;
  /// Secrets the finding found (a hard-coded key): outputs never show them (secrets.h).
  std::vector<Loc> secrets;
  /// Facts a tool reading the output can use, in order (SARIF result `properties`, JSON
  /// `properties`): e.g. requiredVersion for the compat rules.
  std::vector<std::pair<std::string, std::string>> properties;
  std::vector<Fix> fixes;
  /// About the file as a whole (unused, too large): no code frame, and its fingerprint does
  /// not depend on what its first line says.
  bool whole_file = false;
};

/// One package's size as uploaded, for the text report's table (performance/package-size).
/// A file counted in a package's size (path relative to the package root folder).
struct SizedFile {
  std::string path;
  uint64_t bytes = 0;
};

struct PackageSizeLine {
  std::string root;  // the package root folder, relative to cwd ("." when it is cwd)
  std::string name;  // "main package" or the subpackage root ("packageA/")
  uint64_t bytes = 0;
  size_t files = 0;
  std::vector<SizedFile> contents;  // every file, for the HTML treemap (RunOptions::size_tree)
};

/// The order every reporter prints: path, line, column, rule id, then message.
bool finding_less(const Finding& a, const Finding& b);

}  // namespace mplint
