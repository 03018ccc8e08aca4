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
    for (const ProjectFile& file : ctx.project.files()) {
      if (file.kind != FileKind::json || !file.linted || file.path == "app.json") continue;
      const JsonFile* json = ctx.project.json(file.path);
      const JsonValue* uses = declared(json);
      if (!uses || uses->members.empty()) continue;
      std::string wxml = file.path.substr(0, file.path.size() - 5) + ".wxml";
      std::set<std::string> files;
      if (!ctx.project.exists(wxml) || !reached_wxml(ctx, wxml, &files)) continue;
      bool dynamic = false;
      std::set<std::string> tags = used_tags(ctx, files, &dynamic);
      if (dynamic) continue;  // `generic:x="{{name}}"` may name any of them
      for (const std::string& placeholder : placeholders(*json)) tags.insert(placeholder);
      for (const auto& [tag, value] : uses->members) {
        if (tags.count(lower(tag))) continue;
        ctx.report_json(*json, value.key_range,
                        "component `" + tag + "` is declared in usingComponents but " + wxml +
                            " never uses `<" + tag +
                            ">`: its code is still loaded with the page; remove the entry");
      }
    }
  }

 private:
  static const JsonValue* declared(const JsonFile* json) {
    if (!json || !json->doc.has_root || !json->doc.root.is_object()) return nullptr;
    const JsonValue* uses = json->doc.root.get("usingComponents");
    return uses && uses->is_object() ? uses : nullptr;
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
