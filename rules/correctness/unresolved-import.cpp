// correctness/unresolved-import: an import/include/wxs src, WXSS @import or relative
// require/import whose path resolves to no file.
#include "analyzer/rule.h"
#include "rules/correctness/path_ref_util.h"

namespace mplint::rules {
namespace {

const char* what(PathRef::Kind k) {
  switch (k) {
    case PathRef::Kind::wxml_import:
      return "<import src>";
    case PathRef::Kind::wxml_include:
      return "<include src>";
    case PathRef::Kind::wxs_src:
      return "<wxs src>";
    case PathRef::Kind::css_import:
      return "@import";
    case PathRef::Kind::require:
      return "require";
    case PathRef::Kind::require_async:
      return "require.async";
    case PathRef::Kind::es_import:
      return "import";
  }
  return "reference";
}

// "a/b.wxml does not exist", or "a/b does not exist, nor with .js, .ts, …" when the path
// has no extension.
std::string why(const std::string& target, const std::vector<std::string>& suffixes) {
  if (is_source_kind(kind_of_path(target)) || target.ends_with(".d.ts"))
    return target + " does not exist";
  std::string out;
  for (const std::string& s : suffixes)
    if (!s.empty()) out += (out.empty() ? "" : ", ") + s;
  return target + " does not exist, nor with " + out;
}

// `import App from './App'` beside App.vue, or './x' beside x.mjs/x.tsx: a bundler's file
// (uni-app, Taro sources). WeChat would not load it, but the source is not WeChat's either.
bool bundler_file(const Project& p, const std::string& target) {
  if (kind_of_path(target) != FileKind::other) return false;
  std::string dir = parent_dir(target), name = target.substr(target.find_last_of('/') + 1);
  for (const DirEntry& e : p.fs().list(join_path(p.root(), dir)))
    if (!e.is_dir && e.name.size() > name.size() + 1 && e.name.compare(0, name.size(), name) == 0 &&
        e.name[name.size()] == '.' && e.name.find('.', name.size() + 1) == std::string::npos)
      return true;
  return false;
}

class UnresolvedImport : public Rule {
 public:
  RuleInfo info() const override {
    return {.id = "correctness/unresolved-import",
            .severity = Severity::error,
            .summary =
                "An <import>/<include>/<wxs> src, WXSS @import or relative "
                "require/import whose path resolves to no file.",
            .precision = "very-high"};
  }

  void check_project(ProjectContext& ctx) const override {
    const Project& p = ctx.project;
    for (const auto& [path, f] : ctx.facts) {
      for (const PathRef& r : f.refs) {
        if (!is_file_ref(r) || !resolve_ref(p, path, r).empty()) continue;
        // A component library (no app.json) does not know what `/x` will mean once installed.
        if (!p.app_json() && r.spec.starts_with("/")) continue;
        std::string head = std::string(what(r.kind)) + " '" + r.spec + "'";
        if (points_outside(p, path, r)) {
          // Above the package root only the disk can tell (a folder linted on its own).
          if (!exists_on_disk(p, path, r))
            ctx.report(path, r.loc, head + " points outside the package root, to no file");
          continue;
        }
        std::string target = p.target_of(path, r.spec);
        if (is_script_ref(r) && bundler_file(p, target)) continue;
        ctx.report(path, r.loc, head + ": " + why(target, ref_suffixes(r, path)));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_unresolved_import() { return std::make_unique<UnresolvedImport>(); }

}  // namespace mplint::rules
