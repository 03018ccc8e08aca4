// Joins a page's (or component's) script data with its WXML: the sinks of the WXML beside
// the script and of the WXML it includes (an <include> shares the page's data).
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "analyzer/rule.h"
#include "analyzer/path_refs.h"

namespace mplint::rules {

/// The page WXML beside a script, and every WXML it includes (transitively).
inline std::vector<std::string> wxml_of_script(const ProjectContext& ctx,
                                               const std::string& script) {
  std::vector<std::string> out;
  std::string base = script.substr(0, script.rfind('.'));
  std::vector<std::string> work = {base + ".wxml"};
  std::set<std::string> seen;
  while (!work.empty()) {
    std::string w = work.back();
    work.pop_back();
    const FileFacts* f = ctx.facts_of(w);
    if (!f || !seen.insert(w).second) continue;
    out.push_back(w);
    for (const PathRef& r : f->refs)
      if (r.kind == PathRef::Kind::wxml_include)
        if (std::string to = resolve_ref(ctx.project, w, r); !to.empty()) work.push_back(to);
  }
  return out;
}

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
    for (const std::string& wxml : wxml_of_script(ctx, script))
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
