// performance/main-package-only-used-by-subpackage: a script or component of the main package
// that pages of exactly one subpackage use (analyzer/package_graph.h). The main package is
// downloaded before the first page shows; moving it into that subpackage shrinks it. Only the
// files a subpackage file names are reported: what they require moves along with them.
#include "analyzer/rule.h"

namespace mplint::rules {
namespace {

class MainPackageOnlyUsedBySubpackage : public Rule {
 public:
  RuleInfo info() const override {
    return {"performance/main-package-only-used-by-subpackage",
            Severity::note,
            "A script or component of the main package that only one subpackage uses.",
            "high",
            {}};
  }

  void check_project(ProjectContext& ctx) const override {
    const PackageGraph& graph = ctx.package_graph();
    if (!graph.known || ctx.project.subpackages().empty()) return;
    for (const auto& [path, users] : graph.users) {
      const ProjectFile* f = ctx.project.file(path);
      if (!f || !f->linted || ctx.project.package_of(path) || users.size() != 1) continue;
      const auto& [package, user] = *users.begin();
      // Only where a subpackage file uses it: what that file pulls in moves along with it.
      if (package.empty() || !ctx.project.package_of(user)) continue;
      std::string stem = stem_of(path);
      bool component = is_component(ctx.project, stem);
      // A script is reported at itself, and so is a component, once, at its script (the file
      // its path names first): the other files of the component move with it.
      bool script = f->kind == FileKind::js ||
                    (f->kind == FileKind::ts && !ctx.project.exists(stem + ".js"));
      if (!script) continue;
      std::string what = component ? "component `" + stem + "`" : "script";
      ctx.report_file(path,
                      "this " + what + " of the main package is used only by subpackage `" +
                          package + "` (" + user + "): move it into " + package +
                          " so the main package, which every user downloads first, shrinks",
                      {{user, Loc{}, "used here"}});
    }
  }

 private:
  static bool is_component(const Project& p, const std::string& stem) {
    return p.exists(stem + ".json") && p.exists(stem + ".wxml") &&
           (p.exists(stem + ".js") || p.exists(stem + ".ts"));
  }
};

}  // namespace

std::unique_ptr<Rule> make_main_package_only_used_by_subpackage() {
  return std::make_unique<MainPackageOnlyUsedBySubpackage>();
}

}  // namespace mplint::rules
