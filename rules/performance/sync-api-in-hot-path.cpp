// performance/sync-api-in-hot-path: a synchronous `wx.*Sync` API that runs once per iteration
// of a loop, or on every event of `onPageScroll` or of a scroll/touchmove handler bound in the
// page's WXML (or of a method such a handler calls), with no throttle before it
// (analyzer/hot_paths.h).
#include "analyzer/rule.h"
#include "rules/performance/hot_handlers.h"

namespace mplint::rules {
namespace {

class SyncApiInHotPath : public Rule {
 public:
  RuleInfo info() const override {
    return {"performance/sync-api-in-hot-path", Severity::warning,
            "A synchronous `wx.*Sync` API called inside a loop, `onPageScroll`, or a "
            "scroll/touchmove handler.",
            "high"};
  }

  // A call in a loop of a scroll handler is reported once, as in the loop.
  void check_project(ProjectContext& ctx) const override {
    std::set<std::pair<std::string, uint32_t>> in_loops;
    for (const auto& [path, f] : ctx.facts)
      for (const LoopCall& c : f.hot_paths.in_loops) {
        if (c.call.kind != HotCall::Kind::sync_api) continue;
        in_loops.insert({path, c.call.at.range.begin});
        ctx.report(path, c.call.at,
                   "`" + c.call.callee + "` in " + loop_phrase(c) +
                       " blocks the JavaScript thread once per iteration: call it once outside "
                       "the loop (read before it, write after it)",
                   {{path, c.loop_at, "the loop"}});
      }
    for_each_handler_call(
        ctx, true, {"scroll", "touchmove"}, HotCall::Kind::sync_api,
        [&](const std::string& script, const HandlerCall& hc) {
          if (in_loops.count({script, hc.call->at.range.begin})) return;
          ctx.report(script, hc.call->at,
                     "`" + hc.call->callee + "` blocks the JavaScript thread on every " + hc.event +
                         " event, in " + handler_phrase(hc) +
                         ": call it once (in `onLoad`, or its asynchronous form) and keep the "
                         "result, or throttle the handler",
                     hc.related);
        });
  }
};

}  // namespace

std::unique_ptr<Rule> make_sync_api_in_hot_path() { return std::make_unique<SyncApiInHotPath>(); }

}  // namespace mplint::rules
