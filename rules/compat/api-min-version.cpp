// compat/api-min-version: a `wx` API, a method of an object one returns, or an option of
// one, that needs a newer base library than the target, where no feature test guards it.
// The uses and their guards are facts (analyzer/features.cpp); versions come from the
// typings (rules/compat/tables/api_table.cpp).
#include <map>

#include "rules/compat/compat_rule.h"
#include "rules/compat/page_guards.h"

namespace mplint::rules {
namespace {

using compat::ApiNeed;
using compat::Target;

class ApiMinVersion : public Rule {
 public:
  // Without a target nothing is judged: a suppression of this rule may be needed once one is set.
  bool judges(const Project& project) const override {
    return !compat::target_of(project).version.empty();
  }

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
    for (const auto& [path, facts] : ctx.facts) {
      std::map<uint32_t, const ApiUse*> options = newest_options(facts.features.uses);
      for (const ApiUse& use : facts.features.uses)
        check_use(ctx, pages, path, use, options, target);
    }
  }

 private:
  // Per call (by the offset of its API name): the unguarded option that needs the most.
  static std::map<uint32_t, const ApiUse*> newest_options(const std::vector<ApiUse>& uses) {
    std::map<uint32_t, const ApiUse*> out;
    std::map<uint32_t, std::string> since;
    for (const ApiUse& use : uses) {
      if (use.option.empty()) continue;
      ApiNeed need = compat::api_need(use);
      if (!need.row || !*need.row->since || compat::api_guarded(use, need, need.row->since))
        continue;
      auto it = since.find(use.call);
      if (it == since.end() || compare_versions(need.row->since, it->second) > 0) {
        since[use.call] = need.row->since;
        out[use.call] = &use;
      }
    }
    return out;
  }

  static void check_use(ProjectContext& ctx, const compat::PageGuards& pages,
                        const std::string& path, const ApiUse& use,
                        const std::map<uint32_t, const ApiUse*>& options, const Target& target) {
    ApiNeed need = compat::api_need(use);
    if (!need.row || !compat::above(need.row->since, target)) return;
    // An option of a call whose API (or method) is itself too new: that finding says it.
    if (!use.option.empty() && compat::above(owner_since(use, need), target)) return;
    // A method of an object whose creator is too new: only when the method needs more.
    std::string_view api = std::string_view(use.name).substr(0, use.name.find("()."));
    if (use.option.empty() && !need.iface.empty()) {
      const compat::ApiRow* creator = compat::api_row(api);
      if (creator && compat::above(creator->since, target) &&
          compare_versions(need.row->since, creator->since) <= 0)
        return;
    }
    if (compat::api_guarded(use, need, need.row->since)) return;
    if (pages.handler_only_guarded(path, use.function)) return;
    std::string what = describe(use, need, api);
    auto option = use.option.empty() ? options.find(use.at.range.begin) : options.end();
    if (option == options.end())
      return compat::report_need(ctx, path, use.at, what, need.row->since, target);
    // One finding for the call: the API, naming its option that needs even more.
    ApiNeed option_need = compat::api_need(*option->second);
    if (compare_versions(option_need.row->since, need.row->since) <= 0)
      return compat::report_need(ctx, path, use.at, what, need.row->since, target);
    ctx.report_with(path, use.at,
                    what + " needs base library " + need.row->since + " and its option `" +
                        option->second->option + "` " + option_need.row->since +
                        "; your target is " + target.version + " (" +
                        compat::share_phrase(option_need.row->since) + ")",
                    {{"requiredVersion", option_need.row->since},
                     {"feature", compat::plain(describe(*option->second, option_need, api))}});
  }

  // The version of what an option belongs to: the API, or the method of a returned object.
  static std::string owner_since(const ApiUse& use, const ApiNeed& need) {
    std::string owner = use.name;
    if (!need.iface.empty()) owner = need.method;
    const compat::ApiRow* row = compat::api_row(owner);
    return row ? row->since : "";
  }

  static std::string describe(const ApiUse& use, const ApiNeed& need, std::string_view api) {
    if (!use.option.empty() && !need.iface.empty())
      return "`" + need.method + "` option `" + use.option + "`";
    if (!use.option.empty()) return "`" + use.name + "` option `" + use.option + "`";
    if (!need.iface.empty()) return "`" + need.shown + "` (of `" + std::string(api) + "()`)";
    return "`" + need.shown + "`";
  }

  // Whether anything in the package needs more than the first base libraries: only then is
  // a missing target worth a note.
  static bool uses_versioned_features(const ProjectContext& ctx) {
    auto versioned = [](const char* since) {
      return *since && compare_versions(since, "1.0.0") > 0;
    };
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
    ctx.report_json(*at,
                    at->doc.has_root ? Range{at->doc.root.range.begin, at->doc.root.range.begin + 1}
                                     : Range{0, 0},
                    "no target base library: set `target-lib` in .mplint.yml, pass "
                    "--target-lib X.Y.Z, or set `libVersion` in project.config.json; the "
                    "compat min-version rules need one and checked nothing",
                    Severity::note);
  }
};

}  // namespace

std::unique_ptr<Rule> make_api_min_version() { return std::make_unique<ApiMinVersion>(); }

}  // namespace mplint::rules
