// correctness/unregistered-page: a page path, in `<navigator url>` or in the `url` of
// wx.navigateTo / redirectTo / reLaunch / switchTab, that no `pages` list of app.json
// registers; and the navigations that fail on a registered page: switchTab to a page that is
// not in tabBar.list, navigateTo / redirectTo / a default `<navigator>` to one that is.
#include <optional>
#include <set>

#include "analyzer/flow_resolve.h"
#include "analyzer/rule.h"
#include "analyzer/spelling.h"

namespace mplint::rules {
namespace {

enum class Go { navigate, redirect, switch_tab, relaunch, unknown };

struct Pages {
  std::set<std::string> registered;  // "pages/index/index", "packageA/pages/list/list"
  std::set<std::string> tabs;        // tabBar.list pagePaths
};

std::string page_key(std::string_view written) {
  if (!written.empty() && written[0] == '/') written.remove_prefix(1);
  return normalize_path(std::string(written));
}

Pages pages_of(const Project& p) {
  Pages out;
  for (const PageEntry& e : p.main_pages()) out.registered.insert(page_key(e.path));
  for (const Subpackage& sp : p.subpackages())
    for (const std::string& page : sp.pages) out.registered.insert(page_key(page));
  const JsonValue* app = p.app();
  const JsonValue* tab = app ? app->get("tabBar") : nullptr;
  const JsonValue* list = tab && tab->is_object() ? tab->get("list") : nullptr;
  if (list && list->is_array())
    for (const JsonValue& item : list->items)
      if (const JsonValue* path = item.is_object() ? item.get("pagePath") : nullptr;
          path && path->is_string())
        out.tabs.insert(page_key(path->string));
  return out;
}

std::optional<Go> go_of_api(std::string_view api) {
  if (api == "wx.navigateTo") return Go::navigate;
  if (api == "wx.redirectTo") return Go::redirect;
  if (api == "wx.switchTab") return Go::switch_tab;
  if (api == "wx.reLaunch") return Go::relaunch;
  return std::nullopt;
}

// A <navigator>'s open-type; nothing for those that take no page url (navigateBack, exit).
std::optional<Go> go_of_open_type(const WxmlAttribute* open_type) {
  if (!open_type || !open_type->has_value) return Go::navigate;
  if (open_type->dynamic) return Go::unknown;
  const std::string& v = open_type->value;
  if (v.empty() || v == "navigate") return Go::navigate;
  if (v == "redirect") return Go::redirect;
  if (v == "switchTab") return Go::switch_tab;
  if (v == "reLaunch") return Go::relaunch;
  return std::nullopt;
}

// The page a url's path names: the query dropped, absolute from the package root, relative
// from the calling page's folder; "" when it cannot be told (a caller that is no page, a URL
// of a plugin or another scheme).
std::string page_of_url(std::string_view url, const std::string& caller_page) {
  url = url.substr(0, url.find('?'));
  while (!url.empty() && (url.back() == ' ' || url.back() == '\n' || url.back() == '\t'))
    url.remove_suffix(1);
  while (!url.empty() && (url.front() == ' ' || url.front() == '\n' || url.front() == '\t'))
    url.remove_prefix(1);
  if (url.empty() || url.find(':') != std::string_view::npos) return "";
  if (url[0] == '/') return page_key(url);
  if (caller_page.empty()) return "";
  std::string page = normalize_path(join_path(parent_dir(caller_page), std::string(url)));
  return page.rfind("..", 0) == 0 ? "" : page;
}

// The known text of a url up to its query, when its path part is all known.
std::optional<std::string> path_part(const FlowString& url) {
  std::string text;
  for (const FlowPart& p : url.parts) {
    if (p.kind != FlowPart::Kind::text)
      return text.find('?') != std::string::npos ? std::optional<std::string>(text) : std::nullopt;
    text += p.text;
  }
  if (url.parts.empty()) return std::nullopt;
  return text;
}

const char* verb(Go go) {
  switch (go) {
    case Go::navigate:
      return "navigateTo";
    case Go::redirect:
      return "redirectTo";
    case Go::switch_tab:
      return "switchTab";
    case Go::relaunch:
      return "reLaunch";
    default:
      return "navigate";
  }
}

// What is wrong with going to `page` this way, or "".
std::string problem(const Pages& pages, const std::string& page, Go go, std::string_view url,
                    const std::string& caller_page) {
  if (!pages.registered.count(page)) {
    std::string message =
        "page '" + page + "' is not registered: no `pages` list of app.json has it";
    std::string absolute = page_key(url.substr(0, url.find('?')));
    if (!url.empty() && url[0] != '/' && !caller_page.empty() && pages.registered.count(absolute))
      return message +
             " (a url without a leading '/' is relative to the calling page; did you "
             "mean '/" +
             absolute + "'?)";
    std::string best;
    size_t best_d = 4;
    for (const std::string& r : pages.registered)
      if (size_t d = edit_distance(page, r); d < best_d) best_d = d, best = r;
    return best.empty() ? message : message + "; did you mean '/" + best + "'?";
  }
  bool tab = pages.tabs.count(page) > 0;
  if (go == Go::switch_tab && !tab)
    return "switchTab to '" + page +
           "', which is not in tabBar.list: switchTab opens only tab "
           "pages, so it fails; use navigateTo or redirectTo";
  if ((go == Go::navigate || go == Go::redirect) && tab)
    return std::string(verb(go)) + " to tab page '" + page +
           "' fails: a tabBar page opens only "
           "with switchTab (or reLaunch)";
  return "";
}

class UnregisteredPage : public Rule {
 public:
  RuleInfo info() const override {
    return {.id = "correctness/unregistered-page",
            .severity = Severity::error,
            .summary =
                "A navigation to a page that no `pages` list registers, switchTab to a "
                "page outside tabBar.list, or navigateTo/redirectTo to a tab page.",
            .precision = "high"};
  }

  bool judges(const Project& p) const override { return p.app() && !p.main_pages().empty(); }

  // <navigator url> in WXML.
  void check_file(FileContext& ctx) const override {
    if (ctx.file.kind != FileKind::wxml || !judges(ctx.project)) return;
    std::optional<Pages> pages;  // read from app.json at the first <navigator>
    std::string caller;
    for (const WxmlNode& node : ctx.file.wxml.nodes) {
      if (!node.is_element() || node.tag != "navigator") continue;
      if (!pages) {
        pages = pages_of(ctx.project);
        caller = caller_page(*pages, ctx.file.path);
      }
      const WxmlAttribute* url = node.attribute("url");
      const WxmlAttribute* target = node.attribute("target");
      if (!url || !url->has_value || (target && target->value != "self")) continue;
      // The runtime reads `openType` as `open-type` (camel case names the same property).
      const WxmlAttribute* open_type = node.attribute("open-type");
      std::optional<Go> go = go_of_open_type(open_type ? open_type : node.attribute("openType"));
      if (!go) continue;
      std::string_view value = url->value;
      if (url->dynamic) {  // only a literal path before the query counts
        size_t binding = value.find("{{"), query = value.find('?');
        if (query == std::string_view::npos || binding < query) continue;
      }
      std::string page = page_of_url(value, caller);
      if (page.empty()) continue;
      if (std::string why = problem(*pages, page, *go, value, caller); !why.empty())
        ctx.report(url->value_range, why);
    }
  }

  // wx.navigateTo({ url }) and the others, with urls built from constants of any file.
  void check_project(ProjectContext& ctx) const override {
    if (!judges(ctx.project)) return;
    Pages pages = pages_of(ctx.project);
    FlowIndex index(ctx.project, ctx.facts);
    for (const auto& [path, f] : ctx.facts) {
      std::string caller = caller_page(pages, path);
      for (const NetworkCall& call : f.flow.navigation_calls) {
        std::optional<Go> go = go_of_api(call.api);
        FlowString url = index.resolve(path, call.url);
        std::optional<std::string> text = path_part(url);
        if (!go || !text) continue;
        std::string page = page_of_url(*text, caller);
        if (page.empty()) continue;
        std::string why = problem(pages, page, *go, *text, caller);
        if (why.empty()) continue;
        const FlowPart& first = url.parts.front();
        bool here = first.kind == FlowPart::Kind::text && first.path == path;
        if (here)
          ctx.report(path, first.loc, "`" + call.api + "`: " + why);
        else
          ctx.report(path, call.at, "`" + call.api + "`: " + why,
                     {{first.path, first.loc, "the url is written here"}});
      }
    }
  }

 private:
  // The registered page a file belongs to ("pages/a/a" for pages/a/a.wxml), or "".
  static std::string caller_page(const Pages& pages, const std::string& file) {
    std::string stem = file.substr(0, file.rfind('.'));
    return pages.registered.count(stem) ? stem : "";
  }
};

}  // namespace

std::unique_ptr<Rule> make_unregistered_page() { return std::make_unique<UnregisteredPage>(); }

}  // namespace mplint::rules
