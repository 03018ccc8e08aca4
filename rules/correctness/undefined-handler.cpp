// correctness/undefined-handler: an event binding in a page or component WXML (or in a
// template it imports/includes) naming a method that its Page/Component does not define.
#include <set>

#include "analyzer/rule.h"
#include "analyzer/path_refs.h"

namespace mplint::rules {
namespace {

// The script files (.js/.ts) beside a WXML file that exist.
std::vector<std::string> scripts_beside(const Project& p, const std::string& wxml) {
  std::string base = wxml.substr(0, wxml.size() - 5);
  std::vector<std::string> out;
  for (const char* ext : {".js", ".ts"})
    if (p.exists(base + ext)) out.push_back(base + ext);
  return out;
}

// `catchtouchmove="true"` only stops the event: an idiom, not a method name.
bool catch_only(const HandlerUse& h) {
  bool is_catch = h.attribute.rfind("catch", 0) == 0 || h.attribute.rfind("capture-catch", 0) == 0;
  return is_catch && (h.name == "true" || h.name == "false");
}

class UndefinedHandler : public Rule {
 public:
  RuleInfo info() const override {
    return {.id = "correctness/undefined-handler",
            .severity = Severity::error,
            .summary =
                "An event binding whose handler is not a method of the page's Page({...}) "
                "or the component's Component({ methods }).",
            .precision = "high"};
  }

  void check_project(ProjectContext& ctx) const override {
    auto reached_by = wxml_reached_by(ctx.project, ctx.facts);
    for (const auto& [path, f] : ctx.facts) {
      if (f.kind != FileKind::wxml || f.handlers.empty()) continue;
      std::vector<const FileFacts*> owners;
      if (!owners_of(ctx, reached_by, path, &owners) || owners.empty()) continue;
      for (const HandlerUse& h : f.handlers) {
        if (catch_only(h)) continue;
        bool defined = false;
        for (const FileFacts* o : owners) defined = defined || o->shape.methods.count(h.name) > 0;
        if (!defined) ctx.report(path, h.loc, message(h, path, owners));
      }
    }
  }

 private:
  // The scripts of every page/component whose WXML is `wxml` or reaches it through
  // import/include. False when one of them cannot be read statically.
  static bool owners_of(const ProjectContext& ctx,
                        const std::map<std::string, std::vector<std::string>>& reached_by,
                        const std::string& wxml, std::vector<const FileFacts*>* out) {
    std::set<std::string> seen = {wxml};
    std::vector<std::string> work = {wxml};
    while (!work.empty()) {
      std::string w = work.back();
      work.pop_back();
      for (const std::string& script : scripts_beside(ctx.project, w)) {
        const FileFacts* sf = ctx.facts_of(script);
        if (!sf || !sf->shape.methods_known) return false;
        if (sf->shape.kind != ScriptShape::Kind::page &&
            sf->shape.kind != ScriptShape::Kind::component)
          return false;
        out->push_back(sf);
      }
      if (auto it = reached_by.find(w); it != reached_by.end())
        for (const std::string& from : it->second)
          if (seen.insert(from).second) work.push_back(from);
    }
    return true;
  }

  static std::string message(const HandlerUse& h, const std::string& wxml,
                             const std::vector<const FileFacts*>& owners) {
    std::string head = "'" + h.name + "' (" + h.attribute + ") is not ";
    const FileFacts* own = owners.front();
    std::string base = wxml.substr(0, wxml.size() - 5);
    if (owners.size() == 1 && own->path.rfind(base + ".", 0) == 0)
      return head +
             (own->shape.kind == ScriptShape::Kind::page ? "a method of the Page in "
                                                         : "in the methods of ") +
             own->path;
    std::string list;
    for (size_t i = 0; i < owners.size() && i < 3; ++i) list += (i ? ", " : "") + owners[i]->path;
    if (owners.size() > 3) list += ", …";
    return head + "defined by any page or component that uses this WXML (" + list + ")";
  }
};

}  // namespace

std::unique_ptr<Rule> make_undefined_handler() { return std::make_unique<UndefinedHandler>(); }

}  // namespace mplint::rules
