// correctness/tabbar-page-not-in-pages: a tabBar.list[].pagePath that is not in the main
// package `pages` of app.json.
#include <set>

#include "analyzer/rule.h"

namespace mplint::rules {
namespace {

// A page path as compared: without a leading '/', normalized.
std::string page_key(const std::string& written) {
  return normalize_path(!written.empty() && written[0] == '/' ? written.substr(1) : written);
}

class TabbarPageNotInPages : public Rule {
 public:
  RuleInfo info() const override {
    return {"correctness/tabbar-page-not-in-pages",
            Severity::error,
            "A tabBar.list[].pagePath that is not in the main package `pages`.",
            "very-high",
            {}};
  }

  void check_file(FileContext& ctx) const override {
    if (ctx.file.path != "app.json" || !ctx.file.json || !ctx.file.json->doc.has_root) return;
    const JsonValue& app = ctx.file.json->doc.root;
    const JsonValue* pages = app.is_object() ? app.get("pages") : nullptr;
    const JsonValue* tab = app.is_object() ? app.get("tabBar") : nullptr;
    const JsonValue* list = tab && tab->is_object() ? tab->get("list") : nullptr;
    // Without a readable `pages` array there is nothing to compare with (invalid-config).
    if (!pages || !pages->is_array() || !list || !list->is_array()) return;
    std::set<std::string> main;
    for (const JsonValue& p : pages->items)
      if (p.is_string()) main.insert(page_key(p.string));
    for (const JsonValue& item : list->items) {
      const JsonValue* path = item.is_object() ? item.get("pagePath") : nullptr;
      if (!path || !path->is_string() || path->string.empty()) continue;
      std::string key = page_key(path->string);
      if (main.count(key)) continue;
      std::string message = "tabBar pagePath '" + path->string + "' is not in app.json `pages`";
      if (const Subpackage* sp = subpackage_listing(ctx.project, key))
        message += ": it is a page of subpackage '" + sp->root +
                   "', but tabBar pages must be in the main package";
      ctx.report(path->range, message);
    }
  }

 private:
  static const Subpackage* subpackage_listing(const Project& project, const std::string& key) {
    for (const Subpackage& sp : project.subpackages())
      for (const std::string& page : sp.pages)
        if (page == key) return &sp;
    return nullptr;
  }
};

}  // namespace

std::unique_ptr<Rule> make_tabbar_page_not_in_pages() {
  return std::make_unique<TabbarPageNotInPages>();
}

}  // namespace mplint::rules
