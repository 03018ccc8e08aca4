// performance/wxml-too-large: a page whose WXML, with the files it includes, has more than
// 1000 elements, is deeper than 30 or has an element with more than 60 children, counted
// statically (analyzer/wxml_size.h). Options max-nodes, max-depth, max-children.
#include <set>

#include "analyzer/rule.h"

namespace mplint::rules {
namespace {

// An element of a page's tree: where it is, and where the page's own file leads to it (the
// element itself, or the `<include>` that brings it).
struct Spot {
  int value = 0;
  std::string path;
  Loc at;
  Loc in_page;
};

// A file's tree with what it includes, transitively.
struct Totals {
  int nodes = 0;
  int roots = 0;
  Spot deepest, widest;
};

void keep_larger(Spot* best, const Spot& candidate) {
  if (candidate.value > best->value) *best = candidate;
}

class Measurer {
 public:
  explicit Measurer(const ProjectContext& ctx) : ctx_(ctx) {}

  Totals totals(const std::string& path) {
    if (auto it = done_.find(path); it != done_.end()) return it->second;
    Totals out;
    const FileFacts* f = ctx_.facts_of(path);
    if (!f || !f->parsed || !visiting_.insert(path).second) return out;  // an include cycle
    const WxmlSize& s = f->size;
    out = {s.nodes,
           s.roots,
           {s.depth, path, s.deepest, s.deepest},
           {s.widest_children, path, s.widest, s.widest}};
    std::map<int, int> gained;  // include parent → children its includes add
    for (const WxmlSizeInclude& inc : s.includes) {
      std::string to = ctx_.project.resolve(path, inc.spec, {"", ".wxml"});
      if (to.empty()) continue;
      Totals in = totals(to);
      out.nodes += in.nodes;
      if (inc.parent < 0) out.roots += in.roots;
      gained[inc.parent] += in.roots;
      in.deepest.value += inc.depth;
      in.deepest.in_page = in.widest.in_page = inc.at;
      keep_larger(&out.deepest, in.deepest);
      keep_larger(&out.widest, in.widest);
    }
    for (const auto& [parent, more] : gained) {
      auto it = s.include_parents.find(parent);
      if (it == s.include_parents.end()) continue;
      const WxmlSizeParent& p = it->second;
      keep_larger(&out.widest, {p.children + more, path, p.at, p.at});
    }
    visiting_.erase(path);
    return done_[path] = out;
  }

 private:
  const ProjectContext& ctx_;
  std::set<std::string> visiting_;
  std::map<std::string, Totals> done_;
};

std::vector<std::string> page_paths(const Project& project) {
  std::vector<std::string> out;
  for (const PageEntry& page : project.main_pages()) out.push_back(page.path);
  for (const Subpackage& sub : project.subpackages())
    for (const std::string& page : sub.pages) out.push_back(page);
  return out;
}

class WxmlTooLarge : public Rule {
 public:
  RuleInfo info() const override {
    return {"performance/wxml-too-large",
            Severity::warning,
            "A page's WXML (with what it includes) over 1000 elements, deeper than 30, or an "
            "element with more than 60 children.",
            "high",
            {{"max-nodes", 1000, "the most elements a page's WXML may have"},
             {"max-depth", 30, "the deepest a page's element tree may be"},
             {"max-children", 60, "the most children one element may have"}}};
  }

  void check_project(ProjectContext& ctx) const override {
    Limits limits{ctx.options().value("max-nodes", 1000), ctx.options().value("max-depth", 30),
                  ctx.options().value("max-children", 60)};
    std::set<std::string> seen;
    Measurer measure(ctx);
    for (const std::string& page : page_paths(ctx.project)) {
      std::string wxml = page + ".wxml";
      const ProjectFile* file = ctx.project.file(wxml);
      if (!seen.insert(wxml).second || !file || !file->linted) continue;
      Totals t = measure.totals(wxml);
      const Spot* at = nullptr;
      std::vector<std::string> over = limits.passed(t, &at);
      if (!over.empty())
        report(ctx, wxml, over, at ? at->in_page : ctx.facts_of(wxml)->size.first, at);
    }
  }

 private:
  struct Limits {
    int nodes, depth, children;

    // The limits `t` passes, in words; `at` becomes the element to show (the deepest, else
    // the widest), null when only the count is over.
    std::vector<std::string> passed(const Totals& t, const Spot** at) const {
      std::vector<std::string> over;
      auto limit = [](int n) { return " (limit " + std::to_string(n) + ")"; };
      if (t.deepest.value > depth) {
        over.push_back("elements " + std::to_string(t.deepest.value) + " levels deep" +
                       limit(depth));
        *at = &t.deepest;
      }
      if (t.widest.value > children) {
        over.push_back("an element with " + std::to_string(t.widest.value) + " children" +
                       limit(children));
        if (!*at) *at = &t.widest;
      }
      if (t.nodes > nodes) over.push_back(std::to_string(t.nodes) + " elements" + limit(nodes));
      return over;
    }
  };

  static void report(ProjectContext& ctx, const std::string& wxml,
                     const std::vector<std::string>& over, const Loc& loc, const Spot* at) {
    std::string what;
    for (size_t i = 0; i < over.size(); ++i)
      what += (i == 0 ? "" : i + 1 == over.size() ? " and " : ", ") + over[i];
    std::string message = "this page's WXML, with what it includes, has " + what +
                          ", counted statically: a large tree slows the first render and "
                          "every setData; split it into components or render long lists "
                          "a screen at a time";
    std::vector<RelatedLocation> related;
    if (at && at->path != wxml) related.push_back({at->path, at->at, "the element"});
    ctx.report(wxml, loc, message, related);
  }
};

}  // namespace

std::unique_ptr<Rule> make_wxml_too_large() { return std::make_unique<WxmlTooLarge>(); }

}  // namespace mplint::rules
