// correctness/cross-package-reference: a file or component of one package that references
// a file of a package that will not be loaded with it (another subpackage, a subpackage
// from the main package, the main package from an independent subpackage).
#include "analyzer/rule.h"
#include "analyzer/path_refs.h"

namespace mplint::rules {
namespace {

std::string name_of(const Subpackage* sp) {
  return sp ? "subpackage '" + sp->root.substr(0, sp->root.size() - 1) + "'" : "the main package";
}

// Why a file of `from` cannot reach a file of `to` synchronously, or "" when it can.
// `async_fix` is how this kind of reference could load the other package on demand.
std::string problem(const Subpackage* from, const Subpackage* to, const std::string& async_fix) {
  if (from == to || (from && !from->independent && !to)) return "";
  std::string fix = from && from->independent ? "copy it into the independent subpackage"
                                              : "move it to the main package";
  if (!async_fix.empty()) fix = async_fix + ", or " + fix;
  return "it is in " + name_of(to) + ", which " +
         (from && from->independent ? "independent " : "") + name_of(from) + " cannot reach (" +
         fix + ")";
}

// The file a usingComponents path names (any of its .json/.js/.ts/.wxml), or "" when none
// exists: npm package names and plugin:// entries are not package paths.
std::string component_file(const Project& p, const std::string& json, const std::string& spec) {
  if (spec.empty() || spec.find("://") != std::string::npos) return "";
  for (const char* base : {"", "/index"})
    for (const char* ext : {".json", ".js", ".ts", ".wxml"})
      if (std::string f = p.resolve(json, spec + base, {ext}); !f.empty()) return f;
  return "";
}

class CrossPackageReference : public Rule {
 public:
  RuleInfo info() const override {
    return {.id = "correctness/cross-package-reference",
            .severity = Severity::error,
            .summary =
                "A file or component of one package that references another subpackage "
                "(or an independent subpackage that references the main package).",
            .precision = "high"};
  }

  void check_project(ProjectContext& ctx) const override {
    const Project& p = ctx.project;
    if (p.subpackages().empty()) return;
    for (const auto& [path, f] : ctx.facts) {
      const Subpackage* from = p.package_of(path);
      for (const PathRef& r : f.refs) {
        // require.async loads the other package on demand (分包异步化).
        if (r.kind == PathRef::Kind::require_async || !is_file_ref(r)) continue;
        std::string to = resolve_ref(p, path, r);
        if (to.empty()) continue;  // unresolved-import's finding
        std::string async_fix = is_script_ref(r) ? "load it with require.async" : "";
        if (std::string why = problem(from, p.package_of(to), async_fix); !why.empty())
          ctx.report(path, r.loc, "'" + r.spec + "': " + why);
      }
    }
    for (const ProjectFile& file : p.files()) {
      if (file.kind != FileKind::json || !file.linted) continue;
      check_components(ctx, file.path);
    }
  }

 private:
  void check_components(ProjectContext& ctx, const std::string& json_path) const {
    const JsonFile* jf = ctx.project.json(json_path);
    if (!jf || !jf->doc.has_root || !jf->doc.root.is_object()) return;
    const JsonValue* uc = jf->doc.root.get("usingComponents");
    if (!uc || !uc->is_object()) return;
    const JsonValue* placeholders = jf->doc.root.get("componentPlaceholder");
    const Subpackage* from = ctx.project.package_of(json_path);
    for (const auto& [tag, value] : uc->members) {
      if (!value.is_string()) continue;
      std::string to = component_file(ctx.project, json_path, value.string);
      if (to.empty()) continue;
      std::string why = problem(from, ctx.project.package_of(to), "give it a componentPlaceholder");
      if (why.empty()) continue;
      // A placeholder makes the component load asynchronously (分包异步化).
      if (placeholders && placeholders->is_object() && placeholders->get(tag)) continue;
      ctx.report_json(*jf, value.range, "component '" + tag + "': " + why);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_cross_package_reference() {
  return std::make_unique<CrossPackageReference>();
}

}  // namespace mplint::rules
