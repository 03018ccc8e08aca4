// security/client-side-code2session: the client calling WeChat's server APIs
// (api.weixin.qq.com: jscode2session, cgi-bin/token…), which need the AppSecret.
#include <map>

#include "analyzer/flow_resolve.h"
#include "analyzer/rule.h"
#include "rules/security/url_util.h"

namespace mplint::rules {
namespace {

bool is_wechat_server(const UrlStart& u) {
  return u.host_complete && (u.host == "api.weixin.qq.com" || u.host == "api.wechat.com" ||
                             u.host.ends_with(".api.weixin.qq.com"));
}

std::string message(const UrlStart& u, const std::string& api) {
  std::string what = u.host + u.path;
  if (what.size() > 60) what = what.substr(0, 59) + "…";
  bool login = u.path.find("jscode2session") != std::string::npos;
  return "`" + api + "` calls WeChat's server API `" + what +
         "` from the client: it needs the AppSecret, which must stay on your server, and "
         "api.weixin.qq.com can never be a request domain; " +
         (login ? "send the login code to your backend and call code2session there"
                : "call it from your backend");
}

class ClientSideCode2Session : public Rule {
 public:
  RuleInfo info() const override {
    return {.id = "security/client-side-code2session",
            .severity = Severity::error,
            .summary =
                "A request to WeChat's server APIs (api.weixin.qq.com) from the client, "
                "which needs the AppSecret.",
            .precision = "very-high",
            .security_severity = "8.5"};
  }

  void check_project(ProjectContext& ctx) const override {
    FlowIndex index(ctx.project, ctx.facts);
    std::map<std::pair<std::string, uint32_t>, bool> seen;
    for (const auto& [path, f] : ctx.facts)
      for (const NetworkCall& call : index.network_calls(path)) {
        UrlStart u;
        const FlowPart* lit = first_literal(call.url);
        if (!lit || !parse_url_start(known_prefix(call.url), &u) || !is_wechat_server(u)) continue;
        if (!seen.emplace(std::make_pair(lit->path, lit->loc.range.begin), true).second) continue;
        std::vector<RelatedLocation> related;
        if (lit->path != path)
          related.push_back({path, call.at, "used as the url of `" + call.api + "` here"});
        ctx.report(lit->path, lit->loc, message(u, call.api), Severity::error, related);
      }
  }
};

}  // namespace

std::unique_ptr<Rule> make_client_side_code2session() {
  return std::make_unique<ClientSideCode2Session>();
}

}  // namespace mplint::rules
