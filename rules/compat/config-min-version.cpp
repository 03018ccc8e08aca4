// compat/config-min-version: an app.json, page or component json key (or value) that needs
// a newer base library than the target. Keys whose only minimum is a client or DevTools
// version are not in the table; keys that older base libraries ignore harmlessly
// (facts/config-harmless.yml, e.g. lazyCodeLoading) are not reported.
#include "rules/compat/compat_rule.h"

namespace mplint::rules {
namespace {

using compat::ConfigRow;
using compat::Target;

// The row for `key` (and, when it has one, `value`) in `scope` with the highest version.
const ConfigRow* config_row(std::string_view scope, std::string_view key, const JsonValue& value) {
  const ConfigRow* best = nullptr;
  for (size_t i = 0; i < compat::kConfigRowsCount; ++i) {
    const ConfigRow& r = compat::kConfigRows[i];
    if (r.scope != scope || r.key != key) continue;
    if (*r.value && !(value.is_string() && value.string == r.value)) continue;
    if (*r.value && *r.harmless) return &r;  // the default value: harmless whatever the key
    if (!best || compare_versions(r.since, best->since) > 0) best = &r;
  }
  return best;
}

class ConfigMinVersion : public Rule {
 public:
  // Without a target nothing is judged: a suppression of this rule may be needed once one is set.
  bool judges(const Project& project) const override {
    return !compat::target_of(project).version.empty();
  }

  RuleInfo info() const override {
    return {"compat/config-min-version", Severity::warning,
            "An app.json, page or component json key that needs a newer base library than "
            "the target.",
            "high"};
  }

  void check_project(ProjectContext& ctx) const override {
    Target target = compat::target_of(ctx.project);
    if (target.version.empty()) return;
    if (const JsonFile* app = ctx.project.app_json()) check_app(ctx, *app, target);
    for (const ProjectFile& f : ctx.project.files()) {
      if (f.kind != FileKind::json || !f.linted || f.path == "app.json") continue;
      const JsonFile* json = ctx.project.json(f.path);
      if (!json || !json->doc.has_root || !json->doc.root.is_object()) continue;
      std::string stem = f.path.substr(0, f.path.size() - 5);
      if (is_page(ctx.project, stem)) {
        check_members(ctx, *json, json->doc.root, {"page", "window"}, "", target);
      } else if (const JsonValue* c = json->doc.root.get("component"); c && c->is_bool()) {
        check_members(ctx, *json, json->doc.root, {"component"}, "", target);
      }
    }
  }

 private:
  static bool is_page(const Project& project, const std::string& stem) {
    for (const PageEntry& p : project.main_pages())
      if (p.path == stem) return true;
    for (const Subpackage& s : project.subpackages())
      for (const std::string& p : s.pages)
        if (p == stem) return true;
    return false;
  }

  static void check_app(ProjectContext& ctx, const JsonFile& app, const Target& target) {
    if (!app.doc.has_root || !app.doc.root.is_object()) return;
    const JsonValue& root = app.doc.root;
    check_members(ctx, app, root, {"app"}, "", target);
    if (const JsonValue* w = root.get("window"); w && w->is_object())
      check_members(ctx, app, *w, {"window"}, "window.", target);
    if (const JsonValue* t = root.get("tabBar"); t && t->is_object())
      check_members(ctx, app, *t, {"tabBar"}, "tabBar.", target);
    for (const char* key : {"subpackages", "subPackages"}) {
      const JsonValue* list = root.get(key);
      if (!list || !list->is_array()) continue;
      for (const JsonValue& item : list->items)
        if (item.is_object()) check_members(ctx, app, item, {"app"}, "subpackages[].", target);
    }
  }

  // Reports the members of `object` whose row (in one of `scopes`, under `prefix`) is newer
  // than the target and not harmless on older base libraries.
  static void check_members(ProjectContext& ctx, const JsonFile& file, const JsonValue& object,
                            std::initializer_list<std::string_view> scopes,
                            const std::string& prefix, const Target& target) {
    for (const auto& [key, value] : object.members) {
      for (std::string_view scope : scopes) {
        std::string table_key = prefix == "subpackages[]." ? prefix + key : key;
        const ConfigRow* row = config_row(scope, table_key, value);
        if (!row || *row->harmless || !compat::above(row->since, target)) continue;
        std::string shown = "`" + prefix + key + "`";
        if (*row->value) shown = "`" + prefix + key + ": \"" + row->value + "\"`";
        compat::report_need(ctx, file.source.path(), locate(file.source, value.key_range),
                            shown + " in " + file.source.path(), row->since, target);
        break;
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_config_min_version() { return std::make_unique<ConfigMinVersion>(); }

}  // namespace mplint::rules
