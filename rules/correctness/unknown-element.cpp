// correctness/unknown-element: a WXML tag that is neither built-in nor a declared component.
#include <algorithm>
#include <map>
#include <set>

#include "analyzer/rule.h"
#include "analyzer/spelling.h"

namespace mplint::rules {
namespace {

// Built-in components (shared/compat/components.yml) and WXML syntax tags.
// clang-format off
const std::set<std::string_view> kBuiltin = {
    "ad", "ad-custom", "audio", "block", "button", "camera", "canvas", "channel-live",
    "channel-video", "checkbox", "checkbox-group", "cover-image", "cover-view",
    "double-tap-gesture-handler", "draggable-sheet", "editor", "editor-portal",
    "force-press-gesture-handler", "form", "functional-page-navigator", "grid-builder", "grid-view",
    "horizontal-drag-gesture-handler", "icon", "image", "import", "include", "input",
    "keyboard-accessory", "label", "list-builder", "list-view", "live-player", "live-pusher",
    "long-press-gesture-handler", "map", "match-media", "movable-area", "movable-view",
    "navigation-bar", "navigator", "nested-scroll-body", "nested-scroll-header", "official-account",
    "official-account-publish", "open-container", "open-data", "open-data-item", "open-data-list",
    "page-container", "page-meta", "pan-gesture-handler", "picker", "picker-view",
    "picker-view-column", "progress", "radio", "radio-group", "rich-text", "root-portal",
    "scale-gesture-handler", "scroll-view", "selection", "share-element", "slider", "slot",
    "snapshot", "span", "sticky-header", "sticky-section", "store-coupon", "store-gift",
    "store-home", "store-product", "swiper", "swiper-item", "switch", "tap-gesture-handler",
    "template", "text", "textarea", "vertical-drag-gesture-handler", "video", "view", "voip-room",
    "web-view", "wxs", "xr-frame"
};
// clang-format on

// Built-ins the runtime still registers but the documentation has retired, with what
// replaced them.
const std::map<std::string_view, std::string_view> kDeprecated = {
    {"action-sheet", "`wx.showActionSheet()`"},
    {"action-sheet-cancel", "`wx.showActionSheet()`"},
    {"action-sheet-item", "`wx.showActionSheet()`"},
    {"contact-button", "`<button open-type=\"contact\">`"},
    {"loading", "`wx.showLoading()`"},
    {"modal", "`wx.showModal()`"},
    {"toast", "`wx.showToast()`"},
};

// HTML tags people write out of habit, and the WXML component to use instead.
// clang-format off
const std::map<std::string_view, std::string_view> kHtml = {
    {"a", "`<navigator>`"}, {"img", "`<image>`"}, {"iframe", "`<web-view>`"},
    {"select", "`<picker>`"}, {"option", "`<picker>`"}, {"br", "a line break inside `<text>`"},
    {"p", "`<view>` or `<text>`"}, {"li", "`<view>` or `<text>`"}, {"h1", "`<view>` or `<text>`"},
    {"h2", "`<view>` or `<text>`"}, {"h3", "`<view>` or `<text>`"}, {"h4", "`<view>` or `<text>`"},
    {"h5", "`<view>` or `<text>`"}, {"h6", "`<view>` or `<text>`"}, {"i", "`<text>`"},
    {"b", "`<text>`"}, {"em", "`<text>`"}, {"strong", "`<text>`"}, {"small", "`<text>`"},
    {"u", "`<text>`"}, {"s", "`<text>`"}, {"font", "`<text>`"}, {"code", "`<text>`"},
    {"sub", "`<text>`"}, {"sup", "`<text>`"}, {"div", "`<view>`"}, {"section", "`<view>`"},
    {"article", "`<view>`"}, {"header", "`<view>`"}, {"footer", "`<view>`"}, {"nav", "`<view>`"},
    {"main", "`<view>`"}, {"aside", "`<view>`"}, {"ul", "`<view>`"}, {"ol", "`<view>`"},
    {"dl", "`<view>`"}, {"dt", "`<view>`"}, {"dd", "`<view>`"}, {"table", "`<view>`"},
    {"thead", "`<view>`"}, {"tbody", "`<view>`"}, {"tr", "`<view>`"}, {"td", "`<view>`"},
    {"th", "`<view>`"}, {"hr", "`<view>`"}, {"pre", "`<text>`"}, {"center", "`<view>`"},
    {"body", "`<view>`"}, {"html", "`<view>`"},
};
// clang-format on

class UnknownElement : public Rule {
 public:
  RuleInfo info() const override {
    return {"correctness/unknown-element", Severity::warning,
            "A WXML tag that is neither a built-in component nor declared in usingComponents."};
  }

  void check_file(FileContext& ctx) const override {
    if (ctx.file.kind != FileKind::wxml) return;
    const std::string& path = ctx.file.path;
    std::string json = path.substr(0, path.size() - 5) + ".json";
    std::set<std::string> known;
    for (const auto& [tag, where] : ctx.project.components_for(json))
      known.insert(ascii_lower(tag));
    for (const std::string& g : ctx.project.generics_for(json)) known.insert(ascii_lower(g));
    std::set<std::string> elsewhere;  // declared by some usingComponents of the package
    for (const std::string& tag : ctx.project.all_component_tags())
      elsewhere.insert(ascii_lower(tag));
    if (!declares_components(ctx, json))  // a template, or usingComponents we cannot see
      known.insert(elsewhere.begin(), elsewhere.end());

    for (const WxmlNode& node : ctx.file.wxml.nodes) {
      if (!node.is_element() || node.tag.empty()) continue;
      std::string tag = ascii_lower(node.tag);
      if (kBuiltin.count(tag) || known.count(tag) || tag.rfind("xr-", 0) == 0) continue;
      if (auto d = kDeprecated.find(tag); d != kDeprecated.end()) {
        ctx.report(node.name_range, "<" + node.tag + "> is a deprecated built-in component: use " +
                                        std::string(d->second) + " instead");
        continue;
      }
      if (auto h = kHtml.find(tag); h != kHtml.end()) {
        ctx.report(node.name_range, "HTML tag <" + node.tag + "> is not a WXML component: use " +
                                        std::string(h->second));
        continue;
      }
      std::string where = elsewhere.count(tag) ? " of " + json +
                                                     " or app.json (other "
                                                     "components declare it)"
                                               : "";
      ctx.report(node.name_range, "unknown element <" + node.tag +
                                      ">: not a built-in component and not declared in "
                                      "usingComponents" +
                                      where + suggestion(tag, known));
    }
  }

 private:
  // The tag set is complete only with an app.json and a usingComponents object in `json`.
  static bool declares_components(const FileContext& ctx, const std::string& json) {
    if (!ctx.project.app()) return false;
    const JsonFile* jf = ctx.project.json(json);
    if (!jf || !jf->doc.has_root || !jf->doc.root.is_object()) return false;
    const JsonValue* uc = jf->doc.root.get("usingComponents");
    return uc && uc->is_object();
  }

  static std::string suggestion(const std::string& tag, const std::set<std::string>& known) {
    std::string best;
    size_t best_d = tag.size() <= 4 ? 2 : 3;  // "vew" -> view, but not "foo" -> form
    auto consider = [&](std::string_view name) {
      size_t d = edit_distance(tag, name);
      if (d < best_d && name != "wxs") best_d = d, best = std::string(name);
    };
    for (std::string_view b : kBuiltin) consider(b);
    for (const std::string& k : known) consider(k);
    return best.empty() ? "" : "; did you mean <" + best + ">?";
  }
};

}  // namespace

std::unique_ptr<Rule> make_unknown_element() { return std::make_unique<UnknownElement>(); }

}  // namespace mplint::rules
