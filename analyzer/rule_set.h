// Every rule mplint knows: the C++ table, the embedded declarative rules and the user's
// declarative rules from `rule-dirs`, sorted by id.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "analyzer/declarative_rule.h"
#include "analyzer/file_system.h"
#include "analyzer/rule.h"

namespace mplint {

struct RuleSet {
  std::vector<std::unique_ptr<Rule>> rules;  // sorted by id
  /// The YAML rules among them.
  std::vector<const DeclarativeRule*> declarative() const;
  const Rule* find(const std::string& id) const;
  std::vector<RuleInfo> infos() const;
};

/// Loads every rule. Errors in a rule file are "path:line: message".
bool load_rules(const FileSystem& fs, const std::vector<std::string>& rule_dirs, RuleSet* out,
                std::string* error);

/// Loads the declarative rules under `dir` (*.yml and *.yaml, recursively). A `<name>.md`
/// beside a rule file is its documentation.
bool load_rule_dir(const FileSystem& fs, const std::string& dir,
                   std::vector<std::unique_ptr<DeclarativeRule>>* out, std::string* error);

}  // namespace mplint
