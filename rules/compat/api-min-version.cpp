// compat/api-min-version: a `wx` API, a method of an object one returns, or an option of
// one, that needs a newer base library than the target, where no feature test guards it.
// The uses and their guards are facts (analyzer/features.cpp); versions come from the
// typings (rules/compat/tables/api_table.cpp).
#include "rules/compat/compat_rule.h"
#include "rules/compat/page_guards.h"

namespace mplint::rules {
namespace {

using compat::ApiNeed;
using compat::Target;

class ApiMinVersion : public Rule {
 public:
  RuleInfo info() const override {
    return {"compat/api-min-version", Severity::error,
            "A `wx` API (or a method or option of one) that needs a newer base library than "
            "the target, without a guard.",
            "high"};
  }

  void check_project(ProjectContext& ctx) const override {
    Target target = compat::target_of(ctx.project);
    if (target.version.empty()) {
      if (uses_versioned_features(ctx)) report_missing_target(ctx);
      return;
    }
    compat::PageGuards pages(ctx);
    for (const auto& [path, facts] : ctx.facts)
      for (const ApiUse& use : facts.features.uses) check_use(ctx, pages, path, use, target);
  }

 private:
  static void check_use(ProjectContext& ctx, const compat::PageGuards& pages,
                        const std::string& path, const ApiUse& use, const Target& target) {
    ApiNeed need = compat::api_need(use);
    if (!need.row || !compat::above(need.row->since, target)) return;
    // A method or option of an API that is itself too new: that API's finding says it,
    // unless the method or option needs even more.
    std::string_view api = std::string_view(use.name).substr(0, use.name.find("()."));
    if (api != need.shown) {
      // The API, or for an option of a method, the method.
      std::string owner = !use.option.empty() && !need.iface.empty()
                              ? need.iface + use.name.substr(use.name.find("().") + 2)
                              : std::string(api);
      const compat::ApiRow* own = compat::api_row(owner);
      if (own && compat::above(own->since, target) &&
          compare_versions(need.row->since, own->since) <= 0)
        return;
    }
    if (compat::api_guarded(use, need, need.row->since)) return;
    if (pages.handler_only_guarded(path, use.function)) return;
    std::string what = "`" + need.shown + "`";
    if (!use.option.empty() && !need.iface.empty())
      what = "`" + need.iface + use.name.substr(use.name.find("().") + 2) + "` option `" +
             use.option + "`";
    else if (!use.option.empty())
      what = "`" + use.name + "` option `" + use.option + "`";
    else if (!need.iface.empty())
      what += " (of `" + std::string(api) + "()`)";
    compat::report_need(ctx, path, use.at, what, need.row->since, target);
  }

  // Whether anything in the package needs more than the first base libraries: only then is
  // a missing target worth a note.
  static bool uses_versioned_features(const ProjectContext& ctx) {
    auto versioned = [](const char* since) { return *since && compare_versions(since, "1.0.0") > 0; };
    for (const auto& [path, facts] : ctx.facts) {
      for (const ApiUse& use : facts.features.uses)
        if (ApiNeed need = compat::api_need(use); need.row && versioned(need.row->since))
          return true;
      for (const ElementUse& e : facts.elements) {
        if (const compat::ComponentRow* row = compat::component_row(e.tag)) {
          if (versioned(row->since)) return true;
          for (const ElementAttribute& a : e.attributes)
            if (const compat::ComponentRow* r =
                    compat::component_row(e.tag, compat::table_attribute_name(a.name));
                r && versioned(r->since))
              return true;
        }
      }
    }
    return false;
  }

  // One note, where the target would be set; the other min-version rules stay silent.
  static void report_missing_target(ProjectContext& ctx) {
    const JsonFile* at = ctx.project.project_config();
    if (!at) at = ctx.project.app_json();
    if (!at) return;
    ctx.report_json(*at, at->doc.has_root ? Range{at->doc.root.range.begin, at->doc.root.range.begin + 1} : Range{0, 0},
                    "no target base library: set `target-lib` in .mplint.yml, pass "
                    "--target-lib X.Y.Z, or set `libVersion` in project.config.json; the "
                    "compat min-version rules need one and checked nothing",
                    Severity::note);
  }
};

}  // namespace

std::unique_ptr<Rule> make_api_min_version() { return std::make_unique<ApiMinVersion>(); }

}  // namespace mplint::rules
