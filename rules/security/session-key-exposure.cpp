// security/session-key-exposure: client code that reads, stores or sends `session_key` (the
// key jscode2session returns, which must never leave the server), and `sessionKey` read off a
// response. One finding per line, at the property, key or storage key.
#include <set>

#include "analyzer/rule.h"
#include "rules/security/client_code.h"

namespace mplint::rules {
namespace {

constexpr std::string_view kSessionKey = "session_key";

std::string_view unquote(std::string_view s) {
  return s.size() >= 2 ? s.substr(1, s.size() - 2) : std::string_view();
}

// The text a key or property node names: an identifier, or a string's content.
std::string_view key_text(Node n) {
  if (!n) return {};
  if (n.type() == "string") return unquote(n.text());
  if (n.type() == "computed_property_name") {  // `['session_key']`, not `[variable]`
    Node inner = n.named_child(0);
    return inner.type() == "string" ? key_text(inner) : std::string_view();
  }
  if (n.type().find("identifier") != std::string_view::npos) return n.text();
  return {};
}

// A response object's data: `res.data`, `resp.result`, `response.data.data`.
bool is_response_data(Node n) {
  if (!n || n.type() != "member_expression") return false;
  std::string_view prop = n.field("property").text();
  if (prop != "data" && prop != "result") return false;
  Node object = n.field("object");
  if (object.type() == "member_expression") return is_response_data(object);
  static const std::set<std::string_view> kResponses = {"res",    "resp", "response",
                                                        "result", "ret",  "rsp"};
  return object.type() == "identifier" && kResponses.count(object.text()) > 0;
}

bool is_storage_call(Node call) {
  Node fn = call.field("function");
  if (!fn || fn.type() != "member_expression") return false;
  static const std::set<std::string_view> kHosts = {"wx", "uni", "Taro"};
  static const std::set<std::string_view> kCalls = {"setStorage", "setStorageSync", "getStorage",
                                                    "getStorageSync"};
  return kHosts.count(fn.field("object").text()) && kCalls.count(fn.field("property").text());
}

// The storage key of a storage call when it is 'session_key': the string node.
Node storage_key(Node call) {
  Node args = call.field("arguments");
  Node first = args ? args.named_child(0) : Node();
  if (first && first.type() == "string") return key_text(first) == kSessionKey ? first : Node();
  if (!first || first.type() != "object") return {};
  for (Node pair : first.named_children())
    if (pair.type() == "pair" && key_text(pair.field("key")) == "key") {
      Node value = pair.field("value");
      return value.type() == "string" && key_text(value) == kSessionKey ? value : Node();
    }
  return {};
}

// A URL that sends it as a query parameter: `'/api/phone?session_key=' + sk`.
bool sends_in_url(Node literal) {
  std::string_view text = literal.text();
  for (size_t at = text.find("session_key="); at != std::string_view::npos;
       at = text.find("session_key=", at + 1))
    if (at > 0 && (text[at - 1] == '?' || text[at - 1] == '&')) return true;
  return false;
}

// The node to report for `n`, if `n` reads, stores or sends the session key; `name` is set to
// the name as written.
Node exposure(Node n, std::string_view* name) {
  std::string_view t = n.type();
  *name = kSessionKey;
  if (t == "member_expression") {
    Node prop = n.field("property");
    if (prop.text() == kSessionKey) return prop;
    *name = "sessionKey";
    return prop.text() == "sessionKey" && is_response_data(n.field("object")) ? prop : Node();
  }
  if (t == "subscript_expression") {
    Node index = n.field("index");
    return index.type() == "string" && key_text(index) == kSessionKey ? index : Node();
  }
  if (t == "pair" || t == "pair_pattern") {
    Node key = n.field("key");
    return key_text(key) == kSessionKey ? key : Node();
  }
  if (t == "shorthand_property_identifier" || t == "shorthand_property_identifier_pattern") {
    if (n.text() == kSessionKey) return n;
    if (n.text() != "sessionKey" || t != "shorthand_property_identifier_pattern") return {};
    // `const { sessionKey } = res.data` (parents are looked up only for this name: each
    // lookup walks down from the root)
    Node pattern = n.parent(), declarator = pattern ? pattern.parent() : Node();
    *name = "sessionKey";
    bool from_response = declarator && declarator.type() == "variable_declarator" &&
                         is_response_data(declarator.field("value"));
    return from_response ? n : Node();
  }
  if (t == "call_expression" && is_storage_call(n)) return storage_key(n);
  if (t == "string" || t == "template_string") return sends_in_url(n) ? n : Node();
  return {};
}

void check_tree(FileContext& ctx, Node root, std::set<uint32_t>* lines) {
  walk(root, [&](Node n) {
    std::string_view name;
    Node at = exposure(n, &name);
    if (!at) return true;
    uint32_t line = ctx.file.source.position(at.begin()).line;
    if (!lines->insert(line).second) return true;
    ctx.report(at.range(), "`" + std::string(name) +
                               "` reaches the client: the session key must never leave your "
                               "server; exchange the code on the server and return your own "
                               "session token");
    return true;
  });
}

class SessionKeyExposure : public Rule {
 public:
  RuleInfo info() const override {
    RuleInfo r{"security/session-key-exposure", Severity::error,
               "Client code that reads, stores or sends `session_key` (or `sessionKey` read "
               "from a response): the session key must never reach the client.",
               "high"};
    r.security_severity = "8.0";
    return r;
  }

  void check_file(FileContext& ctx) const override {
    const ParsedFile& f = ctx.file;
    if (!runs_on_client(ctx)) return;  // a server, a cloud function, a test
    std::set<uint32_t> lines;          // one finding per line
    if (f.script) check_tree(ctx, f.script->root(), &lines);
    for (const EmbeddedScript& e : f.inline_modules)
      if (e.tree) check_tree(ctx, e.tree->root(), &lines);
    for (const EmbeddedScript& e : f.expressions)
      if (e.tree) check_tree(ctx, e.tree->root(), &lines);
  }
};

}  // namespace

std::unique_ptr<Rule> make_session_key_exposure() { return std::make_unique<SessionKeyExposure>(); }

}  // namespace mplint::rules
