// performance/setdata-in-loop: `this.setData(…)` (or on a variable holding `this`) that runs
// once per iteration of a loop or of an array-iteration callback. What counts as running per
// iteration is decided once per script in the facts (analyzer/hot_paths.h).
#include "analyzer/rule.h"
#include "rules/performance/hot_handlers.h"

namespace mplint::rules {
namespace {

class SetdataInLoop : public Rule {
 public:
  RuleInfo info() const override {
    return {"performance/setdata-in-loop", Severity::warning,
            "`this.setData(...)` inside a loop body or a forEach/map/filter/reduce callback: one "
            "render per iteration; batch the changes into one call.",
            "high"};
  }

  void check_project(ProjectContext& ctx) const override {
    for (const auto& [path, f] : ctx.facts)
      for (const LoopCall& c : f.hot_paths.in_loops) {
        if (c.call.kind != HotCall::Kind::set_data) continue;
        ctx.report(path, c.call.at,
                   "`" + c.call.callee + "` in " + loop_phrase(c) +
                       " runs once per iteration, and every call sends its data to the view "
                       "layer and renders the page again: collect the changes in one object "
                       "(path keys like `'list[' + i + '].checked'`) and call setData once after "
                       "the loop",
                   {{path, c.loop_at, "the loop"}});
      }
  }
};

}  // namespace

std::unique_ptr<Rule> make_setdata_in_loop() { return std::make_unique<SetdataInLoop>(); }

}  // namespace mplint::rules
