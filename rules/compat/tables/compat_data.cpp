#include "rules/compat/tables/compat_data.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <tuple>

#include "analyzer/config.h"

namespace mplint::compat {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// The first '.'-separated segment of a canIUse argument ("getUserProfile.success.x").
std::string_view first_segment(std::string_view s) { return s.substr(0, s.find('.')); }

bool is_identifier_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}

// Whether `text` mentions `name` as a whole identifier.
bool mentions_name(std::string_view text, std::string_view name) {
  for (size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1)) {
    bool before = at > 0 && (is_identifier_char(text[at - 1]) || text[at - 1] == '.');
    bool after = at + name.size() < text.size() && is_identifier_char(text[at + name.size()]);
    if (!before && !after) return true;
  }
  return false;
}

}  // namespace

const ApiRow* api_row(std::string_view name) {
  const ApiRow* end = kApiRows + kApiRowsCount;
  const ApiRow* it = std::lower_bound(
      kApiRows, end, name, [](const ApiRow& r, std::string_view n) { return r.name < n; });
  return it != end && it->name == name ? it : nullptr;
}

const ApiLink* api_link(std::string_view api) {
  const ApiLink* end = kApiLinks + kApiLinksCount;
  const ApiLink* it = std::lower_bound(
      kApiLinks, end, api, [](const ApiLink& r, std::string_view n) { return r.api < n; });
  return it != end && it->api == api ? it : nullptr;
}

const ComponentRow* component_row(std::string_view component, std::string_view attribute,
                                  std::string_view value) {
  auto key = [](const ComponentRow& r) {
    return std::make_tuple(std::string_view(r.component), std::string_view(r.attribute),
                           std::string_view(r.value));
  };
  auto wanted = std::make_tuple(component, attribute, value);
  const ComponentRow* end = kComponentRows + kComponentRowsCount;
  const ComponentRow* it =
      std::lower_bound(kComponentRows, end, wanted,
                       [&](const ComponentRow& r, const auto& w) { return key(r) < w; });
  return it != end && key(*it) == wanted ? it : nullptr;
}

std::vector<std::string_view> attributes_of(std::string_view component) {
  const ComponentRow* end = kComponentRows + kComponentRowsCount;
  const ComponentRow* it = std::lower_bound(
      kComponentRows, end, component,
      [](const ComponentRow& r, std::string_view c) { return std::string_view(r.component) < c; });
  std::vector<std::string_view> out;
  for (; it != end && it->component == component; ++it)
    if (*it->attribute && !*it->value) out.push_back(it->attribute);
  return out;
}

std::vector<std::string_view> components_with(std::string_view attribute) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < kComponentRowsCount; ++i) {
    const ComponentRow& r = kComponentRows[i];
    if (r.attribute == attribute && !*r.value && std::string_view(r.component) != "*")
      out.push_back(r.component);
  }
  return out;
}

Share share_below(std::string_view version) {
  Share s;
  for (size_t i = 0; i < kShareRowsCount; ++i) {
    if (compare_versions(kShareRows[i].version, version) >= 0) break;
    s.android += kShareRows[i].android;
    s.ios += kShareRows[i].ios;
  }
  return s;
}

std::string share_phrase(std::string_view version) {
  double share = share_below(version).mean();
  char number[32];
  if (share < 0.05) return "under 0.1% of users run below " + std::string(version);
  if (share < 10)
    std::snprintf(number, sizeof number, "%.1f", share);
  else
    std::snprintf(number, sizeof number, "%.0f", share);
  return "about " + std::string(number) + "% of users run below " + std::string(version);
}

std::string lib_version_in(const std::string& json_text) {
  nlohmann::json doc = nlohmann::json::parse(json_text, nullptr, false);
  int parts[3];
  if (!doc.is_object() || !doc.contains("libVersion") || !doc["libVersion"].is_string()) return "";
  std::string v = doc["libVersion"].get<std::string>();
  return parse_version(v, parts) ? v : "";
}

Target lib_version_target(const FileSystem& fs, const std::string& project_dir) {
  // DevTools lets project.private.config.json override project.config.json.
  for (const char* name : {"project.private.config.json", "project.config.json"}) {
    std::string text, error;
    if (!fs.read(project_dir + "/" + name, &text, &error)) continue;
    std::string version = lib_version_in(text);
    if (!version.empty()) return {version, std::string(name) + " libVersion"};
  }
  return {};
}

Target target_of(const Project& project) {
  if (!project.target_lib().empty()) return {project.target_lib(), "target-lib"};
  return lib_version_target(project.fs(), project.project_dir());
}

ApiNeed api_need(const ApiUse& use) {
  ApiNeed need;
  std::string_view name = use.name;
  size_t call = name.find("().");
  if (call != std::string_view::npos) {
    // "wx.createMapContext().moveAlong": a method of the interface the creator returns;
    // "wx.createSelectorQuery().select().node": each step through what the last returned.
    const ApiLink* link = api_link(name.substr(0, call));
    if (!link || !*link->returns) return need;
    need.iface = link->returns;
    std::string_view rest = name.substr(call + 3);
    for (size_t next; (next = rest.find("().")) != std::string_view::npos;
         rest = rest.substr(next + 3)) {
      const ApiLink* step = api_link(need.iface + "." + std::string(rest.substr(0, next)));
      if (!step || !*step->returns) return need;
      need.iface = step->returns;
    }
    need.shown = need.iface + "." + std::string(rest);
    need.method = need.shown;
    if (!use.option.empty()) {
      // `ctx.takePhoto({ selfieMirror })`: an option of the method.
      const ApiLink* method = api_link(need.shown);
      if (!method || !*method->option) return need;
      need.shown = std::string(method->option) + "." + use.option;
    }
  } else if (!use.option.empty()) {
    const ApiLink* link = api_link(name);
    if (!link || !*link->option) return need;
    need.shown = std::string(link->option) + "." + use.option;
  } else {
    need.shown = use.name;
  }
  need.row = api_row(need.shown);
  return need;
}

namespace {

// The version a passed test proves the base library has: a `wx.X` or canIUse('X…') test
// proves at least X's own version (`if (!wx.worklet) return` covers `wx.router`, both 2.29.2).
std::string proven_version(std::string_view test) {
  std::string api;
  if (starts_with(test, "wx."))
    api = std::string(test);
  else if (starts_with(test, "canIUse:"))
    api = "wx." + std::string(first_segment(test.substr(8)));
  if (api.find("().") != std::string::npos) return "";
  const ApiRow* row = api_row(api);
  return row ? row->since : "";
}

// Whether a canIUse argument tests a part of `api` rather than the API alone:
// "request.object.enableHttp2", "getSetting.success.subscriptionsSetting" (a result field
// that came with the option). `canIUse('request')` says nothing about new options.
bool tests_part_of(std::string_view arg, std::string_view api) {
  return first_segment(arg) == api && arg.find('.') != std::string_view::npos;
}

}  // namespace

bool api_guarded(const ApiUse& use, const ApiNeed& need, std::string_view version) {
  const FeatureGuards& g = use.guards;
  if (!g.version.empty() && compare_versions(g.version, version) >= 0) return true;
  std::string_view api = std::string_view(use.name).substr(0, use.name.find("()."));
  std::string_view bare = starts_with(api, "wx.") ? api.substr(3) : api;
  for (const std::string& test : g.tests) {
    if (test == "canIUse:*") return true;  // a helper or flag named for a test
    std::string proven = proven_version(test);
    if (!proven.empty() && compare_versions(proven, version) >= 0) return true;
    bool canIUse = starts_with(test, "canIUse:");
    std::string_view arg = canIUse ? std::string_view(test).substr(8) : std::string_view();
    if (!use.option.empty()) {
      const std::string& method = need.method;
      if (canIUse &&
          (tests_part_of(arg, bare) || (!method.empty() && starts_with(arg, method + "."))))
        return true;
    } else if (!need.iface.empty()) {
      if (test == use.name) return true;  // `if (ctx.moveAlong)`
      if (canIUse && (arg == need.shown || starts_with(arg, need.shown + "."))) return true;
    } else {
      if (test == use.name || (canIUse && first_segment(arg) == bare)) return true;
    }
  }
  return false;
}

bool element_guarded(const ElementUse& element, const std::vector<const ScriptFeatures*>& pages) {
  for (const std::string& condition : element.conditions) {
    if (condition.find("canIUse") != std::string::npos) return true;
    for (const ScriptFeatures* page : pages) {
      if (!page) continue;
      for (const auto& [key, tests] : page->feature_keys)
        if (mentions_name(condition, key)) return true;
    }
  }
  return false;
}

std::string table_attribute_name(std::string_view a) {
  for (std::string_view prefix :
       {"capture-catch:", "capture-bind:", "mut-bind:", "catch:", "bind:", "catch", "mut-bind"})
    if (starts_with(a, prefix)) return "bind" + std::string(a.substr(prefix.size()));
  return std::string(a);
}

}  // namespace mplint::compat
