// The rule interface. A rule says what it looks at by overriding check_file (one parsed
// file, with the read-only project model) and/or check_project (the facts of all files).
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/facts.h"
#include "analyzer/finding.h"
#include "analyzer/package_graph.h"
#include "analyzer/parsed_file.h"
#include "analyzer/project.h"

namespace mplint {

/// An option a rule takes in .mplint.yml, with its default (which also fixes its type).
struct RuleOption {
  std::string name;
  nlohmann::json default_value;
  std::string description;
};

struct RuleInfo {
  std::string id;  // "category/kebab-name"
  Severity severity = Severity::error;
  std::string summary;             // one line
  std::string precision = "high";  // SARIF precision: very-high, high, medium, low
  std::vector<RuleOption> options;
  std::string doc;  // Markdown, when the rule carries its own; else rules/<id>.md is used
  /// SARIF `properties.security-severity` ("0.0"-"10.0") for security rules; when empty it
  /// follows the severity (error 6.0, warning 5.0, note 2.0: medium and low). GitHub sorts alerts
  /// by it.
  std::string security_severity;
};

/// The rule's SARIF security-severity: its own, or the one its default severity implies.
std::string security_severity_of(const RuleInfo& rule);

/// The rule's Markdown documentation: its own, or the embedded rules/<id>.md.
std::string rule_markdown(const RuleInfo& rule);

std::string category_of(std::string_view rule_id);

/// Where a rule's documentation is published (SARIF helpUri, LSP codeDescription).
std::string rule_doc_url(std::string_view rule_id);

/// The categories of the catalog (RULES.md), whether or not they have rules yet.
const std::vector<std::string>& rule_categories();
bool is_rule_category(std::string_view name);

/// Whether a config key or suppression id names rule `id`: the id itself, or a prefix of it
/// that ends at a '/' (`correctness` and `correctness/` name `correctness/unknown-element`).
bool rule_key_matches(std::string_view key, std::string_view id);

/// Collects the findings of one rule; the runner sets the rule and path.
class Reporter {
 public:
  Reporter(const RuleInfo& rule, std::vector<Finding>* out, const nlohmann::json* options = nullptr)
      : rule_(rule), out_(out), options_(options) {}
  /// The rule's options: defaults from RuleInfo::options, overridden by .mplint.yml.
  const nlohmann::json& options() const;
  void report(const std::string& path, const Loc& loc, std::string message) {
    report(path, loc, std::move(message), rule_.severity);
  }
  void report(const std::string& path, const Loc& loc, std::string message, Severity severity,
              std::vector<RelatedLocation> related = {});
  void report(const std::string& path, const Loc& loc, std::string message,
              std::vector<RelatedLocation> related) {
    report(path, loc, std::move(message), rule_.severity, std::move(related));
  }
  /// Reports a finding that shows the secret at `secret`: outputs mask it (secrets.h).
  void report_secret(const std::string& path, const Loc& loc, std::string message,
                     const Loc& secret);
  /// The finding reported last (null before the first).
  Finding* last() { return out_->empty() ? nullptr : &out_->back(); }
  /// Offers `fix` for the finding reported last.
  void add_fix(Fix fix) {
    if (Finding* f = last()) f->fixes.push_back(std::move(fix));
  }

 private:
  const RuleInfo& rule_;
  std::vector<Finding>* out_;
  const nlohmann::json* options_;
};

class FileContext {
 public:
  FileContext(const Project& project, const ParsedFile& file, Reporter& reporter)
      : project(project), file(file), reporter_(reporter) {}
  const Project& project;
  const ParsedFile& file;
  const nlohmann::json& options() const { return reporter_.options(); }
  void report(Range range, std::string message) {
    reporter_.report(file.path, locate(file.source, range), std::move(message));
  }
  void report(Range range, std::string message, Severity severity) {
    reporter_.report(file.path, locate(file.source, range), std::move(message), severity);
  }
  /// Reports with related locations (see related()).
  void report(Range range, std::string message, std::vector<RelatedLocation> related) {
    reporter_.report(file.path, locate(file.source, range), std::move(message), std::move(related));
  }
  /// Reports at `range` a secret found at `secret` (the secret's characters, without
  /// quotes). No output shows the secret: code frames and messages mask it.
  void report_secret(Range range, std::string message, Range secret);
  /// A related location in this file.
  RelatedLocation related(Range range, std::string message) const {
    return {file.path, locate(file.source, range), std::move(message)};
  }
  /// An edit of this file, for a fix.
  Edit edit(Range range, std::string text) const {
    return {locate(file.source, range), std::move(text)};
  }
  /// Offers a fix for the finding reported last (Fix::safe: whether --fix may apply it).
  void add_fix(std::string title, bool safe, std::vector<Edit> edits) {
    reporter_.add_fix({std::move(title), safe, std::move(edits)});
  }

 private:
  Reporter& reporter_;
};

/// The facts of every parsed file, by path.
using FactsIndex = std::map<std::string, FileFacts>;

/// What the project rules of one run derive from the whole package, each built once, by the
/// first rule that asks.
struct PackageFacts {
  std::optional<PackageGraph> graph;
  std::optional<std::vector<PackageSize>> sizes;
};

class ProjectContext {
 public:
  /// `shared`: where package-wide facts are kept between the project rules of one run, or
  /// null to keep them in this context.
  ProjectContext(const Project& project, const FactsIndex& facts, Reporter& reporter,
                 PackageFacts* shared = nullptr)
      : project(project), facts(facts), reporter_(reporter), shared_(shared ? shared : &own_) {}
  const Project& project;
  const FactsIndex& facts;
  const nlohmann::json& options() const { return reporter_.options(); }
  const FileFacts* facts_of(const std::string& path) const {
    auto it = facts.find(path);
    return it == facts.end() ? nullptr : &it->second;
  }
  /// What the package reaches from app.json, by which package (package_graph.h).
  const PackageGraph& package_graph() {
    if (!shared_->graph) shared_->graph = build_package_graph(project, facts);
    return *shared_->graph;
  }
  /// The main package's and each subpackage's size as uploaded (package_graph.h).
  const std::vector<PackageSize>& package_sizes() {
    if (!shared_->sizes) {
      // The graph matters only when DevTools leaves unreferenced files out of the upload.
      const PackageGraph* graph = ignores_unused_files(project) ? &package_graph() : nullptr;
      shared_->sizes = mplint::package_sizes(project, graph);
    }
    return *shared_->sizes;
  }
  void report(const std::string& path, const Loc& loc, std::string message,
              std::vector<RelatedLocation> related = {}) {
    reporter_.report(path, loc, std::move(message), std::move(related));
  }
  void report(const std::string& path, const Loc& loc, std::string message, Severity severity,
              std::vector<RelatedLocation> related = {}) {
    reporter_.report(path, loc, std::move(message), severity, std::move(related));
  }
  /// Reports a finding about a whole file (Finding::whole_file), at its start.
  void report_file(const std::string& path, std::string message,
                   std::vector<RelatedLocation> related = {}) {
    reporter_.report(path, Loc{}, std::move(message), std::move(related));
    reporter_.last()->whole_file = true;
  }
  void report_file(const std::string& path, std::string message, Severity severity) {
    reporter_.report(path, Loc{}, std::move(message), severity);
    reporter_.last()->whole_file = true;
  }
  /// Reports a finding that carries `properties` (Finding::properties).
  void report_with(const std::string& path, const Loc& loc, std::string message,
                   std::vector<std::pair<std::string, std::string>> properties) {
    reporter_.report(path, loc, std::move(message));
    reporter_.last()->properties = std::move(properties);
  }
  /// Offers a fix for the finding reported last.
  void add_fix(Fix fix) { reporter_.add_fix(std::move(fix)); }
  /// Reports at a range of a JSON file of the project.
  void report_json(const JsonFile& json, Range range, std::string message) {
    reporter_.report(json.source.path(), locate(json.source, range), std::move(message));
  }
  void report_json(const JsonFile& json, Range range, std::string message, Severity severity) {
    reporter_.report(json.source.path(), locate(json.source, range), std::move(message), severity);
  }
  /// Offers a fix for the finding reported last, as edits of `json` (the finding's file).
  void add_json_fix(const JsonFile& json, std::string title, bool safe,
                    std::vector<std::pair<Range, std::string>> edits) {
    Fix fix{std::move(title), safe, {}};
    for (auto& [range, text] : edits)
      fix.edits.push_back({locate(json.source, range), std::move(text)});
    reporter_.add_fix(std::move(fix));
  }

 private:
  Reporter& reporter_;
  PackageFacts own_;
  PackageFacts* shared_;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual RuleInfo info() const = 0;
  virtual void check_file(FileContext&) const {}
  virtual void check_project(ProjectContext&) const {}
  /// Whether the rule can judge this project at all (the min-version rules need a target). A
  /// suppression of a rule that could not judge is never called unused.
  virtual bool judges(const Project&) const { return true; }
  /// What, besides mplint's build, decides the rule's findings (a YAML rule: its text), for
  /// the keys of the disk cache.
  virtual std::string cache_salt() const { return ""; }
};

struct RuleEntry {
  const char* id;
  std::unique_ptr<Rule> (*make)();
};

/// Every built-in C++ rule, sorted by id (rules/registry.inc).
const std::vector<RuleEntry>& builtin_rules();

/// The rule's Markdown documentation (rules/<id>.md, embedded at build time), or "".
std::string_view rule_doc(std::string_view rule_id);
/// Ids of every embedded rule doc, sorted.
std::vector<std::string_view> embedded_doc_ids();

/// The built-in declarative rules (rules/<category>/<name>.yml, embedded at build time).
struct EmbeddedRuleFile {
  std::string_view path;  // "rules/security/dynamic-code.yml"
  std::string_view text;
};
std::vector<EmbeddedRuleFile> embedded_rule_files();

}  // namespace mplint
