// correctness/wx-for-with-else: `wx:for` together with `wx:else`/`wx:elif`, or a
// `wx:elif`/`wx:else` that does not follow a sibling carrying `wx:if`/`wx:elif`.
#include <algorithm>

#include "analyzer/rule.h"

namespace mplint::rules {
namespace {

const WxmlAttribute* branch_of(const WxmlNode& n) {
  if (const WxmlAttribute* a = n.attribute("wx:elif")) return a;
  return n.attribute("wx:else");
}

class WxForWithElse : public Rule {
 public:
  RuleInfo info() const override {
    return {"correctness/wx-for-with-else", Severity::error,
            "`wx:for` on the same element as `wx:else`/`wx:elif`, or `wx:elif`/`wx:else` "
            "without a preceding sibling `wx:if`.",
            "very-high"};
  }

  void check_file(FileContext& ctx) const override {
    if (ctx.file.kind != FileKind::wxml) return;
    const WxmlDocument& doc = ctx.file.wxml;
    check_siblings(ctx, doc.roots);
    for (const WxmlNode& n : doc.nodes)
      if (n.is_element()) check_siblings(ctx, n.children);
  }

 private:
  // `wx:if` (or `wx:elif`), or a platform-prefixed form that cross-platform build tools turn
  // into one (mp-html's `mp-weixin:mp-qq:wx:if`): silent rather than wrong about such sources.
  // wcc also takes the old spelling `wx-if` for `wx:if` (not `wx-elif`/`wx-else`).
  static bool has_condition(const WxmlNode& n, std::string_view key) {
    return std::any_of(n.attributes.begin(), n.attributes.end(), [&](const WxmlAttribute& a) {
      std::string_view name = a.name;
      if (key == "wx:if" && name == "wx-if") return true;
      return name == key || (name.size() > key.size() && name.ends_with(key) &&
                             name[name.size() - key.size() - 1] == ':');
    });
  }

  // One list of siblings: comments are transparent, text and other elements break a chain.
  void check_siblings(FileContext& ctx, const std::vector<int>& siblings) const {
    const WxmlDocument& doc = ctx.file.wxml;
    bool chain_open = false;  // the previous element carries wx:if or wx:elif
    for (int index : siblings) {
      const WxmlNode& n = doc.nodes[index];
      if (n.kind == WxmlNode::Kind::comment) continue;
      if (!n.is_element()) {
        chain_open = false;
        continue;
      }
      const WxmlAttribute* branch = branch_of(n);
      const WxmlAttribute* loop = n.attribute("wx:for");
      if (!loop) loop = n.attribute("wx:for-items");
      if (branch && loop)
        ctx.report(loop->name_range, "`" + loop->name + "` cannot be on the same element as `" +
                                         branch->name + "`: wrap the loop in a <block " +
                                         branch->name + ">");
      if (branch && !chain_open && !has_condition(n, "wx:if"))
        ctx.report(branch->name_range,
                   "`" + branch->name +
                       "` must directly follow a sibling element with `wx:if` or `wx:elif`");
      chain_open = has_condition(n, "wx:if") || has_condition(n, "wx:elif");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_wx_for_with_else() { return std::make_unique<WxForWithElse>(); }

}  // namespace mplint::rules
