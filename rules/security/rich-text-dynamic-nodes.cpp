// security/rich-text-dynamic-nodes: <rich-text nodes="{{x}}"> where the page sets x from a
// network response or from its onLoad options: content injection into the page.
#include "analyzer/flow_resolve.h"
#include "analyzer/rule.h"
#include "rules/security/page_flow_util.h"

namespace mplint::rules {
namespace {

class RichTextDynamicNodes : public Rule {
 public:
  RuleInfo info() const override {
    return {.id = "security/rich-text-dynamic-nodes",
            .severity = Severity::warning,
            .summary =
                "A <rich-text nodes> bound to data set from a network response or the "
                "page's options: content injection.",
            .precision = "medium",
            .security_severity = "5.5"};
  }

  void check_project(ProjectContext& ctx) const override {
    FlowIndex index(ctx.project, ctx.facts);
    // The result of another module's function is untrusted when that function reaches the
    // network (a request wrapper, or an API module over one).
    auto untrusted = [&](const std::string& script, const DataSink& d) {
      return d.source.kind != FlowSource::Kind::call ||
             index.reaches_network(script, d.source.callee);
    };
    for_each_flow_into(ctx, "rich-text", untrusted,
                       [&](const std::string& wxml, const BindingSink& b, const std::string& script,
                           const DataSink& d) {
                         ctx.report(wxml, b.at, message(b, d),
                                    {{script, d.at, "set from `" + d.source.what + "` here"}});
                       });
  }

 private:
  static std::string message(const BindingSink& b, const DataSink& d) {
    std::string from = d.source.kind == FlowSource::Kind::options
                           ? "the page's launch parameter `" + d.source.what + "`"
                           : "a network response (`" + d.source.what + "`)";
    return "<rich-text nodes> renders `" + shown_path(b.path) + "`, set from " + from +
           ": whoever controls it can inject content (fake forms, links, images) into the "
           "page. Sanitize it against an allow-list of tags and attributes first, or render "
           "plain text";
  }
};

}  // namespace

std::unique_ptr<Rule> make_rich_text_dynamic_nodes() {
  return std::make_unique<RichTextDynamicNodes>();
}

}  // namespace mplint::rules
