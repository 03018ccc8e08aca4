// performance/minify-disabled: project.config.json (or project.private.config.json) with
// setting.minified, minifyWXML or minifyWXSS explicitly false. Safe fix: `true`.
#include "analyzer/rule.h"

namespace mplint::rules {
namespace {

constexpr const char* kKeys[] = {"minified", "minifyWXML", "minifyWXSS"};
constexpr const char* kWhat[] = {"JavaScript", "WXML", "WXSS"};

const JsonValue* setting(const JsonFile* file, const char* key) {
  if (!file || !file->doc.has_root || !file->doc.root.is_object()) return nullptr;
  const JsonValue* s = file->doc.root.get("setting");
  return s && s->is_object() ? s->get(key) : nullptr;
}

class MinifyDisabled : public Rule {
 public:
  RuleInfo info() const override {
    return {"performance/minify-disabled",
            Severity::warning,
            "project.config.json with setting.minified, minifyWXML or minifyWXSS explicitly "
            "false.",
            "very-high",
            {}};
  }

  // project.config.json may sit above the package root (miniprogramRoot): it comes from the
  // project model. DevTools lets project.private.config.json override it, key by key.
  void check_project(ProjectContext& ctx) const override {
    const JsonFile* shared = ctx.project.project_config();
    const JsonFile* personal = ctx.project.json("project.private.config.json");
    for (size_t i = 0; i < std::size(kKeys); ++i) {
      const JsonValue* mine = setting(personal, kKeys[i]);
      if (mine && mine->is_bool() && mine->boolean) continue;  // overridden: minified
      if (mine && mine->is_bool()) report(ctx, *personal, *mine, i);
      if (!mine) {
        const JsonValue* value = setting(shared, kKeys[i]);
        if (value && value->is_bool() && !value->boolean) report(ctx, *shared, *value, i);
      }
    }
  }

 private:
  static void report(ProjectContext& ctx, const JsonFile& file, const JsonValue& value, size_t i) {
    ctx.report_json(file, value.range,
                    std::string("`setting.") + kKeys[i] + ": false` uploads " + kWhat[i] +
                        " unminified: a bigger package, slower to download and start (the "
                        "upload check requires it)");
    bool clean = file.doc.tree && !file.doc.tree->root().has_error();  // else parse-error first
    if (clean)
      ctx.add_json_fix(file, std::string("Set `setting.") + kKeys[i] + "` to true", true,
                       {{value.range, "true"}});
  }
};

}  // namespace

std::unique_ptr<Rule> make_minify_disabled() { return std::make_unique<MinifyDisabled>(); }

}  // namespace mplint::rules
