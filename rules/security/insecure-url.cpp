// security/insecure-url: a network API's url or a <web-view src> that starts with http:// or
// ws:// (error), points at a loopback host (note), or uses an IP address or explicit port
// (warning). Reported at the literal that holds the URL's start, wherever it is defined.
#include <map>
#include <optional>

#include "analyzer/flow_resolve.h"
#include "analyzer/rule.h"
#include "rules/security/url_util.h"

namespace mplint::rules {
namespace {

struct Verdict {
  Severity severity = Severity::error;
  std::string message;
};

bool judge_url(const FlowString& url, const std::string& api, Verdict* out) {
  UrlStart u;
  if (!first_literal(url) || !parse_url_start(known_prefix(url), &u)) return false;
  bool clear = u.scheme == "http" || u.scheme == "ws";
  bool ip = u.host_complete && is_ip_host(u.host);
  std::string quoted = "`" + u.origin() + "`";
  if (is_loopback_host(u.host) && (u.host_complete || !u.port.empty())) {
    *out = {Severity::note, quoted +
                                " is a loopback address: it answers only on the developer's "
                                "machine, never on users' phones; use your production HTTPS domain "
                                "(or keep it behind a debug switch)"};
    return true;
  }
  if (clear) {
    bool socket = u.scheme == "ws";
    *out = {Severity::error, quoted + " (url of `" + api +
                                 "`) is not encrypted: release builds accept only " +
                                 (socket ? "`wss://`" : "`https://`") +
                                 " domains and the data travels in clear text; use " +
                                 (socket ? "`wss://`" : "`https://`")};
    return true;
  }
  if (u.scheme != "https" && u.scheme != "wss") return false;
  if (ip) {
    *out = {Severity::warning, quoted + " (url of `" + api +
                                   "`) uses an IP address: release builds accept only configured "
                                   "domain names; serve the API from a domain"};
    return true;
  }
  if (!u.port.empty()) {
    *out = {Severity::warning,
            quoted + " (url of `" + api +
                "`) carries an explicit port: release builds reject it unless the domain is "
                "configured with exactly that port; prefer the default port 443"};
    return true;
  }
  return false;
}

bool judge_web_view(const std::string& src, Verdict* out) {
  UrlStart u;
  if (!parse_url_start(src, &u) || u.scheme != "http") return false;
  std::string quoted = "`" + u.origin() + "`";
  if (is_loopback_host(u.host))
    *out = {Severity::note, quoted +
                                " is a loopback address: the web-view loads it only on the "
                                "developer's machine; use your HTTPS business domain"};
  else
    *out = {Severity::error, "<web-view> loads " + quoted +
                                 " over plain HTTP: web-view pages must be HTTPS on a configured "
                                 "business domain; use `https://`"};
  return true;
}

struct Place {
  std::string path;
  Loc loc;
  Verdict verdict;
  std::vector<RelatedLocation> related;
  std::optional<Edit> fix;
};

// `http://` → `https://`, `ws://` → `wss://`: an 's' after the scheme of the literal at `loc`
// whose characters are `text` (quoted in source when `quoted`). Never applied by --fix: the
// server may not speak TLS, so only the user can say it is right.
std::optional<Edit> scheme_fix(const Loc& loc, const std::string& text, bool quoted) {
  size_t scheme = text.rfind("http://", 0) == 0 ? 4 : text.rfind("ws://", 0) == 0 ? 2 : 0;
  if (scheme == 0 || loc.begin.line != loc.end.line) return std::nullopt;
  size_t length = loc.range.end - loc.range.begin;
  if (quoted ? length < text.size() + 2 : length != text.size()) return std::nullopt;
  uint32_t offset = static_cast<uint32_t>(scheme + (quoted ? 1 : 0));
  Edit e;
  e.loc.range = {loc.range.begin + offset, loc.range.begin + offset};
  e.loc.begin = e.loc.end = {loc.begin.line, loc.begin.column + offset};
  e.text = "s";
  return e;
}

class InsecureUrl : public Rule {
 public:
  RuleInfo info() const override {
    return {.id = "security/insecure-url",
            .severity = Severity::error,
            .summary =
                "A network API url or <web-view src> over http:// or ws://, to a "
                "loopback host, or with an IP address or explicit port.",
            .precision = "high",
            .security_severity = "6.5"};
  }

  void check_project(ProjectContext& ctx) const override {
    FlowIndex index(ctx.project, ctx.facts);
    std::map<std::pair<std::string, uint32_t>, Place> places;  // one finding per literal
    for (const auto& [path, f] : ctx.facts) {
      for (const NetworkCall& call : index.network_calls(path)) {
        Verdict v;
        if (!judge_url(call.url, call.api, &v)) continue;
        const FlowPart& lit = *first_literal(call.url);
        auto [it, fresh] = places.try_emplace(
            {lit.path, lit.loc.range.begin},
            Place{lit.path, lit.loc, v, {}, scheme_fix(lit.loc, lit.text, true)});
        bool elsewhere = lit.path != path || lit.loc.begin.line != call.at.begin.line;
        if (fresh && elsewhere)
          it->second.related.push_back(
              {path, call.at, "used as the url of `" + call.api + "` here"});
      }
      for (const BindingSink& s : f.binding_sinks) {
        Verdict v;
        if (s.tag == "web-view" && !s.text.empty() && judge_web_view(s.text, &v))
          places.try_emplace({path, s.at.range.begin},
                             Place{path, s.at, v, {}, scheme_fix(s.at, s.text, false)});
      }
    }
    for (auto& [key, p] : places) {
      ctx.report(p.path, p.loc, p.verdict.message, p.verdict.severity, p.related);
      if (p.fix && p.verdict.severity == Severity::error)
        ctx.add_fix(
            {"Use the encrypted scheme (check that the server supports it)", false, {*p.fix}});
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_insecure_url() { return std::make_unique<InsecureUrl>(); }

}  // namespace mplint::rules
