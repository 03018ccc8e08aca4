// compat/deprecated-api: a `wx` API (or a method of an object one returns) that the typings
// mark @deprecated, whatever the target, with the replacement and the version it needs.
#include <sstream>

#include "rules/compat/compat_rule.h"

namespace mplint::rules {
namespace {

using compat::ApiNeed;
using compat::ApiRow;

std::vector<std::string> split_commas(std::string_view s) {
  std::vector<std::string> out;
  std::stringstream in{std::string(s)};
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

bool contains(const std::vector<std::string>& list, std::string_view item) {
  for (const std::string& x : list)
    if (x == item) return true;
  return false;
}

// "use wx.getWindowInfo or wx.getDeviceInfo (base library 2.20.1)".
std::string replacement_phrase(const std::vector<std::string>& names) {
  if (names.empty()) return "the documentation names no replacement";
  std::vector<std::string> versions;
  for (const std::string& n : names) {
    const ApiRow* r = compat::api_row(n);
    versions.push_back(r ? r->since : "");
  }
  bool same = std::all_of(versions.begin(), versions.end(),
                          [&](const std::string& v) { return v == versions.front(); });
  std::string out = "use ";
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    // A bare interface (`Canvas`, `RenderingContext`) is an object, not a function.
    bool iface = names[i].find('.') == std::string::npos;
    out += iface ? "the " + names[i] + " interface" : names[i];
    if (!same && !versions[i].empty()) out += " (" + versions[i] + ")";
  }
  if (same && !versions.front().empty()) out += " (base library " + versions.front() + ")";
  return out;
}

class DeprecatedApi : public Rule {
 public:
  RuleInfo info() const override {
    return {"compat/deprecated-api", Severity::warning,
            "An API the official typings mark @deprecated, with its replacement.", "very-high"};
  }

  void check_project(ProjectContext& ctx) const override {
    for (const auto& [path, facts] : ctx.facts)
      for (const ApiUse& use : facts.features.uses)
        if (use.option.empty()) check_use(ctx, path, use);
  }

 private:
  static void check_use(ProjectContext& ctx, const std::string& path, const ApiUse& use) {
    ApiNeed need = compat::api_need(use);
    if (!need.row || !*need.row->deprecated) return;
    std::string_view api = std::string_view(use.name).substr(0, use.name.find("()."));
    if (!need.iface.empty()) {
      // `wx.createCanvasContext` is reported; each call on its context would only repeat it.
      const ApiRow* creator = compat::api_row(api);
      const ApiRow* iface = compat::api_row(need.iface);
      if ((creator && *creator->deprecated) || (iface && *iface->deprecated)) return;
    }
    std::vector<std::string> replacements = split_commas(need.row->replacements);
    std::string message = "`" + need.shown + "` is deprecated since base library " +
                          need.row->deprecated + "; " + replacement_phrase(replacements);
    // WeChat's audit counts every call, fallbacks too; the message says when one can go.
    if (is_fallback(use, replacements))
      message += fallback_phrase(compat::target_of(ctx.project), replacements);
    ctx.report_with(path, use.at, std::move(message),
                    {{"deprecatedSince", need.row->deprecated}, {"feature", need.shown}});
  }

  // For a fallback: whether the target already has the replacement.
  static std::string fallback_phrase(const compat::Target& target,
                                     const std::vector<std::string>& replacements) {
    std::string newest;
    for (const std::string& r : replacements)
      if (const ApiRow* row = compat::api_row(r);
          row && *row->since && (newest.empty() || compare_versions(row->since, newest) > 0))
        newest = row->since;
    if (newest.empty()) return " (here it is the fallback of a feature test)";
    if (!target.version.empty() && compare_versions(target.version, newest) >= 0)
      return " (this fallback is dead code: your target " + target.version +
             " has the replacement)";
    return " (here it is the fallback for base libraries below " + newest +
           "; drop it once your target reaches " + newest + ")";
  }

  // `if (wx.getWindowInfo) {…} else { wx.getSystemInfoSync() }`: the deprecated API serves
  // the base libraries that lack its replacement (still reported, with that said).
  static bool is_fallback(const ApiUse& use, const std::vector<std::string>& replacements) {
    for (const std::string& r : replacements) {
      if (contains(use.guards.absent, r)) return true;
      if (r.rfind("wx.", 0) == 0 && contains(use.guards.absent, "canIUse:" + r.substr(3)))
        return true;
      // `if (compareVersion(SDKVersion, '2.20.1') >= 0) {…} else { wx.getSystemInfoSync() }`
      const ApiRow* row = compat::api_row(r);
      for (const std::string& a : use.guards.absent)
        if (row && *row->since && a.rfind("version:", 0) == 0 &&
            compare_versions(row->since, std::string_view(a).substr(8)) >= 0)
          return true;
    }
    return false;
  }
};

}  // namespace

std::unique_ptr<Rule> make_deprecated_api() { return std::make_unique<DeprecatedApi>(); }

}  // namespace mplint::rules
