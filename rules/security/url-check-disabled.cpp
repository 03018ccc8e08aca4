// security/url-check-disabled: `"urlCheck": false` in project.config.json's top-level
// `setting`, which turns off DevTools' checks of request domains, TLS and certificates.
#include "analyzer/rule.h"

namespace mplint::rules {
namespace {

class UrlCheckDisabled : public Rule {
 public:
  RuleInfo info() const override {
    RuleInfo r{"security/url-check-disabled", Severity::warning,
               "`setting.urlCheck: false` in project.config.json: request domains, TLS versions "
               "and certificates go unchecked in development.",
               "very-high"};
    r.security_severity = "4.0";
    return r;
  }

  // project.config.json may sit above the package root (miniprogramRoot), so it is read from
  // the project model rather than as a package file.
  void check_project(ProjectContext& ctx) const override {
    const JsonFile* cfg = ctx.project.project_config();
    if (!cfg || !cfg->doc.has_root || !cfg->doc.root.is_object()) return;
    const JsonValue* setting = cfg->doc.root.get("setting");
    const JsonValue* check = setting && setting->is_object() ? setting->get("urlCheck") : nullptr;
    if (!check || !check->is_bool() || check->boolean) return;
    ctx.report_json(*cfg, check->range,
                    "`setting.urlCheck: false` turns off the check of request and web-view "
                    "domains, TLS versions and HTTPS certificates: calls that fail for users "
                    "work in development; set it to true");
  }
};

}  // namespace

std::unique_ptr<Rule> make_url_check_disabled() { return std::make_unique<UrlCheckDisabled>(); }

}  // namespace mplint::rules
