// correctness/unknown-attribute: an attribute that a built-in component does not have (its
// tables: rules/compat/facts/components.yml). WeChat ignores it without a word, so
// `<view scroll-y>` never scrolls and `<image lazyload>` loads every image at once.
#include <optional>
#include <set>

#include "analyzer/rule.h"
#include "analyzer/spelling.h"
#include "rules/compat/tables/compat_data.h"

namespace mplint::rules {
namespace {

// What every element has (RULES.md), never judged. `wx-if` is `wx:if` to wcc; `slot:x`
// receives a slot's data.
bool on_every_element(std::string_view name) {
  static const std::set<std::string_view> kNames = {"id",     "class", "style",
                                                    "hidden", "slot",  "role"};
  if (kNames.count(name)) return true;
  for (std::string_view prefix : {"data-", "mark:", "aria-", "wx:", "wx-", "generic:", "slot:"})
    if (name.starts_with(prefix)) return true;
  return false;
}

// Events every element fires (WeChat's event docs), in any binding form.
const std::set<std::string_view> kCommonEvents = {"tap",
                                                  "longpress",
                                                  "longtap",
                                                  "touchstart",
                                                  "touchmove",
                                                  "touchend",
                                                  "touchcancel",
                                                  "touchforcechange",
                                                  "transitionend",
                                                  "animationstart",
                                                  "animationiteration",
                                                  "animationend"};

// The event a binding attribute names (bindtap, bind:tap, catchtap, capture-bind:tap,
// mut-bind:tap), or nothing for other attributes: the tables' spelling (`bindtap`) without
// its `bind`.
std::optional<std::string> event_of(std::string_view name) {
  std::string table = compat::table_attribute_name(name);
  if (table.size() > 4 && table.starts_with("bind")) return table.substr(4);
  return std::nullopt;
}

// `scrollY` -> `scroll-y`: the runtime turns an attribute's dashes into the property's camel
// case, so a camel-case attribute sets the same property.
std::string kebab(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') {
      if (!out.empty() && out.back() != '-') out += '-';
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c;
    }
  }
  return out;
}

// `scrollY`, not `Scroll-Y`: what the runtime's dash-to-camel mapping gives back.
bool camel_case(std::string_view name) {
  return !name.empty() && name[0] >= 'a' && name[0] <= 'z' &&
         name.find('-') == std::string_view::npos;
}

// The letters alone: `lazyload`, `lazyLoad` and `Lazy-Load` all read "lazyload".
std::string letters(std::string_view name) {
  std::string out;
  for (char c : name)
    if (c != '-' && c != '_') out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

bool known(std::string_view tag, std::string_view name) {
  return compat::component_row(tag, name) || compat::component_row("*", name);
}

// Attributes people write for a WXML directive without its `wx:`.
const std::set<std::string_view> kDirectives = {"if",       "elif",      "else",      "for",
                                                "for-item", "for-index", "for-items", "key"};

// HTML habits with a WXML way to say them.
std::string html_hint(std::string_view name) {
  if (name == "alt") return "; describe an image for screen readers with `aria-label`";
  if (name == "href") return "; links are `<navigator url=\"…\">`";
  if (name == "onclick" || name == "onClick" || name == "onTap") return "; did you mean `bindtap`?";
  if (name == "width" || name == "height") return "; size it with `style` or a class";
  return "";
}

std::string tag_list(const std::vector<std::string_view>& tags) {
  std::string out;
  size_t shown = std::min<size_t>(tags.size(), 3);
  for (size_t i = 0; i < shown; ++i)
    out += (i == 0 ? "" : i + 1 == shown ? " and " : ", ") + ("<" + std::string(tags[i]) + ">");
  return out + (tags.size() > shown ? " and others" : "");
}

// Framework renderers (Taro's `taro_tmpl`, Remax's `REMAX_TPL`) forward every property a
// component may take on any platform: generated, and not the user's to fix.
bool renderer_templates(const WxmlDocument& doc) {
  for (const WxmlNode& n : doc.nodes)
    if (n.is_element() && n.tag == "template")
      if (const WxmlAttribute* name = n.attribute("name"))
        if (name->value == "taro_tmpl" || name->value.starts_with("REMAX_TPL")) return true;
  return false;
}

class UnknownAttribute : public Rule {
 public:
  RuleInfo info() const override {
    return {.id = "correctness/unknown-attribute",
            .severity = Severity::warning,
            .summary =
                "An attribute on a built-in component that the component does not have: "
                "WeChat ignores it silently.",
            .precision = "high"};
  }

  void check_file(FileContext& ctx) const override {
    if (ctx.file.kind != FileKind::wxml || renderer_templates(ctx.file.wxml)) return;
    std::set<std::string> custom = custom_tags(ctx);
    for (const WxmlNode& node : ctx.file.wxml.nodes) {
      if (!node.is_element() || !compat::component_row(node.tag) || custom.count(node.tag))
        continue;
      for (const WxmlAttribute& attr : node.attributes) judge(ctx, node, attr);
    }
  }

 private:
  // Tags this file's usingComponents (or, when it cannot be told, any) declares: a custom
  // component named like a built-in one (`navigation-bar`) replaces it.
  static std::set<std::string> custom_tags(const FileContext& ctx) {
    const std::string& path = ctx.file.path;
    std::string json = path.substr(0, path.size() - 5) + ".json";
    std::set<std::string> tags;
    for (const auto& [tag, where] : ctx.project.components_for(json)) tags.insert(tag);
    for (const std::string& g : ctx.project.generics_for(json)) tags.insert(g);
    const JsonFile* jf = ctx.project.json(json);
    bool own = ctx.project.app() && jf && jf->doc.has_root && jf->doc.root.is_object();
    if (!own)  // a template or an include: used from pages we do not know here
      tags.insert(ctx.project.all_component_tags().begin(), ctx.project.all_component_tags().end());
    return tags;
  }

  static void judge(FileContext& ctx, const WxmlNode& node, const WxmlAttribute& attr) {
    std::string_view name = attr.name;
    if (on_every_element(name) || name.starts_with("change:")) return;
    // `mp-weixin:x`: a multi-platform source (uni-app, mp-html) that a preprocessor rewrites.
    if (name.starts_with("mp-") && name.find(':') != std::string_view::npos) return;
    // `model:value` is the two-way binding of `value`.
    if (name.starts_with("model:")) name.remove_prefix(6);
    // A WXS observer (`change:prop="{{m.f}}"`) watches the property it names.
    if (node.has("change:" + std::string(name))) return;
    if (known(node.tag, name) || (camel_case(name) && known(node.tag, kebab(name)))) return;
    if (name.starts_with("worklet:")) return;  // Skyline worklet callbacks
    if (std::optional<std::string> event = event_of(name)) {
      judge_event(ctx, node, attr, *event);
      return;
    }
    report_unknown(ctx, node, attr, name);
  }

  // An event a component does not fire may still bubble up to it from a custom component
  // inside; only a near miss of an event it fires is reported.
  static void judge_event(FileContext& ctx, const WxmlNode& node, const WxmlAttribute& attr,
                          std::string_view event) {
    if (kCommonEvents.count(event) || event.size() < 3) return;
    std::vector<std::string> events(kCommonEvents.begin(), kCommonEvents.end());
    for (std::string_view a : compat::attributes_of(node.tag))
      if (a.starts_with("bind")) events.push_back(std::string(a.substr(4)));
    for (const std::string& e : events) {
      if (edit_distance(event, e) != 1) continue;
      std::string fixed = attr.name.substr(0, attr.name.size() - event.size()) + e;
      ctx.report(attr.name_range, "`<" + node.tag + ">` fires no `" + std::string(event) +
                                      "` event; did you mean `" + fixed + "`?");
      ctx.add_fix("Rename to `" + fixed + "`", false, {ctx.edit(attr.name_range, fixed)});
      return;
    }
  }

  static void report_unknown(FileContext& ctx, const WxmlNode& node, const WxmlAttribute& attr,
                             std::string_view name) {
    std::string message =
        "`<" + node.tag + ">` has no attribute `" + attr.name + "`: WeChat ignores it";
    std::vector<std::string_view> own = compat::attributes_of(node.tag);
    // Only dashes or case differ: the same attribute misspelt, safe to rename.
    for (std::string_view a : own)
      if (letters(a) == letters(name)) {
        ctx.report(attr.name_range, message + "; did you mean `" + std::string(a) + "`?");
        ctx.add_fix("Rename to `" + std::string(a) + "`", true,
                    {ctx.edit(attr.name_range, std::string(a))});
        return;
      }
    if (kDirectives.count(name)) {
      std::string directive = "wx:" + std::string(name);
      ctx.report(attr.name_range, message + "; did you mean `" + directive + "`?");
      ctx.add_fix("Rename to `" + directive + "`", false, {ctx.edit(attr.name_range, directive)});
      return;
    }
    if (std::string near = nearest(name, own); !near.empty()) {
      ctx.report(attr.name_range, message + "; did you mean `" + near + "`?");
      ctx.add_fix("Rename to `" + near + "`", false, {ctx.edit(attr.name_range, near)});
      return;
    }
    // An event name written without `bind`.
    if (kCommonEvents.count(name) || known(node.tag, "bind" + std::string(name))) {
      std::string binding = "bind" + std::string(name);
      ctx.report(attr.name_range, message + "; did you mean `" + binding + "`?");
      ctx.add_fix("Rename to `" + binding + "`", false, {ctx.edit(attr.name_range, binding)});
      return;
    }
    if (std::string hint = html_hint(attr.name); !hint.empty()) {
      ctx.report(attr.name_range, message + hint);
      return;
    }
    std::vector<std::string_view> owners = compat::components_with(kebab(name));
    if (owners.size() == 1)
      message += "; did you mean <" + std::string(owners[0]) + ">?";
    else if (!owners.empty())
      message += " (" + tag_list(owners) + " have it)";
    ctx.report(attr.name_range, message);
  }

  // The component's attribute nearest to `name` (not an event), close enough to be a typo.
  static std::string nearest(std::string_view name, const std::vector<std::string_view>& own) {
    size_t limit = name.size() <= 5 ? 1 : 2, best_d = limit + 1;
    std::string best;
    for (std::string_view a : own) {
      if (a.starts_with("bind") || a.find(':') != std::string_view::npos) continue;
      size_t d = edit_distance(kebab(name), a);
      if (d < best_d) best_d = d, best = std::string(a);
    }
    return best;
  }
};

}  // namespace

std::unique_ptr<Rule> make_unknown_attribute() { return std::make_unique<UnknownAttribute>(); }

}  // namespace mplint::rules
