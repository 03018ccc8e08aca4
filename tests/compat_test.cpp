// The base-library tables (spot-checked against the typings and the official documentation),
// version arithmetic, the user share, and the feature-use facts with their guards.
#include <doctest/doctest.h>

#include "analyzer/features.h"
#include "analyzer/rule.h"
#include "analyzer/syntax_tree.h"
#include "analyzer/wxml.h"
#include "rules/compat/tables/compat_data.h"

using namespace mplint;
using namespace mplint::compat;

namespace {

std::string since_of(std::string_view name) {
  const ApiRow* r = api_row(name);
  return r ? r->since : "<absent>";
}

std::string component_since(std::string_view c, std::string_view a = "", std::string_view v = "") {
  const ComponentRow* r = component_row(c, a, v);
  return r ? r->since : "<absent>";
}

ScriptFeatures features_of(const std::string& code) {
  SourceText source("a.js", code);
  auto tree = SyntaxTree::parse(Grammar::javascript, code);
  return extract_script_features(*tree, source);
}

// The uses of `name` (and option) in `code`, each as "guarded" or "open" by api_guarded.
std::vector<std::string> guard_states(const std::string& code, const std::string& name,
                                      const std::string& option = "") {
  std::vector<std::string> out;
  for (const ApiUse& use : features_of(code).uses) {
    if (use.name != name || use.option != option) continue;
    ApiNeed need = api_need(use);
    REQUIRE_MESSAGE(need.row, "no row for " << name);
    out.push_back(api_guarded(use, need, need.row->since) ? "guarded" : "open");
  }
  return out;
}

using States = std::vector<std::string>;

}  // namespace

TEST_CASE("compat tables: the sample rows of typings-extraction.md") {
  CHECK(since_of("wx.batchGetStorageSync") == "2.25.0");
  CHECK(since_of("wx.base64ToArrayBuffer") == "1.1.0");
  CHECK(std::string(api_row("wx.base64ToArrayBuffer")->deprecated) == "2.4.0");
  CHECK(since_of("wx.getAccountInfoSync") == "2.2.2");
  CHECK(since_of("wx.getAppAuthorizeSetting") == "2.20.1");
  const ApiRow* system = api_row("wx.getSystemInfoSync");
  REQUIRE(system);
  CHECK(std::string(system->since).empty());
  CHECK(std::string(system->deprecated) == "2.20.1");
  CHECK(std::string(system->replacements) ==
        "wx.getSystemSetting,wx.getAppAuthorizeSetting,wx.getDeviceInfo,wx.getWindowInfo,"
        "wx.getAppBaseInfo");
  CHECK(since_of("wx.getWindowInfo") == "2.20.1");
  CHECK(since_of("wx.request") == "<absent>");  // no banner: never reported
  CHECK(since_of("wx.createUDPSocket(type)") == "2.18.0");
  CHECK(since_of("wx.addFileToFavorites") == "2.16.1");
  CHECK(std::string(api_row("wx.chooseImage")->replacements) == "wx.chooseMedia");
  CHECK(std::string(api_row("wx.chooseImage")->deprecated) == "2.21.0");
  CHECK(since_of("wx.getFuzzyLocation") == "2.25.0");
  CHECK(since_of("wx.getPrivacySetting") == "2.32.3");
  CHECK(since_of("wx.getUserProfile") == "2.10.4");
  CHECK(std::string(api_row("wx.getUserProfile")->deprecated).empty());  // only @warning
  CHECK(std::string(api_row("wx.reportMonitor")->replacements) == "wx.reportEvent");
  CHECK(since_of("wx.router") == "2.29.2");
  CHECK(std::string(api_row("MapContext.translateMarker")->deprecated) == "3.11.2");
  CHECK(std::string(api_row("MapContext.translateMarker")->replacements) == "MapContext.moveAlong");
  CHECK(since_of("CameraContext.setZoom") == "2.10.0");
  CHECK(since_of("CacheManager") == "2.24.0");
  CHECK(since_of("AudioBuffer") == "2.19.0");
  CHECK(since_of("AddPhoneCalendarOption.path") == "3.7.6");
  CHECK(since_of("GetLocationOption.isHighAccuracy") == "2.9.0");
  CHECK(since_of("RequestOption.enableHttpDNSFallback") == "3.16.2");
  CHECK(since_of("DeviceInfo.memorySize") == "2.30.0");
}

TEST_CASE("compat tables: aggregate counts match the typings") {
  int functions = 0, methods = 0, fields = 0, deprecated = 0;
  for (size_t i = 0; i < kApiRowsCount; ++i) {
    std::string_view kind = kApiRows[i].kind;
    bool versioned = *kApiRows[i].since;
    functions += kind == "function" && versioned;
    methods += kind == "method" && versioned;
    fields += kind == "field" && versioned;
    deprecated += *kApiRows[i].deprecated != 0;
  }
  CHECK(functions == 419);  // distinct wx.* names with 需要基础库
  CHECK(methods == 381);    // 383 blocks, two of them overloads
  CHECK(fields == 310);
  CHECK(deprecated == 76);  // 78 tags; the three drawImage overloads share a row
  for (size_t i = 1; i < kApiRowsCount; ++i)
    CHECK(std::string_view(kApiRows[i - 1].name) < std::string_view(kApiRows[i].name));
}

TEST_CASE("compat tables: links from wx functions to their option and result interfaces") {
  REQUIRE(api_link("wx.request"));
  CHECK(std::string(api_link("wx.request")->option) == "RequestOption");
  CHECK(std::string(api_link("wx.createMapContext")->returns) == "MapContext");
  CHECK(std::string(api_link("wx.getLocation")->option) == "GetLocationOption");
  CHECK(std::string(api_link("wx.getFileSystemManager")->returns) == "FileSystemManager");
  CHECK(std::string(api_link("wx.createCameraContext")->returns) == "CameraContext");
}

TEST_CASE("compat tables: components, attributes and values from the component docs") {
  CHECK(component_since("page-container") == "2.16.0");
  CHECK(component_since("root-portal") == "2.25.2");
  CHECK(component_since("match-media") == "2.11.1");
  CHECK(component_since("button", "open-type", "chooseAvatar") == "2.21.2");
  CHECK(component_since("button", "open-type", "agreePrivacyAuthorization") == "2.32.3");
  CHECK(component_since("button", "bindchooseavatar") == "2.21.2");
  CHECK(component_since("scroll-view", "enhanced") == "2.12.0");
  CHECK(component_since("cover-image", "referrer-policy") == "2.13.0");
  CHECK(component_since("view") == "1.0.0");
  CHECK(component_since("my-card") == "<absent>");
  int components = 0;
  for (size_t i = 0; i < kComponentRowsCount; ++i) components += !*kComponentRows[i].attribute;
  CHECK(components == 82);
}

TEST_CASE("compat tables: config keys, with harmless keys marked") {
  auto row = [](std::string_view scope, std::string_view key, std::string_view value = "") {
    for (size_t i = 0; i < kConfigRowsCount; ++i)
      if (kConfigRows[i].scope == scope && kConfigRows[i].key == key &&
          kConfigRows[i].value == value)
        return &kConfigRows[i];
    return static_cast<const ConfigRow*>(nullptr);
  };
  REQUIRE(row("app", "darkmode"));
  CHECK(std::string(row("app", "darkmode")->since) == "2.11.0");
  CHECK(std::string(row("app", "lazyCodeLoading")->harmless).size() > 10);
  CHECK(std::string(row("app", "renderer")->harmless).empty());
  CHECK(std::string(row("window", "pageOrientation", "landscape")->since) == "2.5.0");
  CHECK(std::string(row("page", "rendererOptions")->since) == "3.1.0");
  CHECK(std::string(row("app", "rendererOptions")->since) == "2.31.1");
  CHECK(row("app", "entranceDeclare") == nullptr);  // a client version only
}

TEST_CASE("compat: versions compare numerically") {
  CHECK(compare_versions("2.9.0", "2.10.0") < 0);
  CHECK(compare_versions("2.10.0", "2.9.0") > 0);
  CHECK(compare_versions("2.10.4", "2.10.4") == 0);
  CHECK(compare_versions("3.0", "3.0.0") == 0);
  CHECK(compare_versions("10.0.0", "9.99.99") > 0);
}

TEST_CASE("compat: share of users below a version") {
  CHECK(share_below("0.0.1").mean() == 0);
  Share below3 = share_below("3.0.0");
  CHECK(below3.android > 0.9);  // typings-extraction.md: 0.99 % Android, 1.27 % iOS
  CHECK(below3.android < 1.1);
  CHECK(below3.ios > 1.1);
  CHECK(below3.ios < 1.4);
  CHECK(share_below("3.12.0").mean() > share_below("3.0.0").mean());
  CHECK(share_below("99.0.0").mean() > 99);
  CHECK(share_phrase("1.0.0") == "under 0.1% of users run below 1.0.0");
  CHECK(share_phrase("3.0.0") == "about 1.1% of users run below 3.0.0");
  CHECK(share_phrase("3.12.0").find("about ") == 0);
}

TEST_CASE("compat: event attribute names in table form") {
  CHECK(table_attribute_name("bind:chooseavatar") == "bindchooseavatar");
  CHECK(table_attribute_name("catchtap") == "bindtap");
  CHECK(table_attribute_name("capture-bind:touchstart") == "bindtouchstart");
  CHECK(table_attribute_name("open-type") == "open-type");
}

TEST_CASE("features: guards of API uses") {
  CHECK(guard_states("wx.getWindowInfo()", "wx.getWindowInfo") == States{"open"});
  CHECK(guard_states("if (wx.getWindowInfo) wx.getWindowInfo()", "wx.getWindowInfo") ==
        States{"guarded"});
  CHECK(guard_states("if (!wx.getWindowInfo) { return } else { wx.getWindowInfo() }",
                     "wx.getWindowInfo") == States{"guarded"});
  CHECK(guard_states("function f() { if (!wx.getWindowInfo) return; wx.getWindowInfo() }",
                     "wx.getWindowInfo") == States{"guarded"});
  CHECK(guard_states("function f() { if (!wx.getWindowInfo) log(); wx.getWindowInfo() }",
                     "wx.getWindowInfo") == States{"open"});
  CHECK(guard_states("if (wx.getWindowInfo) {} wx.getWindowInfo()", "wx.getWindowInfo") ==
        States{"open"});
  CHECK(guard_states("if (typeof wx.getWindowInfo == 'undefined') return; wx.getWindowInfo()",
                     "wx.getWindowInfo") == States{"guarded"});
  CHECK(guard_states("wx.canIUse('getWindowInfo') && wx.getWindowInfo()", "wx.getWindowInfo") ==
        States{"guarded"});
  CHECK(guard_states("!wx.getWindowInfo || wx.getWindowInfo()", "wx.getWindowInfo") ==
        States{"guarded"});
  CHECK(guard_states("const ok = typeof wx.getWindowInfo === 'function'\n"
                     "if (ok) wx.getWindowInfo()",
                     "wx.getWindowInfo") == States{"guarded"});
  CHECK(guard_states("this.hasInfo = !!wx.getWindowInfo\nif (this.hasInfo) wx.getWindowInfo()",
                     "wx.getWindowInfo") == States{"guarded"});
  // A guard for an older API guards nothing here; one for an API as new proves the version.
  CHECK(guard_states("if (wx.getUserProfile) wx.getWindowInfo()", "wx.getWindowInfo") ==
        States{"open"});
  CHECK(guard_states("if (wx.canIUse('getUserProfile')) wx.getWindowInfo()", "wx.getWindowInfo") ==
        States{"open"});
  CHECK(guard_states("if (wx.getDeviceInfo) wx.getWindowInfo()", "wx.getWindowInfo") ==
        States{"guarded"});
  CHECK(guard_states("function b() { if (!wx.worklet) return; wx.router.addRouteBuilder('x', {}) }",
                     "wx.router") == States{"guarded"});
  // Version comparisons cover what they name, not more.
  CHECK(guard_states("if (compareVersion(SDKVersion, '2.20.1') >= 0) wx.getWindowInfo()",
                     "wx.getWindowInfo") == States{"guarded"});
  CHECK(guard_states("if (compareVersion(SDKVersion, '2.10.0') >= 0) wx.getWindowInfo()",
                     "wx.getWindowInfo") == States{"open"});
  // ... and only in the direction that means "new enough".
  CHECK(guard_states("if (compareVersion(SDKVersion, '2.20.1') < 0) { wx.getWindowInfo() }",
                     "wx.getWindowInfo") == States{"open"});
  CHECK(guard_states("if (compareVersion(v, '2.20.1') >= 0) {} else { wx.getWindowInfo() }",
                     "wx.getWindowInfo") == States{"open"});
  CHECK(guard_states(
            "function f() { if (compareVersion(v, '2.20.1') < 0) return; wx.getWindowInfo() }",
            "wx.getWindowInfo") == States{"guarded"});
  CHECK(guard_states("if (compareVersion(v, '2.20.1') === -1) {} else { wx.getWindowInfo() }",
                     "wx.getWindowInfo") == States{"guarded"});
  CHECK(guard_states("if (res.appVersion !== '3.0.0') { wx.getWindowInfo() }",
                     "wx.getWindowInfo") == States{"open"});
  CHECK(guard_states("if (SDKVersion >= '2.20.1') wx.getWindowInfo()", "wx.getWindowInfo") ==
        States{"guarded"});
  CHECK(guard_states("if (gte(SDKVersion, '2.20.1')) wx.getWindowInfo()", "wx.getWindowInfo") ==
        States{"guarded"});
}

TEST_CASE("features: more guard forms real code uses") {
  CHECK(guard_states("wx.router?.getRouteContext(this)", "wx.router") == States{"guarded"});
  CHECK(guard_states("if ('getUserProfile' in wx) wx.getUserProfile({})", "wx.getUserProfile") ==
        States{"guarded"});
  CHECK(guard_states("if (init(), typeof wx.onAppShow == 'function') wx.onAppShow(f)",
                     "wx.onAppShow") == States{"guarded"});
  CHECK(guard_states("void 0 !== wx.onAppHide && wx.onAppHide(f)", "wx.onAppHide") ==
        States{"guarded"});
  CHECK(
      guard_states("function g() { if (!wx.getUserProfile) { if (x) { return } else { return } }\n"
                   "wx.getUserProfile({}) }",
                   "wx.getUserProfile") == States{"guarded"});
  CHECK(guard_states("if (wx.canIUse('wx.getUserProfile()')) wx.getUserProfile({})",
                     "wx.getUserProfile") == States{"guarded"});
  CHECK(guard_states("function canIUseNextTick() { return wx.canIUse('nextTick') }\n"
                     "if (canIUseNextTick()) wx.nextTick(cb)",
                     "wx.nextTick") == States{"guarded"});
  CHECK(guard_states("const ok = () => !!wx.getWindowInfo\nif (ok()) wx.getWindowInfo()",
                     "wx.getWindowInfo") == States{"guarded"});
  // Helpers and flags from other files: their name says what they are.
  CHECK(guard_states("const { canIUseGetUserProfile } = this.data\n"
                     "if (canIUseGetUserProfile) wx.getUserProfile({})",
                     "wx.getUserProfile") == States{"guarded"});
  CHECK(guard_states("if (version.canIUseNextTick()) wx.nextTick(cb)", "wx.nextTick") ==
        States{"guarded"});
  CHECK(guard_states("if (ready) wx.nextTick(cb)", "wx.nextTick") == States{"open"});
  // A test of an old API does not cover its new options.
  CHECK(guard_states("if (wx.openSetting) wx.openSetting({ withSubscriptions: true })",
                     "wx.openSetting", "withSubscriptions") == States{"open"});
  CHECK(guard_states("if (wx.canIUse('openSetting')) wx.openSetting({ withSubscriptions: true })",
                     "wx.openSetting", "withSubscriptions") == States{"open"});
  CHECK(guard_states("if (wx.canIUse('openSetting.object.withSubscriptions'))\n"
                     "  wx.openSetting({ withSubscriptions: true })",
                     "wx.openSetting", "withSubscriptions") == States{"guarded"});
  CHECK(guard_states("const c = wx.createCameraContext(); c.takePhoto({ selfieMirror: false })",
                     "wx.createCameraContext().takePhoto", "selfieMirror") == States{"open"});
  CHECK(guard_states("const t = wx.request({ url }); t.onChunkReceived(f)",
                     "wx.request().onChunkReceived") == States{"open"});
  // Chains through what each step returns (SelectorQuery.select → NodesRef).
  CHECK(guard_states("wx.createSelectorQuery().select('#c').node(f).exec()",
                     "wx.createSelectorQuery().select().node") == States{"open"});
  CHECK(guard_states("const q = wx.createSelectorQuery().select('#c'); q.node(f)",
                     "wx.createSelectorQuery().select().node") == States{"open"});
  CHECK(guard_states("wx['getUserProfile']({ desc: 'x' })", "wx.getUserProfile") == States{"open"});
  CHECK(guard_states("if (wx.canIUse('getSetting.success.subscriptionsSetting'))\n"
                     "  wx.getSetting({ withSubscriptions: true })",
                     "wx.getSetting", "withSubscriptions") == States{"guarded"});
}

TEST_CASE("features: flags set inside a guard, methods, bare property reads") {
  ScriptFeatures f = features_of(
      "Page({ onLoad() { if (wx.getUserProfile) this.setData({ canProfile: true })\n"
      "  this.setData({ sdkOk: compareVersion(SDKVersion, '2.16.0') >= 0, plain: true }) },\n"
      "  onProfile() { wx.getUserProfile({ desc: 'x', success() { wx.getWindowInfo() } }) } })\n"
      "const { shared } = wx.worklet");
  CHECK(f.feature_keys.count("canProfile"));
  CHECK(f.feature_keys["sdkOk"] == std::vector<std::string>{"version:2.16.0"});
  CHECK(!f.feature_keys.count("plain"));
  std::map<std::string, std::string> in;
  for (const ApiUse& u : f.uses)
    if (u.option.empty()) in[u.name] = u.function;
  CHECK(in["wx.getUserProfile"] == "onProfile");
  CHECK(in["wx.getWindowInfo"] == "onProfile");  // a callback keeps its method
  CHECK(in.count("wx.worklet"));
}

TEST_CASE("features: methods and options") {
  CHECK(guard_states("const m = wx.createMapContext('m'); m.moveAlong({})",
                     "wx.createMapContext().moveAlong") == States{"open"});
  CHECK(guard_states("this.map = wx.createMapContext('m'); this.map.moveAlong({})",
                     "wx.createMapContext().moveAlong") == States{"open"});
  CHECK(guard_states("const m = wx.createMapContext('m'); if (m.moveAlong) m.moveAlong({})",
                     "wx.createMapContext().moveAlong") == States{"guarded"});
  // The same name bound to two creators is not followed.
  ScriptFeatures twice =
      features_of("let c = wx.createMapContext('m'); c = wx.createCameraContext(); c.setZoom({})");
  for (const ApiUse& u : twice.uses) CHECK(u.name.find("().") == std::string::npos);
  CHECK(guard_states("wx.request({ url, enableHttp2: true })", "wx.request", "enableHttp2") ==
        States{"open"});
  CHECK(guard_states("if (wx.canIUse('request.object.enableHttp2')) wx.request({ enableHttp2 })",
                     "wx.request", "enableHttp2") == States{"guarded"});
  ScriptFeatures keys = features_of("Page({ data: { canX: wx.canIUse('button.open-type.x') } })");
  REQUIRE(keys.feature_keys.count("canX"));
  CHECK(keys.feature_keys["canX"] == std::vector<std::string>{"canIUse:button.open-type.x"});
}

TEST_CASE("features: elements carry their wx:if conditions") {
  std::string text =
      "<block wx:if=\"{{canIUse}}\"><view><button open-type=\"x\" data-a=\"{{b}}\"/></view>"
      "</block><button wx:else/>";
  SourceText source("a.wxml", text);
  WxmlDocument doc = parse_wxml(text);
  std::vector<ElementUse> elements = extract_elements(doc, source);
  REQUIRE(elements.size() == 4);
  CHECK(elements[2].tag == "button");
  CHECK(elements[2].conditions == std::vector<std::string>{"{{canIUse}}"});
  CHECK(elements[2].attributes[0].value == "x");
  CHECK(elements[2].attributes[1].dynamic);
  // A wx:else after a passed test is where it failed: no guard.
  CHECK(elements[3].conditions.empty());
  // After a negated test it is where the test passed.
  std::string negated = "<button wx:if=\"{{!canX}}\"/><button wx:elif=\"{{a}}\"/><button wx:else/>";
  SourceText negated_source("b.wxml", negated);
  WxmlDocument negated_doc = parse_wxml(negated);
  std::vector<ElementUse> chain = extract_elements(negated_doc, negated_source);
  REQUIRE(chain.size() == 3);
  CHECK(chain[1].conditions == std::vector<std::string>{"{{a}}", "{{!canX}}"});
  CHECK(chain[2].conditions == std::vector<std::string>{"{{!canX}}"});
}

TEST_CASE("compat: the docs name the share data the binary carries") {
  std::string doc(rule_doc("compat/api-min-version"));
  CHECK_MESSAGE(doc.find(kShareSource) != std::string::npos,
                "rules/compat/api-min-version.md must name " << kShareSource);
  CHECK_MESSAGE(doc.find(std::string("data of ") + kShareDate) != std::string::npos,
                "rules/compat/api-min-version.md must give the data date " << kShareDate);
}
