// correctness/duplicate-attribute: the same attribute twice on one WXML element.
#include <map>

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
      std::map<std::string, const WxmlAttribute*> seen;
      for (const WxmlAttribute& attr : node.attributes) {
        if (attr.name.empty()) continue;
        auto [it, fresh] = seen.emplace(canonical(attr.name), &attr);
        if (fresh) continue;
        const WxmlAttribute& first = *it->second;
        uint32_t line = ctx.file.source.position(first.name_range.begin).line;
        std::string same = first.name == attr.name ? "" : " (`" + first.name + "`)";
        ctx.report(attr.name_range, "duplicate attribute `" + attr.name + "` on <" + node.tag +
                                        ">: already set" + same + " on line " +
                                        std::to_string(line) + "; only one value takes effect");
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_duplicate_attribute() { return std::make_unique<DuplicateAttribute>(); }

}  // namespace mplint::rules
