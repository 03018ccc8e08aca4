// correctness/string-boolean: a literal "false"/"0" on a boolean attribute (and "true" with
// the option report-true), or a wx:if/wx:elif/hidden value that is a constant string.
#include <map>
#include <set>

#include "analyzer/parsed_file.h"
#include "analyzer/rule.h"

namespace mplint::rules {
namespace {

// Boolean attributes of every element (custom components included).
const std::set<std::string_view> kEveryElement = {"wx:if", "wx:elif", "hidden"};

// Boolean attributes of built-in components (from shared/compat/components.yml + the docs).
// clang-format off
const std::map<std::string_view, std::set<std::string_view>> kBuiltin = {
    {"audio", {"loop", "controls"}},
    {"button", {"plain", "disabled", "loading", "hover-stop-propagation", "show-message-card",
                "phone-number-no-quota-toast", "need-show-entrance"}},
    {"canvas", {"disable-scroll"}},
    {"channel-video", {"autoplay", "loop", "muted"}},
    {"checkbox", {"disabled", "checked"}},
    {"editor", {"read-only", "show-img-size", "show-img-toolbar", "show-img-resize",
                "confirm-hold"}},
    {"form", {"report-submit"}},
    {"image", {"show-menu-by-longpress", "fade-in", "webp", "lazy-load"}},
    {"input", {"password", "disabled", "auto-focus", "focus", "confirm-hold", "always-embed",
               "adjust-position", "hold-keyboard"}},
    {"live-player", {"autoplay", "muted", "background-mute", "auto-pause-if-navigate",
                     "auto-pause-if-open-native", "enable-auto-rotation", "enable-casting",
                     "mute-on-audio-conflict"}},
    {"live-pusher", {"autopush", "muted", "enable-camera", "auto-focus", "background-mute",
                     "mirror", "remote-mirror", "enable-mic", "enable-agc", "enable-ans",
                     "mute-on-audio-conflict"}},
    {"map", {"show-location", "enable-3D", "show-compass", "show-scale", "enable-overlooking",
             "enable-auto-max-overlooking", "enable-zoom", "enable-scroll", "enable-rotate",
             "enable-satellite", "enable-traffic", "enable-poi", "enable-building"}},
    {"movable-area", {"scale-area"}},
    {"movable-view", {"inertia", "out-of-bounds", "disabled", "scale", "animation"}},
    {"navigation-bar", {"loading"}},
    {"navigator", {"hover-stop-propagation"}},
    {"page-container", {"show", "overlay", "round", "close-on-slide-down"}},
    {"picker", {"disabled"}},
    {"picker-view", {"immediate-change"}},
    {"progress", {"show-info", "active"}},
    {"radio", {"checked", "disabled"}},
    {"rich-text", {"user-select"}},
    {"root-portal", {"enable"}},
    {"scroll-view", {"scroll-x", "scroll-y", "scroll-with-animation", "enable-back-to-top",
                     "enable-passive", "refresher-enabled", "refresher-triggered", "bounces",
                     "show-scrollbar", "fast-deceleration", "reverse", "clip", "enable-flex",
                     "enhanced", "paging-enabled", "using-sticky", "scroll-anchoring",
                     "refresher-two-level-enabled", "refresher-two-level-triggered",
                     "refresher-two-level-scroll-enabled", "refresher-ballistic-refresh-enabled",
                     "refresher-two-level-pinned"}},
    {"slider", {"disabled", "show-value"}},
    {"sticky-header", {"allow-overlapping"}},
    {"sticky-section", {"push-pinned-header"}},
    {"swiper", {"indicator-dots", "autoplay", "circular", "vertical", "scroll-with-animation",
                "snap-to-edge"}},
    {"swiper-item", {"skip-hidden-item-layout"}},
    {"switch", {"checked", "disabled"}},
    {"text", {"selectable", "user-select", "decode"}},
    {"textarea", {"disabled", "auto-focus", "focus", "auto-height", "fixed", "adjust-position",
                  "hold-keyboard", "disable-default-padding", "confirm-hold", "show-confirm-bar"}},
    {"video", {"controls", "danmu-btn", "enable-danmu", "autoplay", "loop", "muted", "page-gesture",
               "show-progress", "show-fullscreen-btn", "show-play-btn", "show-center-play-btn",
               "enable-progress-gesture", "show-mute-btn", "enable-play-gesture",
               "auto-pause-if-navigate", "auto-pause-if-open-native", "vslide-gesture",
               "vslide-gesture-in-fullscreen", "show-bottom-progress", "show-casting-button",
               "picture-in-picture-show-progress", "enable-auto-rotation",
               "show-screen-lock-button", "show-snapshot-button", "show-background-playback-button",
               "is-drm", "is-live"}},
    {"view", {"hover-stop-propagation"}}
};
// clang-format on

// A sibling .json declaring the tag in usingComponents makes it a custom component.
bool is_custom(const FileContext& ctx, const std::string& tag) {
  std::string json = ctx.file.path.substr(0, ctx.file.path.size() - 5) + ".json";
  return ctx.project.components_for(json).count(tag) > 0;
}

std::string_view trim(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  return v;
}

// `wx:if="show"`, `hidden="{{a}} "`: text beside (or instead of) one binding makes the value
// a non-empty string, which is always true.
bool constant_condition(const WxmlAttribute& attr) {
  std::string_view v = trim(attr.value);
  if (v.empty()) return false;
  if (!attr.dynamic) return true;
  size_t open = attr.value.find("{{");
  size_t close = find_binding_close(attr.value, open + 2);
  return open != 0 || close == std::string::npos || close + 2 != attr.value.size();
}

class StringBoolean : public Rule {
 public:
  RuleInfo info() const override {
    return {"correctness/string-boolean",
            Severity::warning,
            "A literal \"false\" or \"0\" where a boolean is meant, or a wx:if/hidden value "
            "that is not exactly one {{ }} binding: the string is truthy.",
            "high",
            {{"report-true", false,
              "also report \"true\" (it works: any non-empty string is truthy) as a note"}}};
  }

  void check_file(FileContext& ctx) const override {
    if (ctx.file.kind != FileKind::wxml) return;
    bool report_true = ctx.options().value("report-true", false);
    for (const WxmlNode& node : ctx.file.wxml.nodes)
      if (node.is_element()) check_element(ctx, node, report_true);
  }

 private:
  static void check_element(FileContext& ctx, const WxmlNode& node, bool report_true) {
    auto builtin = kBuiltin.find(node.tag);
    bool checked_builtin = false, custom = false;
    for (const WxmlAttribute& attr : node.attributes) {
      if (!attr.has_value) continue;
      std::string_view v = trim(attr.value);
      bool condition = kEveryElement.count(attr.name) > 0;
      bool literal = !attr.dynamic && (v == "false" || v == "true" || v == "0");
      if (condition && !literal && constant_condition(attr)) {
        report_constant(ctx, attr);
        continue;
      }
      if (!literal) continue;
      bool boolean = condition;
      if (!boolean && builtin != kBuiltin.end() && builtin->second.count(attr.name)) {
        if (!checked_builtin) custom = is_custom(ctx, node.tag);
        checked_builtin = true;
        boolean = !custom;
      }
      if (!boolean) continue;
      std::string written = "`" + attr.name + "=\"" + std::string(v) + "\"`";
      if (v != "true") {
        ctx.report(attr.value_range, written + " is the string \"" + std::string(v) +
                                         "\", which is truthy: write `{{false}}`");
        add_replacement(ctx, attr, "{{false}}", true);
      } else if (report_true) {
        ctx.report(attr.value_range,
                   written +
                       " is the string \"true\"; it works only because any non-empty "
                       "string is truthy: write `{{true}}`",
                   Severity::note);
        add_replacement(ctx, attr, "{{true}}", true);
      }
    }
  }

  // The value becomes `text`: the boolean the attribute obviously means.
  static void add_replacement(FileContext& ctx, const WxmlAttribute& attr, std::string text,
                              bool safe) {
    std::string title = "Write `" + attr.name + "=\"" + text + "\"`";
    ctx.add_fix(std::move(title), safe, {ctx.edit(attr.value_range, std::move(text))});
  }

  static void report_constant(FileContext& ctx, const WxmlAttribute& attr) {
    std::string written = "`" + attr.name + "=\"" + shorten_for_message(attr.value) + "\"`";
    std::string_view value = trim(attr.value);
    if (!attr.dynamic) {
      // `False`, `TRUE`: the boolean literal meant, not a data name.
      std::string word(value);
      for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string binding =
          "{{" + (word == "false" || word == "true" ? word : std::string(value)) + "}}";
      ctx.report(attr.value_range, written + " is a non-empty string, always true: write `" +
                                       attr.name + "=\"" + binding + "\"`");
      // Unsafe: it guesses that the word is a data name.
      return add_replacement(ctx, attr, binding, false);
    }
    ctx.report(attr.value_range,
               written +
                   ": the text around the binding makes the value a non-empty string, "
                   "always true; write exactly one `{{ }}`");
    // Only blanks around one whole binding: dropping them is what the author meant.
    size_t close = find_binding_close(value, 2);
    if (value.substr(0, 2) == "{{" && close != std::string::npos && close + 2 == value.size())
      add_replacement(ctx, attr, std::string(value), true);
  }
};

}  // namespace

std::unique_ptr<Rule> make_string_boolean() { return std::make_unique<StringBoolean>(); }

}  // namespace mplint::rules
