// The table of built-in C++ rules. Each line of registry.inc names one rule and the
// function in rules/<category>/<name>.cpp that makes it.
#include <memory>

#include "analyzer/rule.h"

namespace mplint::rules {
#define MPLINT_RULE(id, fn) std::unique_ptr<Rule> fn();
#include "rules/registry.inc"
#undef MPLINT_RULE
}  // namespace mplint::rules

namespace mplint {
const std::vector<RuleEntry>& builtin_rules() {
  static const std::vector<RuleEntry> table = {
#define MPLINT_RULE(id, fn) {id, &rules::fn},
#include "rules/registry.inc"
#undef MPLINT_RULE
  };
  return table;
}
}  // namespace mplint
