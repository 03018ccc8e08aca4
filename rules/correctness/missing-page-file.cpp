// correctness/missing-page-file: a page in app.json `pages` (or a subpackage's `pages`)
// whose .js/.ts or .wxml file does not exist.
#include "analyzer/rule.h"

namespace mplint::rules {
namespace {

class MissingPageFile : public Rule {
 public:
  RuleInfo info() const override {
    return {"correctness/missing-page-file",
            Severity::error,
            "A page listed in app.json `pages` or in a subpackage's `pages` whose .js (or .ts) "
            "or .wxml file does not exist.",
            "very-high",
            {}};
  }

  void check_file(FileContext& ctx) const override {
    if (ctx.file.path != "app.json" || !ctx.file.json || !ctx.file.json->doc.has_root) return;
    const JsonValue& app = ctx.file.json->doc.root;
    if (!app.is_object()) return;
    check_pages(ctx, app.get("pages"), "");
    for (const char* key : {"subpackages", "subPackages"}) {
      const JsonValue* list = app.get(key);
      if (!list || !list->is_array()) continue;
      for (const JsonValue& sp : list->items) {
        const JsonValue* root = sp.is_object() ? sp.get("root") : nullptr;
        if (!root || !root->is_string() || root->string.empty()) continue;
        std::string prefix = root->string[0] == '/' ? root->string.substr(1) : root->string;
        if (!prefix.empty() && prefix.back() != '/') prefix += '/';
        check_pages(ctx, sp.get("pages"), prefix);
      }
    }
  }

 private:
  // A file excluded from linting (--exclude) still exists for WeChat, so ask the disk too.
  static bool exists(const Project& p, const std::string& rel) {
    return p.exists(rel) || p.fs().is_file(join_path(p.root(), rel));
  }

  // Checks every string of a `pages` array; `prefix` is a subpackage root ("pkg/").
  static void check_pages(FileContext& ctx, const JsonValue* pages, const std::string& prefix) {
    if (!pages || !pages->is_array()) return;
    for (const JsonValue& page : pages->items) {
      if (!page.is_string() || page.string.empty()) continue;
      std::string written = page.string[0] == '/' ? page.string.substr(1) : page.string;
      std::string path = normalize_path(prefix + written);
      if (path == "." || path.starts_with("../")) continue;
      bool script = exists(ctx.project, path + ".js") || exists(ctx.project, path + ".ts");
      bool wxml = exists(ctx.project, path + ".wxml");
      if (script && wxml) continue;
      std::string missing = script ? path + ".wxml"
                            : wxml ? path + ".js/.ts"
                                   : path + ".js/.ts and .wxml";
      std::string what = prefix.empty() ? "page" : "subpackage page";
      ctx.report(page.range, what + " '" + page.string + "' is missing " + missing);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_missing_page_file() { return std::make_unique<MissingPageFile>(); }

}  // namespace mplint::rules
