// security/privacy-api-undeclared: a `wx` location/address API that app.json (or ext.json)
// `requiredPrivateInfos` does not list, and a location scope in app.json `permission`
// without its purpose description.
#include <set>

#include "analyzer/rule.h"
#include "rules/security/privacy_data.h"

namespace mplint::rules {
namespace {

enum class Use { none, call, value };

// Files that mention this many distinct `wx` APIs as values (not calls) wrap the whole API
// (`promisify(wx.request)`, … in a framework's runtime): a wrapper is not a use.
constexpr size_t kWrapperApis = 8;

constexpr const char* kDescHint =
    ": WeChat requires a purpose description for location scopes; write why the app needs "
    "the location (at most 30 characters, shown to the user when asked)";

/// The names `requiredPrivateInfos` of `json` lists; false when it is there but not an array.
bool add_declared(const JsonValue* json, std::set<std::string>* out) {
  const JsonValue* list = json && json->is_object() ? json->get("requiredPrivateInfos") : nullptr;
  if (!list) return true;
  if (!list->is_array()) return false;
  for (const JsonValue& item : list->items)
    if (item.is_string()) out->insert(item.string);
  return true;
}

/// The `wx` API a node names (`wx.getLocation`, `wx['getLocation']`), or "".
std::string_view wx_api(Node n) {
  bool member = n.type() == "member_expression", subscript = n.type() == "subscript_expression";
  if (!member && !subscript) return "";
  Node object = n.field("object");
  if (!object || object.type() != "identifier" || object.text() != "wx") return "";
  if (member) return n.field("property").text();
  Node index = n.field("index");
  if (!index || index.type() != "string" || index.named_child_count() != 1) return "";
  return index.named_child(0).text();
}

/// How `wx.X` is used: called (also through .call/.apply), passed or stored as a value, or
/// only tested (`if (wx.getLocation)`, `typeof wx.getLocation`), which uses nothing.
Use use_of(Node n) {
  Node p = n.parent();
  if (!p) return Use::none;
  std::string_view type = p.type();
  if (type == "call_expression") return p.field("function") == n ? Use::call : Use::none;
  if (type == "member_expression" && p.field("object") == n) {
    std::string_view method = p.field("property").text();
    if (method == "call" || method == "apply") return Use::call;
    return method == "bind" ? Use::value : Use::none;
  }
  if (type == "arguments") return Use::value;
  if (type == "variable_declarator" || type == "pair")
    return p.field("value") == n ? Use::value : Use::none;
  if (type == "assignment_expression") return p.field("right") == n ? Use::value : Use::none;
  return Use::none;
}

/// Whether `condition` tests for a declared privacy API: `wx.getFuzzyLocation`,
/// `wx.canIUse('getFuzzyLocation')`.
bool tests_declared(Node condition, const std::set<std::string>& declared) {
  bool found = false;
  walk(condition, [&](Node n) {
    std::string_view name = wx_api(n);
    if (n.type() == "string_fragment") name = n.text().substr(0, n.text().find('.'));
    found = found || (!name.empty() && privacy::contains(privacy::kRequiredPrivateInfos, name) &&
                      declared.count(std::string(name)));
    return !found;
  });
  return found;
}

/// Whether `n` sits in a branch chosen by testing for a declared privacy API
/// (`wx.getFuzzyLocation ? wx.getFuzzyLocation(o) : wx.getLocation(o)`): a fallback for base
/// libraries that lack it.
bool in_fallback(Node n, const std::set<std::string>& declared) {
  for (Node child = n, p = n.parent(); p; child = p, p = p.parent()) {
    if (p.type() != "if_statement" && p.type() != "ternary_expression") continue;
    Node condition = p.field("condition");
    if (condition && !(child == condition) && tests_declared(condition, declared)) return true;
  }
  return false;
}

struct ApiUse {
  Node node;
  std::string_view api;
  Use use;
};

std::string message(std::string_view api, Use use) {
  std::string name = "`wx." + std::string(api) + "`";
  std::string since = "since " + std::string(privacy::kRequiredSince);
  std::string add = "; add \"" + std::string(api) + "\"";
  if (use == Use::call)
    return name + " is not declared in app.json `requiredPrivateInfos`: " + since +
           " the call fails" + add;
  return name + " is used but not declared in app.json `requiredPrivateInfos`: " + since +
         " calling it fails" + add;
}

class PrivacyApiUndeclared : public Rule {
 public:
  RuleInfo info() const override {
    RuleInfo r{"security/privacy-api-undeclared", Severity::error,
               "A location or address API missing from app.json requiredPrivateInfos, or a "
               "location permission scope without a desc.",
               "high"};
    r.security_severity = "5.0";
    return r;
  }

  void check_file(FileContext& ctx) const override {
    FileKind kind = ctx.file.kind;
    if ((kind != FileKind::js && kind != FileKind::ts) || !ctx.file.script) return;
    std::set<std::string> declared;
    if (!declared_apis(ctx.project, &declared)) return;
    std::vector<ApiUse> uses;
    std::set<std::string_view> values;  // every wx API used as a value
    walk(ctx.file.script->root(), [&](Node n) {
      std::string_view api = wx_api(n);
      if (api.empty()) return true;
      Use use = use_of(n);
      if (use == Use::value) values.insert(api);
      if (use != Use::none && privacy::contains(privacy::kRequiredPrivateInfos, api))
        uses.push_back({n, api, use});
      return true;
    });
    for (const ApiUse& u : uses) {
      if (declared.count(std::string(u.api))) continue;
      if (u.use == Use::value && values.size() >= kWrapperApis) continue;
      if (in_fallback(u.node, declared)) continue;
      ctx.report(u.node.range(), message(u.api, u.use));
    }
  }

  void check_project(ProjectContext& ctx) const override {
    const JsonValue* app = ctx.project.app();
    if (app && ctx.project.app_json()->doc.tree->root().has_error()) return;
    const JsonValue* permission = app ? app->get("permission") : nullptr;
    if (!permission || !permission->is_object()) return;
    for (const auto& [scope, entry] : permission->members) {
      if (!privacy::contains(privacy::kScopesNeedingDesc, scope) || !entry.is_object()) continue;
      const JsonValue* desc = entry.get("desc");
      if (!desc)
        ctx.report_json(*ctx.project.app_json(), entry.key_range,
                        "`permission[\"" + scope + "\"]` has no `desc`" + kDescHint);
      else if (desc->is_string() && blank(desc->string))
        ctx.report_json(*ctx.project.app_json(), desc->range,
                        "`permission[\"" + scope + "\"].desc` is empty" + kDescHint);
    }
  }

 private:
  // What app.json and ext.json declare; false when app.json is missing or unreadable (a
  // component library, or a package this rule cannot judge).
  static bool declared_apis(const Project& project, std::set<std::string>* out) {
    const JsonValue* app = project.app();
    if (!app || project.app_json()->doc.tree->root().has_error()) return false;
    const JsonFile* ext = project.json("ext.json");
    const JsonValue* ext_root = ext && ext->doc.has_root ? &ext->doc.root : nullptr;
    return add_declared(app, out) && add_declared(ext_root, out);
  }

  static bool blank(const std::string& s) {
    return s.find_first_not_of(" \t\r\n") == std::string::npos;
  }
};

}  // namespace

std::unique_ptr<Rule> make_privacy_api_undeclared() {
  return std::make_unique<PrivacyApiUndeclared>();
}

}  // namespace mplint::rules
