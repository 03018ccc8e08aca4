// performance/package-size: the main package or a subpackage over 2 MB, all packages over
// 30 MB, or the main package over 1.5 MB (a warning), counted from the files that would be
// uploaded (analyzer/package_graph.h: package_sizes).
#include <cstdio>

#include "analyzer/package_graph.h"
#include "analyzer/rule.h"

namespace mplint::rules {
namespace {

std::string largest_files(const PackageSize& size) {
  std::string out;
  for (const ProjectFile* f : size.largest)
    out += (out.empty() ? "" : ", ") + f->path + " " + human_size(f->size);
  return out.empty() ? "" : "; largest files: " + out;
}

std::string limit_text(double kb) {
  char text[32];
  if (kb >= 1024)
    std::snprintf(text, sizeof text, "%g MB", kb / 1024);
  else
    std::snprintf(text, sizeof text, "%g KB", kb);
  return text;
}

class PackageSizeRule : public Rule {
 public:
  RuleInfo info() const override {
    return {"performance/package-size",
            Severity::error,
            "The main package or a subpackage over 2 MB, all packages over 30 MB, or the main "
            "package over 1.5 MB.",
            "very-high",
            {{"max-package-kb", 2048, "the largest main package or subpackage allowed, in KB"},
             {"max-total-kb", 30720, "the largest total of all packages allowed, in KB"},
             {"warn-main-kb", 1536, "a main package over this size gets a warning, in KB"}}};
  }

  void check_project(ProjectContext& ctx) const override {
    const JsonFile* app = ctx.project.app_json();
    if (!app || !ctx.project.app()) return;  // a component library: no package to weigh
    double max_kb = ctx.options().value("max-package-kb", 2048.0);
    double warn_kb = ctx.options().value("warn-main-kb", 1536.0);
    double total_kb = ctx.options().value("max-total-kb", 30720.0);
    uint64_t total = 0;
    for (const PackageSize& size : ctx.package_sizes()) {
      total += size.bytes;
      std::string name = size.root.empty() ? "the main package" : "subpackage `" + size.root + "`";
      std::string weight = name + " is " + human_size(size.bytes);
      Range at = where(ctx.project, size.root);
      if (size.bytes > max_kb * 1024)
        ctx.report_json(
            *app, at,
            weight + ", over the " + limit_text(max_kb) +
                " limit (sizes of the source files; minification shrinks them somewhat)" +
                largest_files(size));
      else if (size.root.empty() && size.bytes > warn_kb * 1024)
        ctx.report_json(*app, at,
                        weight + ", over the " + limit_text(warn_kb) +
                            " WeChat recommends for a fast start: move pages into subpackages" +
                            largest_files(size),
                        Severity::warning);
    }
    if (total > total_kb * 1024)
      ctx.report_file(app->source.path(), "all packages together are " + human_size(total) +
                                              ", over the " + limit_text(total_kb) + " limit");
  }

 private:
  // The main package at app.json's `pages` key; a subpackage at its `root`.
  static Range where(const Project& p, const std::string& root) {
    if (root.empty()) {
      const JsonValue* pages = p.app()->get("pages");
      return pages ? pages->key_range : Range{};
    }
    for (const Subpackage& sp : p.subpackages())
      if (sp.root == root) return sp.root_loc.range;
    return Range{};
  }
};

}  // namespace

std::unique_ptr<Rule> make_package_size() { return std::make_unique<PackageSizeRule>(); }

}  // namespace mplint::rules
