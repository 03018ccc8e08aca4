// performance/setdata-in-scroll: `this.setData(…)` that runs on every scroll event: in
// `onPageScroll`, or in a handler the page's WXML binds with bindscroll/bind:scroll/
// catchscroll, or in a method such a handler calls, with no throttle or check of state before
// it (analyzer/hot_paths.h says what counts as one).
#include "analyzer/rule.h"
#include "rules/performance/hot_handlers.h"

namespace mplint::rules {
namespace {

class SetdataInScroll : public Rule {
 public:
  RuleInfo info() const override {
    return {"performance/setdata-in-scroll", Severity::warning,
            "`setData` called on every scroll event (`onPageScroll` or a `bindscroll` handler) "
            "without a throttle or a check that the value changed.",
            "high"};
  }

  void check_project(ProjectContext& ctx) const override {
    for_each_handler_call(
        ctx, true, {"scroll"}, HotCall::Kind::set_data,
        [&](const std::string& script, const HandlerCall& hc) {
          ctx.report(script, hc.call->at,
                     "`" + hc.call->callee + "` runs on every scroll event, in " +
                         handler_phrase(hc) +
                         ": scrolling fires dozens of events a second and each call sends data "
                         "to the view layer and renders; throttle the handler, or call setData "
                         "only when the value changes (`if (fixed !== this.data.fixed)`)",
                     hc.related);
        });
  }
};

}  // namespace

std::unique_ptr<Rule> make_setdata_in_scroll() { return std::make_unique<SetdataInScroll>(); }

}  // namespace mplint::rules
