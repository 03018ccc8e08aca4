// Joins a page's (or component's) script data with its WXML: the sinks of the WXML beside
// the script and of the WXML it includes (an <include> shares the page's data).
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "analyzer/path_refs.h"
#include "analyzer/rule.h"

namespace mplint::rules {

/// A data path as a message shows it: "list.[].title" → "list[].title".
inline std::string shown_path(std::string path) {
  for (size_t at; (at = path.find(".[]")) != std::string::npos;) path.erase(at, 1);
  return path;
}

/// Calls `visit` for each WXML sink of `tag` that reads a data key a script sink sets.
/// One call per WXML attribute: the first matching data sink.
inline void for_each_flow_into(
    const ProjectContext& ctx, std::string_view tag,
    const std::function<bool(const std::string& script, const DataSink&)>& accept,
    const std::function<void(const std::string& wxml, const BindingSink&, const std::string& script,
                             const DataSink&)>& visit) {
  std::set<std::pair<std::string, uint32_t>> done;
  for (const auto& [script, f] : ctx.facts) {
    if (f.flow.data_sinks.empty()) continue;
    // The page WXML and what it includes (an <include> shares the page's data).
    for (const std::string& wxml :
         linked_wxml(ctx.project, ctx.facts, stem_of(script) + ".wxml", false).files)
      for (const BindingSink& b : ctx.facts_of(wxml)->binding_sinks) {
        if (b.tag != tag || b.path.empty() || done.count({wxml, b.at.range.begin})) continue;
        for (const DataSink& d : f.flow.data_sinks)
          if (data_paths_overlap(d.key, b.path) && accept(script, d)) {
            done.insert({wxml, b.at.range.begin});
            visit(wxml, b, script, d);
            break;
          }
      }
  }
}

}  // namespace mplint::rules
