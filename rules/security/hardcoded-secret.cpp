// security/hardcoded-secret: a secret written into client code (JS, TS, WXS, shipped JSON):
// a string under a secret's name, a 32-hex AppSecret beside an appid, a private key, a token
// with a distinctive prefix, a `secret=` URL parameter. Reported through report_secret, so no
// output shows the value.
#include <optional>
#include <unordered_set>

#include "analyzer/rule.h"
#include "rules/security/client_code.h"
#include "rules/security/secret_shapes.h"

namespace mplint::rules {
namespace {

/// A string's text (between its quotes) and where that starts in the file.
struct Literal {
  Range at;       // the whole literal, quotes included
  Range content;  // its characters
  std::string_view text;
};

std::string quoted_name(std::string_view name) {
  return "`" + std::string(name.substr(0, 60)) + (name.size() > 60 ? "…" : "") + "`";
}

std::string appsecret_message(std::string_view name) {
  return "AppSecret-like string in " + quoted_name(name) +
         ": the secret must stay on your server; call code2session from your backend";
}

std::string named_message(SecretName kind, std::string_view name) {
  std::string in = quoted_name(name);
  const char* what = kind == SecretName::password ? "password"
                     : kind == SecretName::token  ? "token"
                     : kind == SecretName::key    ? "key"
                                                  : "secret";
  return std::string("Hard-coded ") + what + " in " + in +
         ": anyone who unpacks the mini-program can read it; keep it on your server and call "
         "the service from there";
}

/// What the other keys of a literal's object say about it.
struct Siblings {
  bool appid = false;        // an `appid` key: a 32-hex value beside it is the AppSecret
  bool cloud_space = false;  // a `spaceId` key: a uniCloud space, whose clientSecret is public
  void add(std::string_view key) {
    appid |= is_appid_name(key);
    cloud_space |= key == "spaceId";
  }
};

// The finding for a literal, if it holds a secret: by its text first, then by its name.
std::optional<std::pair<std::string, Range>> judge(const Literal& lit, std::string_view name,
                                                   const Siblings& siblings) {
  auto span = [&](size_t b, size_t e) {
    return Range{lit.content.begin + static_cast<uint32_t>(b),
                 lit.content.begin + static_cast<uint32_t>(e)};
  };
  std::string where = name.empty() ? "" : " in " + quoted_name(name);
  if (auto pem = find_pem(lit.text))
    return std::pair{
        "Private key" + where + ": a private key in client code is public; sign on your server",
        span(pem->begin, pem->end)};
  if (auto url = find_url_secret(lit.text))
    return std::pair{
        "AppSecret in a URL's `secret=` parameter: the secret must stay on your "
        "server; call code2session from your backend",
        span(url->begin, url->end)};
  if (auto token = find_token(lit.text))
    return std::pair{"Hard-coded credential (" + token->what + ")" + where +
                         ": anyone who unpacks the mini-program can read it; keep it on your "
                         "server and call the service from there",
                     span(token->begin, token->end)};
  SecretName kind = secret_name(name);
  if (siblings.cloud_space && name == "clientSecret") kind = SecretName::none;
  // 32 hex characters: the AppSecret when named so, or unnamed beside an appid.
  bool beside_appid = siblings.appid && kind == SecretName::none && !is_hash_name(name);
  if (is_hex32(lit.text) && (kind == SecretName::secret || beside_appid) &&
      !is_placeholder(lit.text))
    return std::pair{appsecret_message(name), lit.content};
  if (kind != SecretName::none && plausible_secret(lit.text))
    return std::pair{named_message(kind, name), lit.content};
  return std::nullopt;
}

void report(FileContext& ctx, const Literal& lit, std::string_view name,
            const Siblings& siblings = {}) {
  if (auto found = judge(lit, name, siblings))
    ctx.report_secret(lit.at, std::move(found->first), found->second);
}

// ---- JavaScript, TypeScript, WXS -----------------------------------------------------------

std::string_view unquote(std::string_view s) {
  if (s.size() >= 2 && (s[0] == '"' || s[0] == '\'' || s[0] == '`'))
    return s.substr(1, s.size() - 2);
  return s;
}

// The name a node stands for: an identifier, a property, a string key, `a.b` → b, `a['b']` → b.
std::string_view name_of(Node n) {
  if (!n) return {};
  std::string_view t = n.type();
  if (t == "member_expression") return name_of(n.field("property"));
  if (t == "subscript_expression") return name_of(n.field("index"));
  if (t == "computed_property_name") return name_of(n.named_child(0));
  if (t == "string") return unquote(n.text());
  if (t == "private_property_identifier") return n.text().substr(1);
  if (t.find("identifier") != std::string_view::npos) return n.text();
  return {};
}

// A value, with wrappers that do not change it removed: `('…')`, `'…' as const`.
Node unwrap(Node v) {
  while (v && (v.type() == "parenthesized_expression" || v.type() == "as_expression" ||
               v.type() == "satisfies_expression"))
    v = v.named_child(0);
  return v;
}

Siblings siblings_of(Node object) {
  Siblings s;
  for (Node pair : object.named_children())
    if (pair.type() == "pair") s.add(name_of(pair.field("key")));
  return s;
}

bool has_substitution(Node template_string) {
  for (Node c : template_string.named_children())
    if (c.type() == "template_substitution") return true;
  return false;
}

// Walks a script top-down: a value is judged where it is given a name (a declaration, an
// assignment, a property, a class field, a default), every other string by its text alone.
// (Looking names up from a string's parent would cost a scan per string: tree-sitter finds
// a parent from the root.)
class ScriptCheck {
 public:
  explicit ScriptCheck(FileContext& ctx) : ctx_(ctx) {}

  void run(Node root) {
    walk(root, [&](Node n) {
      visit(n);
      return n.type() != "string";
    });
  }

 private:
  void visit(Node n) {
    std::string_view t = n.type();
    if (t == "object") {
      Siblings siblings = siblings_of(n);
      for (Node pair : n.named_children())
        if (pair.type() == "pair") named(pair.field("value"), pair.field("key"), siblings);
    } else if (t == "variable_declarator") {
      named(n.field("value"), n.field("name"));
    } else if (t == "assignment_expression" || t == "assignment_pattern" ||
               t == "object_assignment_pattern") {
      named(n.field("right"), n.field("left"));
    } else if (t == "field_definition") {
      named(n.field("value"), n.field("property"));
    } else if (t == "public_field_definition" || t == "enum_assignment") {
      named(n.field("value"), n.field("name"));
    } else if (t == "required_parameter" || t == "optional_parameter") {
      named(n.field("value"), n.field("pattern"));
    } else if (t == "string" || t == "template_string") {
      if (!judged_.count(n.begin())) literal(n, "", {});
    }
  }

  void named(Node value, Node name, const Siblings& siblings = {}) {
    value = unwrap(value);
    if (!value || (value.type() != "string" && value.type() != "template_string")) return;
    judged_.insert(value.begin());
    literal(value, name_of(name), siblings);
  }

  // A string, or a template literal: whole when it has no `${}`, else each text part alone.
  void literal(Node n, std::string_view name, const Siblings& siblings) {
    Range at = n.range();
    if (at.end - at.begin < 2) return;
    if (n.type() == "template_string" && has_substitution(n)) {
      for (Node c : n.named_children())
        if (c.type() == "string_fragment")
          report(ctx_, {at, c.range(), ctx_.file.source.slice(c.range())}, "");
      return;
    }
    Range content{at.begin + 1, at.end - 1};
    report(ctx_, {at, content, ctx_.file.source.slice(content)}, name, siblings);
  }

  FileContext& ctx_;
  std::unordered_set<uint32_t> judged_;  // strings judged under a name already
};

// ---- JSON ----------------------------------------------------------------------------------

// JSON files that are not shipped to users (tool and package configs).
bool shipped_json(const std::string& path) {
  std::string_view base = path;
  if (size_t slash = base.rfind('/'); slash != std::string_view::npos)
    base.remove_prefix(slash + 1);
  for (std::string_view name : {"package.json", "package-lock.json", "project.config.json",
                                "project.private.config.json", "tsconfig.json", "jsconfig.json"})
    if (base == name) return false;
  return base.empty() || base[0] != '.';
}

void check_json(FileContext& ctx, const JsonValue& root) {
  std::vector<const JsonValue*> stack = {&root};  // no recursion: JSON may nest deeply
  while (!stack.empty()) {
    const JsonValue* v = stack.back();
    stack.pop_back();
    Siblings siblings;
    for (const auto& member : v->members) siblings.add(member.first);
    auto visit = [&](const std::string& name, const JsonValue& item) {
      if (!item.is_string()) return stack.push_back(&item);
      Range content{item.range.begin + 1, item.range.end - 1};
      report(ctx, {item.range, content, ctx.file.source.slice(content)}, name, siblings);
    };
    for (const auto& [name, member] : v->members) visit(name, member);
    for (const JsonValue& item : v->items) visit("", item);
  }
}

class HardcodedSecret : public Rule {
 public:
  RuleInfo info() const override {
    RuleInfo r{"security/hardcoded-secret", Severity::error,
               "A secret in client code: an AppSecret, a string under a secret's name (secret, "
               "apiKey, accessKey, privateKey, token, password), a private key, an access key.",
               "high"};
    r.security_severity = "8.5";
    return r;
  }

  void check_file(FileContext& ctx) const override {
    const ParsedFile& f = ctx.file;
    if (!runs_on_client(ctx)) return;  // a server, a cloud function, a test
    if (f.script) ScriptCheck(ctx).run(f.script->root());
    for (const EmbeddedScript& m : f.inline_modules)
      if (m.tree) ScriptCheck(ctx).run(m.tree->root());
    if (f.kind == FileKind::json && f.json && f.json->doc.has_root && shipped_json(f.path))
      check_json(ctx, f.json->doc.root);
  }
};

}  // namespace

std::unique_ptr<Rule> make_hardcoded_secret() { return std::make_unique<HardcodedSecret>(); }

}  // namespace mplint::rules
