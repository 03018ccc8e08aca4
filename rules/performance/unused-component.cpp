// performance/unused-component: a `usingComponents` entry of a page or component whose WXML
// (with the templates it imports and includes) never uses the tag. Its code is still loaded.
#include <set>

#include "analyzer/path_refs.h"
#include "analyzer/rule.h"

namespace mplint::rules {
namespace {

// Tags the WXML files use: elements, `generic:x="tag"` values, and placeholders.
std::set<std::string> used_tags(const ProjectContext& ctx, const std::vector<std::string>& files,
                                bool* dynamic) {
  std::set<std::string> tags;
  for (const std::string& path : files)
    for (const ElementUse& e : ctx.facts_of(path)->elements) {
      tags.insert(ascii_lower(e.tag));
      for (const ElementAttribute& a : e.attributes) {
        if (a.name.rfind("generic:", 0) != 0) continue;
        if (a.dynamic) *dynamic = true;
        tags.insert(ascii_lower(a.value));
      }
    }
  return tags;
}

// Where a component path points, without the extension (`../item/item.js` = `../item/item`).
std::string component_target(const Project& project, const std::string& from,
                             const std::string& spec) {
  std::string target = project.target_of(from, spec);
  for (std::string_view ext : {".js", ".ts", ".json", ".wxml"})
    if (target.size() > ext.size() && target.ends_with(ext))
      return target.substr(0, target.size() - ext.size());
  return target;
}

// The components the file's script relates to (`relations: {'../item/item': …}`). A parent
// that declares its relation's target makes sure the target's code is there when the
// relation is resolved (on-demand injection loads only declared components): not reported.
std::set<std::string> relation_targets(const ProjectContext& ctx, const std::string& base) {
  std::set<std::string> out;
  for (const char* ext : {".js", ".ts"}) {
    const FileFacts* f = ctx.facts_of(base + ext);
    if (!f) continue;
    for (const std::string& key : f->relation_paths)
      out.insert(component_target(ctx.project, base + ext, key));
  }
  return out;
}

// Pages of app.json (and its subpackages), as paths without extension.
std::set<std::string> page_set(const Project& project) {
  std::set<std::string> out;
  for (const PageEntry& page : project.main_pages()) out.insert(page.path);
  for (const Subpackage& sub : project.subpackages())
    out.insert(sub.pages.begin(), sub.pages.end());
  return out;
}

class UnusedComponent : public Rule {
 public:
  RuleInfo info() const override {
    return {"performance/unused-component",
            Severity::warning,
            "A usingComponents entry of a page or component that its WXML never uses.",
            "high",
            {}};
  }

  void check_project(ProjectContext& ctx) const override {
    std::set<std::string> pages = page_set(ctx.project);
    for (const ProjectFile& file : ctx.project.files()) {
      if (file.kind != FileKind::json || !file.linted || file.path == "app.json") continue;
      const JsonFile* json = ctx.project.json(file.path);
      const JsonValue* uses = declared(json);
      std::string base = file.path.substr(0, file.path.size() - 5);
      // A JSON that is neither a component nor a page declares nothing WeChat loads.
      bool page = pages.count(base) > 0;
      if (uses && !uses->members.empty() && (page || is_component(*json)))
        check_entries(ctx, *json, *uses, base, page);
    }
  }

 private:
  static void check_entries(ProjectContext& ctx, const JsonFile& json, const JsonValue& uses,
                            const std::string& base, bool page) {
    std::string wxml = base + ".wxml";
    if (!ctx.project.exists(wxml)) return;
    // An unresolved or unparsed template may hold the tag: nothing is known then.
    LinkedWxml shown = linked_wxml(ctx.project, ctx.facts, wxml, true);
    if (!shown.complete) return;
    bool dynamic = false;
    std::set<std::string> tags = used_tags(ctx, shown.files, &dynamic);
    if (dynamic) return;  // `generic:x="{{name}}"` may name any of them
    for (const std::string& placeholder : placeholders(json)) tags.insert(placeholder);
    std::set<std::string> related = relation_targets(ctx, base);
    for (const auto& [tag, value] : uses.members) {
      if (tags.count(ascii_lower(tag))) continue;
      std::string target =
          value.is_string() ? component_target(ctx.project, base + ".json", value.string) : "";
      // A relation's target, or the component itself (recursion costs no extra code).
      if (related.count(target) || target == base) continue;
      ctx.report_json(json, value.key_range,
                      "component `" + tag + "` is declared in usingComponents but " + wxml +
                          " never uses `<" + tag + ">`: its code is still loaded with " +
                          (page ? "the page" : "every page that uses this component") +
                          "; remove the entry");
    }
  }

  static const JsonValue* declared(const JsonFile* json) {
    if (!json || !json->doc.has_root || !json->doc.root.is_object()) return nullptr;
    const JsonValue* uses = json->doc.root.get("usingComponents");
    return uses && uses->is_object() ? uses : nullptr;
  }

  static bool is_component(const JsonFile& json) {
    const JsonValue* c = json.doc.root.get("component");
    return c && c->is_bool() && c->boolean;
  }

  // componentPlaceholder: {"tag": "placeholder-tag"}: the placeholder shows while `tag` loads.
  static std::set<std::string> placeholders(const JsonFile& json) {
    std::set<std::string> out;
    const JsonValue* p = json.doc.root.get("componentPlaceholder");
    if (p && p->is_object())
      for (const auto& [tag, value] : p->members)
        if (value.is_string()) out.insert(ascii_lower(value.string));
    return out;
  }
};

}  // namespace

std::unique_ptr<Rule> make_unused_component() { return std::make_unique<UnusedComponent>(); }

}  // namespace mplint::rules
