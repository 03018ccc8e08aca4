// mplint/unused-suppression: a suppression comment that suppresses nothing. The engine
// reports it while applying suppressions (analyzer/suppressions.cpp); this entry gives it an
// id, a default severity and a doc, so it can be configured like any other rule.
#include "analyzer/rule.h"

namespace mplint::rules {
namespace {

class UnusedSuppression : public Rule {
 public:
  RuleInfo info() const override {
    return {"mplint/unused-suppression", Severity::note,
            "A suppression comment that suppresses no finding.", "very-high"};
  }
};

}  // namespace

std::unique_ptr<Rule> make_unused_suppression() { return std::make_unique<UnusedSuppression>(); }

}  // namespace mplint::rules
