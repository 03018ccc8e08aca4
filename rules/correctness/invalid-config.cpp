// correctness/invalid-config: known fields of app.json, page/component json and
// project.config.json with the wrong type or an undocumented value. Unknown keys are fine.
#include <algorithm>

#include "analyzer/rule.h"

namespace mplint::rules {
namespace {

enum class T { string, boolean, number, object, array, strings, string_map };
struct Field {
  const char* key;
  T type;
  const char* values = nullptr;  // allowed strings, '|'-separated
};
using Fields = std::vector<Field>;

// Facts from /work/shared/compat/app-json.yml (window_keys, tabbar_keys, app_json, ...).
// clang-format off
const Fields kWindow = {
    {"navigationBarBackgroundColor", T::string}, {"navigationBarTitleText", T::string},
    {"navigationBarTextStyle", T::string, "black|white"}, {"backgroundColor", T::string},
    {"navigationStyle", T::string, "default|custom"}, {"backgroundColorTop", T::string},
    {"backgroundTextStyle", T::string, "dark|light"}, {"backgroundColorBottom", T::string},
    {"enablePullDownRefresh", T::boolean}, {"onReachBottomDistance", T::number},
    {"homeButton", T::boolean}, {"pageOrientation", T::string, "auto|portrait|landscape"},
    {"restartStrategy", T::string, "homePage|homePageAndLatestPage"},
    {"visualEffectInBackground", T::string, "hidden|none"},
    {"handleWebviewPreload", T::string, "static|manual|auto"}};
const Fields kApp = {
    {"pages", T::strings}, {"window", T::object}, {"tabBar", T::object},
    {"usingComponents", T::string_map}, {"subpackages", T::array}, {"subPackages", T::array},
    {"debug", T::boolean}, {"style", T::string, "v2"},
    {"lazyCodeLoading", T::string, "requiredComponents"}, {"permission", T::object},
    {"requiredPrivateInfos", T::strings}, {"requiredBackgroundModes", T::strings},
    {"plugins", T::object}, {"preloadRule", T::object}, {"networkTimeout", T::object},
    {"resizable", T::boolean}, {"sitemapLocation", T::string}, {"entryPagePath", T::string},
    {"themeLocation", T::string}, {"darkmode", T::boolean}, {"useExtendedLib", T::object},
    {"renderer", T::string, "webview|skyline"}, {"resolveAlias", T::string_map},
    {"componentFramework", T::string, "exparser|glass-easel"}, {"embeddedAppIdList", T::strings}};
const Fields kTabBar = {
    {"color", T::string}, {"selectedColor", T::string}, {"backgroundColor", T::string},
    {"borderStyle", T::string, "black|white"}, {"list", T::array},
    {"position", T::string, "bottom|top"}, {"custom", T::boolean}};
const Fields kTabItem = {
    {"pagePath", T::string}, {"text", T::string}, {"iconPath", T::string},
    {"selectedIconPath", T::string}};
const Fields kSubpackage = {
    {"root", T::string}, {"name", T::string}, {"pages", T::strings},
    {"independent", T::boolean}, {"plugins", T::object}};
const Fields kPermission = {{"desc", T::string}};
const Fields kPlugin = {{"version", T::string}, {"provider", T::string}};
const Fields kPreload = {{"packages", T::strings}, {"network", T::string, "all|wifi"}};
const Fields kTimeout = {
    {"request", T::number}, {"connectSocket", T::number}, {"uploadFile", T::number},
    {"downloadFile", T::number}};
// Page and component json (a page json also takes the window keys at its top level).
const Fields kComponent = {
    {"component", T::boolean}, {"usingComponents", T::string_map},
    {"componentGenerics", T::object}, {"componentPlaceholder", T::string_map},
    {"styleIsolation", T::string,
     "isolated|apply-shared|shared|page-isolated|page-apply-shared|page-shared"},
    {"pureDataPattern", T::string}, {"disableScroll", T::boolean}, {"style", T::string, "v2"},
    {"renderer", T::string}, {"componentFramework", T::string, "exparser|glass-easel"}};
const Fields kProject = {
    {"miniprogramRoot", T::string}, {"pluginRoot", T::string}, {"cloudfunctionRoot", T::string},
    {"qcloudRoot", T::string}, {"compileType", T::string}, {"setting", T::object},
    {"libVersion", T::string}, {"appid", T::string}, {"projectname", T::string},
    {"packOptions", T::object}};
const Fields kSetting = {
    {"urlCheck", T::boolean}, {"es6", T::boolean}, {"enhance", T::boolean},
    {"postcss", T::boolean}, {"minified", T::boolean}, {"minifyWXSS", T::boolean},
    {"minifyWXML", T::boolean}, {"uglifyFileName", T::boolean},
    {"ignoreUploadUnusedFiles", T::boolean}, {"autoAudits", T::boolean},
    {"compileHotReLoad", T::boolean}, {"lazyloadPlaceholderEnable", T::boolean},
    {"preloadBackgroundData", T::boolean}, {"bigPackageSizeSupport", T::boolean}};
const Fields kPackOptions = {{"ignore", T::array}, {"include", T::array}};
// clang-format on

using Out = std::vector<std::pair<Range, std::string>>;

bool bad(const JsonValue& v, bool ok) { return !ok && v.kind != JsonValue::Kind::invalid; }

bool has_type(const JsonValue& v, T t) {
  using K = JsonValue::Kind;
  static const K kinds[] = {K::string, K::boolean, K::number, K::object,
                            K::array,  K::array,   K::object};
  return v.kind == kinds[static_cast<int>(t)];
}

std::vector<std::string> split(std::string_view values) {  // "a|b" -> {"a", "b"}
  std::vector<std::string> out;
  for (size_t b = 0, e; b <= values.size(); b = e + 1) {
    e = std::min(values.find('|', b), values.size());
    out.emplace_back(values.substr(b, e - b));
  }
  return out;
}

// Whether `s` is one of `values` or a darkmode `@variable` (defined in theme.json).
bool allowed(const std::string& s, std::string_view values) {
  auto list = split(values);
  return s.starts_with("@") || std::find(list.begin(), list.end(), s) != list.end();
}

std::string one_of(std::string_view values) {  // "a", "b" or "c"
  auto list = split(values);
  std::string out;
  for (size_t i = 0; i < list.size(); ++i)
    out += (i == 0 ? "\"" : i + 1 == list.size() ? " or \"" : ", \"") + list[i] + "\"";
  return out;
}

/// Checks the known members of `obj` against `fields`; `at` prefixes names in messages.
void check(const JsonValue& obj, const Fields& fields, const std::string& at, Out& out) {
  static const char* names[] = {"a string",
                                "a boolean",
                                "a number",
                                "an object",
                                "an array",
                                "an array of strings",
                                "an object of strings"};
  for (const auto& [key, v] : obj.members) {
    for (const Field& f : fields) {
      if (key != f.key || v.kind == JsonValue::Kind::invalid) continue;
      std::string name = "`" + at + key;
      if (!has_type(v, f.type)) {
        std::string m =
            name + "` must be " + names[static_cast<int>(f.type)] + ", not " + v.kind_name();
        bool quoted_literal =
            v.is_string() &&
            (f.type == T::boolean
                 ? v.string == "true" || v.string == "false"
                 : f.type == T::number && !v.string.empty() &&
                       v.string.find_first_not_of("0123456789.") == std::string::npos);
        out.push_back(
            {v.range, quoted_literal ? m + " (write " + v.string + " without quotes)" : m});
      } else if (f.values && !allowed(v.string, f.values)) {
        out.push_back(
            {v.range, name + "` must be " + one_of(f.values) + ", not \"" + v.string + "\""});
      }
      for (size_t i = 0; f.type == T::strings && i < v.items.size(); ++i)
        if (bad(v.items[i], v.items[i].is_string()))
          out.push_back({v.items[i].range, name + "[" + std::to_string(i) +
                                               "]` must be a string, not " +
                                               v.items[i].kind_name()});
      for (const auto& [k, m] : f.type == T::string_map ? v.members : decltype(v.members){})
        if (bad(m, m.is_string()))
          out.push_back(
              {m.range, name + "." + k + "` must be a string (a path), not " + m.kind_name()});
    }
  }
}

/// Checks the items of an array (or the member values of an object) one by one: each must be
/// an object holding `required` (when given), then is checked against `fields`.
void check_items(const JsonValue* list, const Fields& fields, const char* required,
                 const std::string& at, Out& out) {
  if (!list || !(list->is_array() || list->is_object())) return;
  for (size_t i = 0; i < list->items.size() + list->members.size(); ++i) {
    bool keyed = list->is_object();
    const JsonValue& v = keyed ? list->members[i].second : list->items[i];
    std::string name = at + (keyed ? "." + list->members[i].first : "[" + std::to_string(i) + "]");
    if (bad(v, v.is_object()))
      out.push_back({v.range, "`" + name + "` must be an object, not " + v.kind_name()});
    else if (v.is_object() && required && !v.get(required))
      out.push_back({v.range, "`" + name + "` has no `" + required + "`"});
    else if (v.is_object())
      check(v, fields, name + ".", out);
  }
}

void check_app(const JsonValue& app, Out& out) {
  check(app, kApp, "", out);
  if (const JsonValue* w = app.get("window"); w && w->is_object())
    check(*w, kWindow, "window.", out);
  if (const JsonValue* t = app.get("networkTimeout"); t && t->is_object())
    check(*t, kTimeout, "networkTimeout.", out);
  check_items(app.get("permission"), kPermission, nullptr, "permission", out);
  check_items(app.get("plugins"), kPlugin, nullptr, "plugins", out);
  check_items(app.get("preloadRule"), kPreload, nullptr, "preloadRule", out);
  for (const char* key : {"subpackages", "subPackages"})
    if (const JsonValue* list = app.get(key); list && list->is_array())
      check_items(list, kSubpackage, "root", key, out);
  const JsonValue* tab = app.get("tabBar");
  if (!tab || !tab->is_object()) return;
  check(*tab, kTabBar, "tabBar.", out);
  const JsonValue* list = tab->get("list");
  if (!list) out.push_back({tab->range, "`tabBar` has no `list` (it needs 2 to 5 items)"});
  if (!list || !list->is_array()) return;
  if (list->items.size() < 2 || list->items.size() > 5)
    out.push_back({list->range, "`tabBar.list` must have 2 to 5 items, not " +
                                    std::to_string(list->items.size())});
  check_items(list, kTabItem, "pagePath", "tabBar.list", out);
}

void check_component(const JsonValue& json, Out& out) {
  check(json, kComponent, "", out);
  const JsonValue* component = json.get("component");
  if (!component || !component->is_bool() || !component->boolean) check(json, kWindow, "", out);
  const JsonValue* generics = json.get("componentGenerics");
  for (const auto& [name, v] : generics ? generics->members : decltype(json.members){}) {
    if (v.is_object())
      check(v, {{"default", T::string}}, "componentGenerics." + name + ".", out);
    else if (bad(v, v.is_bool()))
      out.push_back({v.range, "`componentGenerics." + name + "` must be true or an object, not " +
                                  v.kind_name()});
  }
}

void check_project_config(const JsonValue& json, Out& out) {
  check(json, kProject, "", out);
  if (const JsonValue* s = json.get("setting"); s && s->is_object())
    check(*s, kSetting, "setting.", out);
  if (const JsonValue* p = json.get("packOptions"); p && p->is_object())
    check(*p, kPackOptions, "packOptions.", out);
}

class InvalidConfig : public Rule {
 public:
  RuleInfo info() const override {
    return {"correctness/invalid-config",
            Severity::error,
            "An app/page/component/project json whose known fields have the wrong type or value.",
            "very-high",
            {}};
  }

  void check_file(FileContext& ctx) const override {
    const ParsedFile& f = ctx.file;
    if (f.kind != FileKind::json || !f.json || !f.json->doc.has_root) return;
    const JsonValue& root = f.json->doc.root;
    bool app = f.path == "app.json";
    bool component = ctx.project.exists(f.path.substr(0, f.path.size() - 5) + ".wxml");
    Out out;
    if ((app || component) && bad(root, root.is_object()))
      out.push_back({root.range, std::string(app ? "app.json" : "a page or component json") +
                                     " must be an object, not " + root.kind_name()});
    else if (app)
      check_app(root, out);
    else if (f.path == "project.private.config.json" && root.is_object())
      check_project_config(root, out);
    else if (component && f.path != "project.config.json")
      check_component(root, out);
    for (auto& [range, message] : out) ctx.report(range, std::move(message));
  }

  // project.config.json may sit above the package root (miniprogramRoot), so it is checked
  // from the project model rather than as a package file.
  void check_project(ProjectContext& ctx) const override {
    const JsonFile* cfg = ctx.project.project_config();
    if (!cfg || !cfg->doc.has_root || !cfg->doc.root.is_object()) return;
    Out out;
    check_project_config(cfg->doc.root, out);
    for (auto& [range, message] : out) ctx.report_json(*cfg, range, std::move(message));
  }
};

}  // namespace

std::unique_ptr<Rule> make_invalid_config() { return std::make_unique<InvalidConfig>(); }

}  // namespace mplint::rules
