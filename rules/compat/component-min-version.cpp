// compat/component-min-version: a built-in WXML component, or an attribute or attribute value
// of one, that needs a newer base library than the target, outside a feature-test guard
// (`wx:if` on the element or an ancestor that mentions canIUse, or a page data key holding
// a feature test). One finding per element; versions from rules/compat/facts/components.yml.
#include <set>

#include "rules/compat/compat_rule.h"
#include "rules/compat/page_guards.h"

namespace mplint::rules {
namespace {

using compat::ComponentRow;
using compat::Target;

struct AttributeNeed {
  const ElementAttribute* attribute = nullptr;
  std::string since;
  std::string shown;  // `<button open-type="chooseAvatar">`
};

// The attribute of `e` (or value of one) that needs the highest version above the target.
AttributeNeed highest_attribute(const ElementUse& e, const Target& target) {
  AttributeNeed best;
  for (const ElementAttribute& a : e.attributes) {
    std::string name = compat::table_attribute_name(a.name);
    const ComponentRow* row = compat::component_row(e.tag, name);
    if (!row) continue;
    std::string since = row->since;
    std::string shown = "`<" + e.tag + " " + a.name + ">`";
    if (!a.dynamic && !a.value.empty())
      if (const ComponentRow* v = compat::component_row(e.tag, name, a.value);
          v && *v->since && (since.empty() || compare_versions(v->since, since) > 0)) {
        since = v->since;
        shown = "`<" + e.tag + " " + a.name + "=\"" + a.value + "\">`";
      }
    if (!compat::above(since, target)) continue;
    if (best.attribute && compare_versions(since, best.since) <= 0) continue;
    best = {&a, since, shown};
  }
  return best;
}

class ComponentMinVersion : public Rule {
 public:
  // Without a target nothing is judged: a suppression of this rule may be needed once one is set.
  bool judges(const Project& project) const override {
    return !compat::target_of(project).version.empty();
  }

  RuleInfo info() const override {
    return {"compat/component-min-version", Severity::error,
            "A built-in component, attribute or attribute value that needs a newer base "
            "library than the target, without a canIUse guard.",
            "high"};
  }

  void check_project(ProjectContext& ctx) const override {
    Target target = compat::target_of(ctx.project);
    if (target.version.empty()) return;
    compat::PageGuards pages(ctx);
    for (const auto& [path, facts] : ctx.facts) {
      if (facts.kind != FileKind::wxml || facts.elements.empty()) continue;
      // A template is judged with the pages that reach it: their data guards, their
      // usingComponents.
      std::vector<std::string> owners = pages.owners(path);
      std::vector<const ScriptFeatures*> scripts = pages.scripts(owners);
      std::set<std::string> custom;
      for (const std::string& owner : owners)
        for (const auto& [tag, spec] :
             ctx.project.components_for(owner.substr(0, owner.size() - 5) + ".json"))
          custom.insert(tag);
      for (const ElementUse& e : facts.elements)
        if (!custom.count(e.tag)) check_element(ctx, path, e, scripts, target);
    }
  }

 private:
  static void check_element(ProjectContext& ctx, const std::string& path, const ElementUse& e,
                            const std::vector<const ScriptFeatures*>& scripts,
                            const Target& target) {
    const ComponentRow* row = compat::component_row(e.tag);
    if (!row) return;
    bool component_new = compat::above(row->since, target);
    // Attributes count above the component's own version when it is itself too new.
    AttributeNeed attribute = highest_attribute(e, component_new ? Target{row->since, ""} : target);
    if ((!component_new && !attribute.attribute) || compat::element_guarded(e, scripts)) return;
    if (!component_new)
      return compat::report_need(ctx, path, attribute.attribute->at, attribute.shown,
                                 attribute.since, target);
    std::string what = "`<" + e.tag + ">`";
    if (!attribute.attribute) return compat::report_need(ctx, path, e.at, what, row->since, target);
    // One finding for the element: the component, naming the attribute that needs more.
    ctx.report_with(
        path, attribute.attribute->at,
        what + " needs base library " + row->since + " and its " + attribute.shown + " " +
            attribute.since + "; your target is " + target.version + " (" +
            compat::share_phrase(attribute.since) + ")",
        {{"requiredVersion", attribute.since}, {"feature", compat::plain(attribute.shown)}});
  }
};

}  // namespace

std::unique_ptr<Rule> make_component_min_version() {
  return std::make_unique<ComponentMinVersion>();
}

}  // namespace mplint::rules
