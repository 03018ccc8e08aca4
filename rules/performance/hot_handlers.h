// The hot calls (hot_paths.h) that run on every event a page or component handles often:
// `onPageScroll`, and the handlers its WXML (with the templates it imports or includes) binds
// to such events. Shared by setdata-in-scroll and sync-api-in-hot-path.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "analyzer/path_refs.h"
#include "analyzer/rule.h"

namespace mplint::rules {

/// The event of a binding attribute: "bindscroll", "bind:scroll", "catch:scroll" → "scroll".
inline std::string_view event_of(std::string_view attribute) {
  for (std::string_view prefix :
       {"capture-bind:", "capture-catch:", "mut-bind:", "bind:", "catch:", "bind", "catch"})
    if (attribute.starts_with(prefix)) return attribute.substr(prefix.size());
  return attribute;
}

/// A hot call that runs on every event of a handler.
struct HandlerCall {
  const HotCall* call;
  std::string handler;  // the bound method: "onPageScroll", "onScroll"
  std::string event;    // "scroll", "touchmove"
  std::string binding;  // the WXML attribute ("bindscroll"), "" for onPageScroll
  std::string via;      // the method of the call, when the handler calls it: "updateNav"
  std::vector<RelatedLocation> related;
};

/// Calls `visit(script, call)` once per hot call of `kind` that runs on every event of
/// `onPageScroll` (when `page_scroll`) or of a handler bound to one of `events`: in the
/// handler, or in a method of the same file that it calls (one step).
inline void for_each_handler_call(
    const ProjectContext& ctx, bool page_scroll, const std::set<std::string_view>& events,
    HotCall::Kind kind, const std::function<void(const std::string&, const HandlerCall&)>& visit) {
  for (const auto& [script, f] : ctx.facts) {
    if (f.hot_paths.methods.empty()) continue;
    if (f.shape.kind != ScriptShape::Kind::page && f.shape.kind != ScriptShape::Kind::component)
      continue;
    std::map<std::string, const MethodCalls*> methods;
    for (const MethodCalls& m : f.hot_paths.methods) methods.emplace(m.name, &m);
    std::vector<HandlerCall> handlers;  // the calls left empty
    if (page_scroll) handlers.push_back({nullptr, "onPageScroll", "scroll", "", "", {}});
    // The page WXML with the templates it imports or includes.
    for (const std::string& wxml :
         linked_wxml(ctx.project, ctx.facts, stem_of(script) + ".wxml", true).files)
      for (const HandlerUse& h : ctx.facts_of(wxml)->handlers)
        if (std::string_view event = event_of(h.attribute); events.count(event))
          handlers.push_back({nullptr,
                              h.name,
                              std::string(event),
                              h.attribute,
                              "",
                              {{wxml, h.loc, "bound here"}}});
    std::set<uint32_t> done;  // one finding per call
    auto report = [&, &script = script](HandlerCall hc, const MethodCalls& m) {
      for (const HotCall& call : m.calls)
        if (call.kind == kind && done.insert(call.at.range.begin).second) {
          hc.call = &call;
          visit(script, hc);
        }
    };
    for (HandlerCall& hc : handlers) {
      auto it = methods.find(hc.handler);
      if (it == methods.end()) continue;
      report(hc, *it->second);
      for (const MethodCalls::Callee& callee : it->second->callees) {
        auto to = methods.find(callee.name);
        if (to == methods.end() || to == it) continue;
        HandlerCall via = hc;
        via.via = callee.name;
        via.related.push_back({script, callee.at, "called here"});
        report(via, *to->second);
      }
    }
  }
}

/// How a message names a loop: "a `for…of` loop", "a `forEach` callback".
inline std::string loop_phrase(const LoopCall& c) {
  if (c.loop.ends_with(" callback"))
    return "a `" + c.loop.substr(0, c.loop.find(' ')) + "` callback";
  return "a `" + c.loop + "` loop";
}

/// How a message names the handler: "`onPageScroll`", "`onScroll` (bindscroll)", "`update`,
/// which `onScroll` (bindscroll) calls".
inline std::string handler_phrase(const HandlerCall& hc) {
  std::string handler =
      "`" + hc.handler + "`" + (hc.binding.empty() ? "" : " (" + hc.binding + ")");
  return hc.via.empty() ? handler : "`" + hc.via + "`, which " + handler + " calls";
}

}  // namespace mplint::rules
