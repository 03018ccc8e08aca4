// correctness/duplicate-attribute: the same attribute twice on one WXML element.
#include <algorithm>
#include <map>
#include <vector>

#include "analyzer/rule.h"

namespace mplint::rules {
namespace {

// `bind:tap` and `bindtap` (likewise `catch:`) name the same attribute.
std::string canonical(std::string_view name) {
  for (std::string_view prefix : {"bind:", "catch:"})
    if (name.substr(0, prefix.size()) == prefix)
      return std::string(prefix.substr(0, prefix.size() - 1)) +
             std::string(name.substr(prefix.size()));
  return std::string(name);
}

class DuplicateAttribute : public Rule {
 public:
  RuleInfo info() const override {
    return {"correctness/duplicate-attribute", Severity::error,
            "The same attribute twice on one WXML element.", "very-high"};
  }

  void check_file(FileContext& ctx) const override {
    if (ctx.file.kind != FileKind::wxml) return;
    for (const WxmlNode& node : ctx.file.wxml.nodes) {
      if (!node.is_element()) continue;
      std::map<std::string, std::vector<const WxmlAttribute*>> seen;
      for (const WxmlAttribute& attr : node.attributes) {
        if (attr.name.empty()) continue;
        auto& earlier = seen[canonical(attr.name)];
        if (!earlier.empty()) report(ctx, node, attr, earlier);
        earlier.push_back(&attr);
      }
    }
  }

 private:
  // The message names no line (it would move the fingerprint): the first occurrence is a
  // related location instead.
  static void report(FileContext& ctx, const WxmlNode& node, const WxmlAttribute& attr,
                     const std::vector<const WxmlAttribute*>& earlier) {
    const WxmlAttribute& first = *earlier.front();
    bool differ = std::any_of(earlier.begin(), earlier.end(), [&](const WxmlAttribute* a) {
      return a->has_value != attr.has_value || a->value != attr.value;
    });
    size_t times = earlier.size() + 1;
    std::string count = times == 2 ? "twice" : std::to_string(times) + " times";
    std::string also =
        first.name == attr.name ? "" : " (as `" + first.name + "` and `" + attr.name + "`)";
    std::string values =
        differ ? "with different values; only one takes effect" : "with the same value";
    std::string note =
        first.name == attr.name ? "first set here" : "first set here as `" + first.name + "`";
    ctx.report(attr.name_range,
               "attribute `" + attr.name + "` is set " + count + " on <" + node.tag + ">" + also +
                   " " + values,
               {ctx.related(first.name_range, note)});
  }
};

}  // namespace

std::unique_ptr<Rule> make_duplicate_attribute() { return std::make_unique<DuplicateAttribute>(); }

}  // namespace mplint::rules
