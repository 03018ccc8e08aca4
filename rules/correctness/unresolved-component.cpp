// correctness/unresolved-component: a usingComponents (or componentGenerics default) path of
// app.json or a page/component json that resolves to no component (.json + .js/.ts + .wxml).
#include "analyzer/npm_paths.h"
#include "analyzer/path_refs.h"
#include "analyzer/rule.h"

namespace mplint::rules {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

class UnresolvedComponent : public Rule {
 public:
  RuleInfo info() const override {
    return {"correctness/unresolved-component",
            Severity::error,
            "A usingComponents entry whose path resolves to no component (.json + .js/.ts + "
            ".wxml).",
            "high",
            {}};
  }

  void check_file(FileContext& ctx) const override {
    const ParsedFile& f = ctx.file;
    if (f.kind != FileKind::json || !f.json || !f.json->doc.has_root) return;
    const JsonValue& root = f.json->doc.root;
    std::string stem = f.path.substr(0, f.path.size() - 5);
    const Project& p = ctx.project;
    bool config = f.path == "app.json" || p.exists(stem + ".wxml") || p.exists(stem + ".js") ||
                  p.exists(stem + ".ts");
    if (!config || !root.is_object() || other_platform(p, stem)) return;
    if (const JsonValue* uc = root.get("usingComponents"); uc && uc->is_object())
      for (const auto& [tag, value] : uc->members)
        if (value.is_string()) check(ctx, tag, value);
    if (const JsonValue* g = root.get("componentGenerics"); g && g->is_object())
      for (const auto& [name, value] : g->members)
        if (const JsonValue* d = value.is_object() ? value.get("default") : nullptr;
            d && d->is_string())
          check(ctx, name, *d);
  }

 private:
  // Cross-platform libraries ship builds for Alipay (.axml), Baidu (.swan), QQ (.qml),
  // Toutiao (.ttml), JD (.jxml) and Kuaishou (.ksml) beside WeChat's: their configs name
  // components whose templates are not .wxml, and are not WeChat's to judge.
  static bool other_platform(const Project& p, const std::string& stem) {
    if (p.exists(stem + ".wxml")) return false;
    for (const char* ext : {".axml", ".swan", ".qml", ".ttml", ".jxml", ".ksml"})
      if (p.exists(stem + ext)) return true;
    return false;
  }

  // What is missing for a component at `base`: a count and "base.json, .js/.ts and .wxml".
  // Files excluded from linting (--exclude) or outside a loose tree exist on disk only.
  static std::pair<int, std::string> missing_at(const Project& p, const std::string& base) {
    auto has = [&](const std::string& rel) {
      return p.exists(rel) || p.fs().is_file(join_path(p.root(), rel));
    };
    std::vector<std::string> exts;
    if (!has(base + ".json")) exts.push_back(".json");
    if (!has(base + ".js") && !has(base + ".ts")) exts.push_back(".js/.ts");
    if (!has(base + ".wxml")) exts.push_back(".wxml");
    std::string text;
    for (size_t i = 0; i < exts.size(); ++i)
      text += (i == 0 ? base : i + 1 == exts.size() ? " and " : ", ") + exts[i];
    return {static_cast<int>(exts.size()), text};
  }

  // Whether a bare spec may name an npm package or an extended library (useExtendedLib).
  static bool uses_npm(const Project& p) {
    if (p.has_npm() || (p.app() && p.app()->get("useExtendedLib"))) return true;
    for (const std::string& dir : {p.root(), parent_dir(p.root()), p.project_dir()})
      if (p.fs().is_file(join_path(dir, "package.json"))) return true;
    return false;
  }

  static void check(FileContext& ctx, const std::string& tag, const JsonValue& value) {
    const Project& p = ctx.project;
    const std::string& written = value.string;
    if (starts_with(written, "plugin://") || starts_with(written, "plugin-private://")) return;
    if (written.empty())
      return ctx.report(value.range, "component '" + tag + "' has an empty path");
    std::string spec = apply_resolve_alias(p, written);
    // Without app.json the tree is a component library: where the app will install it (and
    // what `/x` will mean then) is unknown, so root-absolute paths are not judged.
    if (!p.app_json() && starts_with(spec, "/")) return;
    bool explicit_path = starts_with(spec, "./") || starts_with(spec, "../") ||
                         starts_with(spec, "/") || spec == "." || spec == "..";
    std::vector<std::string> targets{p.target_of(ctx.file.path, spec)};
    if (!explicit_path) targets.push_back(normalize_path(spec));  // also from the root
    std::pair<int, std::string> best{0, ""};
    bool outside_root = false;
    for (const std::string& t : targets) {
      bool outside = t == "." || starts_with(t, "../");
      // Outside the root: a broken reference in a mini-program; in a loose component tree
      // (no app.json) the files may simply lie outside what was named, so look on disk.
      if (outside && p.app_json()) {
        outside_root = outside_root || best.first == 0;
        continue;
      }
      for (const std::string& base : {t, t + "/index"}) {
        auto missing = missing_at(p, base);
        if (missing.first == 0) return;
        if (best.first == 0 || missing.first < best.first) best = missing;
      }
    }
    if (!explicit_path && uses_npm(p)) return;  // an npm package name
    // npm not built: unresolved-import gives one note for the package, not one per use.
    std::string npm_rest = explicit_path ? after_miniprogram_npm(spec) : spec;
    if (!npm_rest.empty() && npm_not_built(p, declared_npm_packages(p), ctx.file.path, npm_rest))
      return;
    std::string message = "component '" + tag + "': '" + written + "' ";
    if (best.first == 0 && outside_root) {
      message += "points outside the package root";
    } else {
      message += "resolves to no component (missing " + best.second + ")";
      auto dot = written.rfind('.');
      std::string ext = dot == std::string::npos ? "" : written.substr(dot);
      if (ext == ".js" || ext == ".ts" || ext == ".json" || ext == ".wxml")
        message += "; write the path without the '" + ext + "' extension";
      else if (!explicit_path)
        message += "; as an npm package it needs `miniprogram_npm` (run Build npm in DevTools)";
    }
    ctx.report(value.range, message);
  }
};

}  // namespace

std::unique_ptr<Rule> make_unresolved_component() {
  return std::make_unique<UnresolvedComponent>();
}

}  // namespace mplint::rules
