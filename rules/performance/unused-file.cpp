// performance/unused-file: a script, template, style, WXS, component config or image of the
// package that nothing reaches from app.json (analyzer/package_graph.h). Such files are still
// uploaded and count against the package limit.
#include "analyzer/rule.h"

namespace mplint::rules {
namespace {

std::string file_name(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Build and test tooling that sits in the folder but is not mini-program code.
bool tooling_file(const std::string& path) {
  std::string name = file_name(path);
  for (const char* part : {".config.", ".test.", ".spec.", "gulpfile.", "Gruntfile.", "webpack.",
                           "rollup.", "package.json", "package-lock.json", "tsconfig.", "jsconfig.",
                           ".eslintrc", ".prettierrc", ".babelrc"})
    if (name.find(part) != std::string::npos) return true;
  return path.find("__tests__/") != std::string::npos ||
         path.find("__mocks__/") != std::string::npos;
}

bool judged_kind(FileKind k) {
  return k == FileKind::js || k == FileKind::wxml || k == FileKind::wxss || k == FileKind::wxs ||
         k == FileKind::json || k == FileKind::image;
}

// x.wxml with x.js or x.ts: the files of a page or component.
bool is_unit(const Project& p, const std::string& stem) {
  return p.exists(stem + ".wxml") && (p.exists(stem + ".js") || p.exists(stem + ".ts"));
}

// A script for Node (a build or lint script: it requires fs, path, child_process…), not for
// WeChat.
bool node_script(const FileFacts* facts) {
  if (!facts) return false;
  for (const PathRef& r : facts->refs) {
    std::string_view spec = r.spec;
    if (spec.starts_with("node:")) return true;
    for (std::string_view builtin : {"fs", "path", "child_process", "os", "fs-extra"})
      if (spec == builtin) return true;
  }
  return false;
}

class UnusedFile : public Rule {
 public:
  RuleInfo info() const override {
    return {"performance/unused-file",
            Severity::warning,
            "A file of the package that nothing reaches from app.json: not a page, not a "
            "component in use, not imported, included, required or named by path.",
            "high",
            {}};
  }

  void check_project(ProjectContext& ctx) const override {
    const PackageGraph& graph = ctx.package_graph();
    if (!graph.known) return;
    for (const ProjectFile& f : ctx.project.files())
      if (judged(ctx.project, graph, f) && !node_script(ctx.facts_of(f.path)))
        ctx.report_file(f.path, message(ctx, f) + consequence(ctx.project, f));
  }

 private:
  static std::string consequence(const Project& p, const ProjectFile& f) {
    if (ignores_unused_files(p))
      return ": dead code (ignoreUploadUnusedFiles leaves it out of the upload); delete it or "
             "use it";
    return "; it is still uploaded (" + human_size(f.size) + "): delete it or use it";
  }

  static bool judged(const Project& p, const PackageGraph& graph, const ProjectFile& f) {
    if (!f.linted || !judged_kind(f.kind) || graph.reached(f.path) || p.pack_ignored(f.path) ||
        tooling_file(f.path))
      return false;
    if (f.kind == FileKind::js && graph.dynamic_require) return false;
    // Only the JSON of a page or component: other JSON may be data read at run time.
    return f.kind != FileKind::json || p.exists(stem_of(f.path) + ".wxml");
  }

  static std::string message(const ProjectContext& ctx, const ProjectFile& f) {
    std::string stem = stem_of(f.path);
    if (is_unit(ctx.project, stem) && f.kind != FileKind::image && f.kind != FileKind::wxs)
      return unit_message(ctx, stem);
    switch (f.kind) {
      case FileKind::js:
        return "no page, component or app file requires or imports this script";
      case FileKind::wxml:
        return "no page or component has this template and no WXML imports or includes it";
      case FileKind::wxss:
        return "no page or component has this style and no WXSS @imports it";
      case FileKind::wxs:
        return "no `<wxs src>` and no WXS require loads this module";
      case FileKind::json:
        return "no page or component has this configuration";
      default:
        return "no WXML, WXSS, JS or JSON of the package names this file's path";
    }
  }

  static std::string unit_message(const ProjectContext& ctx, const std::string& stem) {
    const FileFacts* script = ctx.facts_of(stem + ".js");
    if (!script) script = ctx.facts_of(stem + ".ts");
    ScriptShape::Kind kind = script ? script->shape.kind : ScriptShape::Kind::none;
    if (kind == ScriptShape::Kind::page || ("/" + stem).find("/pages/") != std::string::npos)
      return "`" + stem +
             "` is a page that no `pages` list of app.json registers (WeChat "
             "cannot open it)";
    if (kind == ScriptShape::Kind::component)
      return "`" + stem +
             "` is a component that no usingComponents of a page or component in "
             "use declares";
    return "`" + stem +
           "` is a page or component that no pages list registers and no "
           "usingComponents of a page or component in use declares";
  }
};

}  // namespace

std::unique_ptr<Rule> make_unused_file() { return std::make_unique<UnusedFile>(); }

}  // namespace mplint::rules
