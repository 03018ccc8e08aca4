// performance/unused-component: a `usingComponents` entry of a page or component whose WXML
// (with the templates it imports and includes) never uses the tag. Its code is still loaded.
#include <set>

#include "analyzer/rule.h"

namespace mplint::rules {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The WXML files `wxml` shows: itself and what it imports and includes, transitively. False
// when one of them could not be read or parsed (nothing is then known about its tags).
bool reached_wxml(const ProjectContext& ctx, const std::string& wxml, std::set<std::string>* out) {
  std::vector<std::string> work{wxml};
  while (!work.empty()) {
    std::string path = work.back();
    work.pop_back();
    if (!out->insert(path).second) continue;
    const FileFacts* f = ctx.facts_of(path);
    if (!f || !f->parsed) return false;
    for (const PathRef& r : f->refs) {
      if (r.kind != PathRef::Kind::wxml_import && r.kind != PathRef::Kind::wxml_include) continue;
      std::string to = ctx.project.resolve(path, r.spec, {"", ".wxml"});
      if (to.empty()) return false;  // an unresolved template may hold the tag
      work.push_back(to);
    }
  }
  return true;
}

// Tags the WXML files use: elements, `generic:x="tag"` values, and placeholders.
std::set<std::string> used_tags(const ProjectContext& ctx, const std::set<std::string>& files,
                                bool* dynamic) {
  std::set<std::string> tags;
  for (const std::string& path : files)
    for (const ElementUse& e : ctx.facts_of(path)->elements) {
      tags.insert(lower(e.tag));
      for (const ElementAttribute& a : e.attributes) {
        if (a.name.rfind("generic:", 0) != 0) continue;
        if (a.dynamic) *dynamic = true;
        tags.insert(lower(a.value));
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
    std::set<std::string> files;
    if (!ctx.project.exists(wxml) || !reached_wxml(ctx, wxml, &files)) return;
    bool dynamic = false;
    std::set<std::string> tags = used_tags(ctx, files, &dynamic);
    if (dynamic) return;  // `generic:x="{{name}}"` may name any of them
    for (const std::string& placeholder : placeholders(json)) tags.insert(placeholder);
    std::set<std::string> related = relation_targets(ctx, base);
    for (const auto& [tag, value] : uses.members) {
      if (tags.count(lower(tag))) continue;
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
        if (value.is_string()) out.insert(lower(value.string));
    return out;
  }
};

}  // namespace

std::unique_ptr<Rule> make_unused_component() { return std::make_unique<UnusedComponent>(); }

}  // namespace mplint::rules
