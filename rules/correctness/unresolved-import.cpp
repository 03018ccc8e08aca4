// correctness/unresolved-import: an import/include/wxs src, WXSS @import or relative
// require/import whose path resolves to no file.
#include <map>
#include <set>

#include "analyzer/rule.h"
#include "analyzer/npm_paths.h"
#include "analyzer/path_refs.h"

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
    NpmNotBuilt npm{declared_npm_packages(p), {}};
    for (const auto& [path, f] : ctx.facts) {
      for (const PathRef& r : f.refs) {
        if (is_script_ref(r) && !is_path_spec(r.spec)) {  // require('dayjs')
          npm.note_if_missing(p, path, r.loc, r.spec);
          continue;
        }
        if (!is_file_ref(r) || !resolve_ref(p, path, r).empty()) continue;
        if (is_script_ref(r) && !resolve_relative_in_npm(p, path, r).empty()) continue;
        if (npm.note_if_missing(p, path, r.loc, npm_rest(r.spec))) continue;
        report_unresolved(ctx, path, r);
      }
    }
    npm.collect_components(p);
    npm.report(ctx);
  }

 private:
  // `./threejs-miniprogram` that is not beside the file: WeChat's loader then tries
  // `miniprogram_npm` of the folder and of each parent.
  static std::string resolve_relative_in_npm(const Project& p, const std::string& from,
                                             const PathRef& r) {
    if (r.spec.rfind("../", 0) == 0 || r.spec.rfind("/", 0) == 0) return "";
    std::string rest = r.spec.rfind("./", 0) == 0 ? r.spec.substr(2) : r.spec;
    return resolve_in_miniprogram_npm(p, from, rest, ref_suffixes(r, from));
  }

  // The package path a reference names in npm: after `miniprogram_npm/`, or what follows
  // `./` (the loader's npm fallback).
  static std::string npm_rest(const std::string& spec) {
    if (std::string rest = after_miniprogram_npm(spec); !rest.empty()) return rest;
    if (spec.rfind("./", 0) == 0) return spec.substr(2);
    return "";
  }

  static void report_unresolved(ProjectContext& ctx, const std::string& path, const PathRef& r) {
    const Project& p = ctx.project;
    // A component library (no app.json) does not know what `/x` will mean once installed.
    if (!p.app_json() && r.spec.starts_with("/")) return;
    std::string head = std::string(what(r.kind)) + " '" + r.spec + "'";
    if (points_outside(p, path, r)) {
      // Above the package root only the disk can tell (a folder linted on its own).
      if (!exists_on_disk(p, path, r))
        ctx.report(path, r.loc, head + " points outside the package root, to no file");
      return;
    }
    std::string target = p.target_of(path, r.spec);
    if (is_script_ref(r) && bundler_file(p, target)) return;
    ctx.report(path, r.loc, head + ": " + why(target, ref_suffixes(r, path)));
  }

  // References that fail only because npm was not built: one note for the package.
  struct NpmNotBuilt {
    std::set<std::string> declared;
    std::map<std::pair<std::string, uint32_t>, std::pair<Loc, std::string>> uses;

    bool note_if_missing(const Project& p, const std::string& from, const Loc& loc,
                         const std::string& rest) {
      if (rest.empty() || !npm_not_built(p, declared, from, rest)) return false;
      uses.emplace(std::make_pair(from, loc.range.begin),
                   std::make_pair(loc, npm_package_name(rest)));
      return true;
    }

    // usingComponents entries into npm (bare or through `miniprogram_npm/`).
    void collect_components(const Project& p) {
      for (const ProjectFile& file : p.files()) {
        const JsonFile* json = file.kind == FileKind::json ? p.json(file.path) : nullptr;
        if (!json || !json->doc.has_root || !json->doc.root.is_object()) continue;
        const JsonValue* uc = json->doc.root.get("usingComponents");
        if (!uc || !uc->is_object()) continue;
        for (const auto& [tag, value] : uc->members) {
          if (!value.is_string()) continue;
          std::string rest = after_miniprogram_npm(value.string);
          if (rest.empty() && !is_path_spec(value.string)) rest = value.string;
          note_if_missing(p, file.path, locate(json->source, value.range), rest);
        }
      }
    }

    void report(ProjectContext& ctx) const {
      if (uses.empty()) return;
      std::set<std::string> names;
      for (const auto& [key, use] : uses) names.insert(use.second);
      std::string list;
      for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
      const auto& [first, use] = *uses.begin();
      ctx.report(first.first, use.first,
                 "npm not built: " + list + " (declared in package.json) " +
                     (names.size() == 1 ? "is" : "are") +
                     " not in `miniprogram_npm`; run Tools → Build npm in WeChat DevTools "
                     "before uploading (the first use is here)",
                 Severity::note);
    }
  };
};

}  // namespace

std::unique_ptr<Rule> make_unresolved_import() { return std::make_unique<UnresolvedImport>(); }

}  // namespace mplint::rules
