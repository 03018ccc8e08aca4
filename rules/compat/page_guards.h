// Which pages a WXML file belongs to, and whether a page method can only run from guarded
// elements: the component and API rules judge a template with the pages that reach it
// ("templates belong to their page") and a handler with the elements that call it.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "analyzer/rule.h"
#include "rules/compat/tables/compat_data.h"

namespace mplint::compat {

class PageGuards {
 public:
  explicit PageGuards(const ProjectContext& ctx) : ctx_(ctx) {
    for (const auto& [path, facts] : ctx.facts) {
      if (facts.kind != FileKind::wxml) continue;
      for (const PathRef& ref : facts.refs) {
        if (ref.kind != PathRef::Kind::wxml_import && ref.kind != PathRef::Kind::wxml_include)
          continue;
        std::string target = ctx.project.resolve(path, ref.spec, {"", ".wxml"});
        if (!target.empty() && target != path) reached_from_[target].insert(path);
      }
    }
  }

  /// The script beside a WXML or JSON path (same path, .js or .ts), or null.
  const ScriptFeatures* script_beside(const std::string& path) const {
    std::string stem = path.substr(0, path.rfind('.'));
    for (const char* ext : {".js", ".ts"})
      if (const FileFacts* f = ctx_.facts_of(stem + ext)) return &f->features;
    return nullptr;
  }

  /// The WXML files with a script (pages, components) that are `wxml` or reach it through
  /// `<import>`/`<include>`, a few steps up; `wxml` itself when none does.
  std::vector<std::string> owners(const std::string& wxml) const {
    std::vector<std::string> out;
    std::set<std::string> seen{wxml};
    std::vector<std::string> frontier{wxml};
    for (int step = 0; step < 4 && !frontier.empty(); ++step) {
      std::vector<std::string> next;
      for (const std::string& f : frontier) {
        if (script_beside(f)) {
          out.push_back(f);
          continue;
        }
        auto it = reached_from_.find(f);
        if (it == reached_from_.end()) continue;
        for (const std::string& from : it->second)
          if (seen.insert(from).second) next.push_back(from);
      }
      frontier = std::move(next);
    }
    if (out.empty()) out.push_back(wxml);
    return out;
  }

  /// The scripts of those owners.
  std::vector<const ScriptFeatures*> scripts(const std::vector<std::string>& owners) const {
    std::vector<const ScriptFeatures*> out;
    for (const std::string& o : owners)
      if (const ScriptFeatures* s = script_beside(o)) out.push_back(s);
    return out;
  }

  /// Whether page method `method` of `script` is bound in its WXML (and the templates that
  /// WXML includes) only on elements under a feature-test `wx:if`: the method cannot run
  /// where the test failed (the official `canIUseGetUserProfile` pattern).
  bool handler_only_guarded(const std::string& script, const std::string& method) const {
    if (method.empty()) return false;
    std::string wxml = script.substr(0, script.rfind('.')) + ".wxml";
    const ScriptFeatures* features = script_beside(script);
    std::vector<const ScriptFeatures*> page{features};
    bool bound = false;
    for (const std::string& file : with_templates(wxml)) {
      const FileFacts* facts = ctx_.facts_of(file);
      if (!facts) continue;
      for (const ElementUse& e : facts->elements)
        for (const ElementAttribute& a : e.attributes) {
          if (a.dynamic || a.value != method || !is_event_attribute(a.name)) continue;
          if (!element_guarded(e, page)) return false;
          bound = true;
        }
    }
    return bound;
  }

 private:
  std::vector<std::string> with_templates(const std::string& wxml) const {
    std::vector<std::string> out{wxml};
    for (const auto& [target, froms] : reached_from_)
      if (froms.count(wxml)) out.push_back(target);
    return out;
  }

  const ProjectContext& ctx_;
  std::map<std::string, std::set<std::string>> reached_from_;  // template → files reaching it
};

}  // namespace mplint::compat
