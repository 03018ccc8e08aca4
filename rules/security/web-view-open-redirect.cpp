// security/web-view-open-redirect: <web-view src="{{x}}"> where the page sets x from its
// onLoad(options) launch parameters without an allow-list check in between.
#include "analyzer/rule.h"
#include "rules/security/page_flow_util.h"

namespace mplint::rules {
namespace {

class WebViewOpenRedirect : public Rule {
 public:
  RuleInfo info() const override {
    return {.id = "security/web-view-open-redirect",
            .severity = Severity::error,
            .summary =
                "A <web-view src> bound to data the page sets from its onLoad options "
                "without an allow-list check: an open redirect.",
            .precision = "high",
            .security_severity = "8.0"};
  }

  void check_project(ProjectContext& ctx) const override {
    auto from_options = [](const std::string&, const DataSink& d) {
      return d.source.kind == FlowSource::Kind::options && d.starts;
    };
    for_each_flow_into(ctx, "web-view", from_options,
                       [&](const std::string& wxml, const BindingSink& b, const std::string& script,
                           const DataSink& d) {
                         if (!b.starts) return;
                         ctx.report(wxml, b.at, message(b, d),
                                    {{script, d.at, "set from `" + d.source.what + "` here"}});
                       });
  }

 private:
  static std::string message(const BindingSink& b, const DataSink& d) {
    return "<web-view src> opens `" + shown_path(b.path) +
           "`, which the page sets from its launch "
           "parameter `" +
           d.source.what +
           "` without checking it: any link or QR code can make "
           "the mini-program open an attacker's page. Check the URL's host against an "
           "allow-list of your business domains before setting it";
  }
};

}  // namespace

std::unique_ptr<Rule> make_web_view_open_redirect() {
  return std::make_unique<WebViewOpenRedirect>();
}

}  // namespace mplint::rules
