// performance/unused-plugin: a plugin declared in app.json `plugins` (or a subpackage's) that
// nothing uses: no `plugin://NAME/…` usingComponents entry or URL, no `requirePlugin('NAME')`,
// nor the plugin's AppID in `requirePlugin('wx…')` or a `plugin-private://APPID/…` URL.
#include <set>

#include "analyzer/rule.h"

namespace mplint::rules {
namespace {

struct DeclaredPlugin {
  std::string name;
  std::string provider;  // the plugin's AppID
  const JsonValue* value;
};

void add_declared(const JsonValue* plugins, std::vector<DeclaredPlugin>* out) {
  if (!plugins || !plugins->is_object()) return;
  for (const auto& [name, value] : plugins->members) {
    const JsonValue* provider = value.is_object() ? value.get("provider") : nullptr;
    out->push_back({name, provider && provider->is_string() ? provider->string : "", &value});
  }
}

// app.json's plugins and each subpackage's.
std::vector<DeclaredPlugin> declared_plugins(const JsonValue& app) {
  std::vector<DeclaredPlugin> out;
  add_declared(app.get("plugins"), &out);
  for (std::string_view key : {"subpackages", "subPackages"}) {
    const JsonValue* packages = app.get(key);
    if (!packages || !packages->is_array()) continue;
    for (const JsonValue& package : packages->items)
      if (package.is_object()) add_declared(package.get("plugins"), &out);
  }
  return out;
}

// The name after `scheme` in a usingComponents path (`plugin://NAME/comp`).
void note_component_path(const std::string& path, std::set<std::string>* used) {
  for (std::string_view scheme : {"plugin://", "plugin-private://"}) {
    if (path.rfind(scheme, 0) != 0) continue;
    std::string rest = path.substr(scheme.size());
    used->insert(rest.substr(0, rest.find('/')));
  }
}

// Names and AppIDs the package uses. False when some use names its plugin at run time.
bool used_plugins(const ProjectContext& ctx, std::set<std::string>* used) {
  for (const auto& [path, facts] : ctx.facts) {
    bool code =
        facts.kind == FileKind::js || facts.kind == FileKind::ts || facts.kind == FileKind::wxml;
    if (facts.plugin_ref_unknown || (code && !facts.parsed)) return false;
    used->insert(facts.plugin_refs.begin(), facts.plugin_refs.end());
  }
  for (const ProjectFile& file : ctx.project.files()) {
    if (file.kind != FileKind::json) continue;
    const JsonFile* json = ctx.project.json(file.path);
    if (!json || !json->doc.has_root || !json->doc.root.is_object()) continue;
    const JsonValue* uses = json->doc.root.get("usingComponents");
    if (!uses || !uses->is_object()) continue;
    for (const auto& [tag, value] : uses->members)
      if (value.is_string()) note_component_path(value.string, used);
  }
  return true;
}

class UnusedPlugin : public Rule {
 public:
  RuleInfo info() const override {
    return {"performance/unused-plugin",
            Severity::warning,
            "A plugin declared in app.json that no usingComponents entry, plugin URL or "
            "requirePlugin call uses.",
            "high",
            {}};
  }

  void check_project(ProjectContext& ctx) const override {
    const JsonFile* app = ctx.project.app_json();
    if (!app || !ctx.project.app()) return;
    std::vector<DeclaredPlugin> plugins = declared_plugins(*ctx.project.app());
    std::set<std::string> used;
    if (plugins.empty() || !used_plugins(ctx, &used)) return;
    for (const DeclaredPlugin& p : plugins) {
      if (used.count(p.name) || (!p.provider.empty() && used.count(p.provider))) continue;
      ctx.report_json(*app, p.value->key_range,
                      "plugin `" + p.name + "` is declared but nothing uses it (no `plugin://" +
                          p.name + "/…` component or page, no `requirePlugin('" + p.name +
                          "')`): its code is still downloaded with the package; remove it");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_unused_plugin() { return std::make_unique<UnusedPlugin>(); }

}  // namespace mplint::rules
