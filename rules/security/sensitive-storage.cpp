// security/sensitive-storage: wx.setStorage/wx.setStorageSync of a credential (a password,
// a secret, an ID or bank card number), judged by the words of the key and of the value's
// name. Login tokens are common practice and are not reported.
#include <cctype>
#include <optional>
#include <set>

#include "analyzer/rule.h"

namespace mplint::rules {
namespace {

using Words = std::vector<std::string>;

// First words that make a name a flag or setting about the credential, not the credential:
// rememberPwd, showPassword, isSecret.
const std::set<std::string_view> kFlagWords = {
    "is",   "has",    "show",   "hide",  "remember", "need",    "needs",
    "use",  "enable", "auto",   "allow", "can",      "should",  "no",
    "save", "keep",   "toggle", "with",  "without",  "require", "required"};

/// The words of a name: camelCase, snake_case, kebab-case, dots and digits split, lowercased.
Words words_of(std::string_view name) {
  Words out;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) out.push_back(word);
    word.clear();
  };
  for (size_t i = 0; i < name.size(); ++i) {
    unsigned char c = name[i];
    if (!std::isalpha(c)) {
      flush();
      continue;
    }
    bool upper = std::isupper(c);
    bool after_lower = i > 0 && std::islower(static_cast<unsigned char>(name[i - 1]));
    bool acronym_end = i > 0 && std::isupper(static_cast<unsigned char>(name[i - 1])) &&
                       i + 1 < name.size() && std::islower(static_cast<unsigned char>(name[i + 1]));
    if (upper && (after_lower || acronym_end)) flush();
    word += static_cast<char>(std::tolower(c));
  }
  flush();
  return out;
}

bool ends_with(const Words& w, std::initializer_list<std::string_view> tail) {
  if (w.size() < tail.size()) return false;
  size_t i = w.size() - tail.size();
  for (std::string_view t : tail)
    if (w[i++] != t) return false;
  return true;
}

/// What credential a name's words name ("a password", …), or "". The credential must be the
/// name's last word (its head): `pwdVisible` and `passwordRule` are about a password.
std::string_view credential(Words w) {
  if (w.empty() || (w.size() > 1 && kFlagWords.count(w.front()))) return "";
  if (w.size() > 1 && w.back() == "key" && w[w.size() - 2] == "secret") w.pop_back();
  if (w.size() > 1 && (w.back() == "no" || w.back() == "num" || w.back() == "number") &&
      (w[w.size() - 2] == "card" || w[w.size() - 2] == "idcard" || w[w.size() - 2] == "bankcard"))
    w.pop_back();
  const std::string& last = w.back();
  if (last == "password" || last == "passwd" || last == "pwd") return "a password";
  if (last == "secret") return "a secret";
  if (last == "idcard" || ends_with(w, {"id", "card"})) return "an ID card number";
  if (last == "bankcard" || ends_with(w, {"bank", "card"})) return "a bank card number";
  if (w.front() == "user") w.erase(w.begin());
  if (w == Words{"idno"} || w == Words{"id", "no"} || w == Words{"id", "number"})
    return "an ID card number";
  return "";
}

/// The literal text of a key: a string, a template's fixed parts, the strings of a `+`
/// concatenation (other parts become a separator). Empty when nothing is literal.
std::string key_text(Node n) {
  std::string_view type = n.type();
  if (type == "string" || type == "template_string") {
    std::string out;
    for (Node c : n.named_children())
      out += c.type() == "string_fragment" ? std::string(c.text()) : std::string(".");
    return out;
  }
  if (type == "binary_expression" && n.child(1).type() == "+")
    return key_text(n.field("left")) + "." + key_text(n.field("right"));
  if (type == "parenthesized_expression") return key_text(n.named_child(0));
  return "";
}

/// A value that cannot hold a credential: a boolean, number, null, an empty string, a
/// negation or a comparison (`rememberPwd: true`, `password: ''` clears it).
bool inert(Node n) {
  std::string_view type = n.type();
  if (type == "true" || type == "false" || type == "number" || type == "null" ||
      type == "undefined" || type == "unary_expression")
    return true;
  if (type == "string" || type == "template_string") return n.named_child_count() == 0;
  if (type == "binary_expression") {
    std::string_view op = n.child(1).type();
    return op != "+" && op != "||" && op != "&&" && op != "??";
  }
  return false;
}

struct Hit {
  Node node;  // where to point
  std::string name;
  std::string_view what;  // "a password"
};

/// The name of a value: an identifier, a member's last property (`this.data.password`), a
/// string subscript; through `JSON.stringify(x)` and parentheses.
Node named_value(Node n) {
  std::string_view type = n.type();
  if (type == "parenthesized_expression") return named_value(n.named_child(0));
  if (type == "identifier") return n;
  if (type == "member_expression") return n.field("property");
  if (type == "subscript_expression" && n.field("index").type() == "string")
    return n.field("index").named_child(0);
  return {};
}

Node stringified(Node n) {
  Node fn = n.type() == "call_expression" ? n.field("function") : Node();
  if (!fn || fn.text() != "JSON.stringify") return n;
  Node args = n.field("arguments");
  return args && args.named_child_count() > 0 ? args.named_child(0) : n;
}

/// The first credential an object literal holds under its own keys.
std::optional<Hit> object_hit(Node obj) {
  for (Node p : obj.named_children()) {
    Node key = p.type() == "pair" ? p.field("key") : p;
    if (p.type() == "pair" && inert(p.field("value"))) continue;
    if (key.type() != "property_identifier" && key.type() != "shorthand_property_identifier" &&
        key.type() != "string")
      continue;
    std::string name = key.type() == "string" ? key_text(key) : std::string(key.text());
    if (std::string_view what = credential(words_of(name)); !what.empty())
      return Hit{key, name, what};
  }
  return std::nullopt;
}

std::optional<Hit> value_hit(Node value) {
  if (!value || inert(value)) return std::nullopt;
  value = stringified(value);
  if (value.type() == "object") return object_hit(value);
  std::string_view op = value.type() == "binary_expression" ? value.child(1).type() : "";
  if (op == "||" || op == "??") return value_hit(value.field("left"));  // password || ''
  Node name = named_value(value);
  if (!name) return std::nullopt;
  std::string_view what = credential(words_of(name.text()));
  if (what.empty()) return std::nullopt;
  std::string_view text = value.text().size() <= 40 ? value.text() : name.text();
  return Hit{value, std::string(text), what};
}

std::optional<Hit> key_hit(Node key) {
  std::string text = key ? key_text(key) : "";
  std::string_view what = credential(words_of(text));
  if (what.empty()) return std::nullopt;
  return Hit{key, std::string(key.text().size() <= 40 ? key.text() : text), what};
}

/// The member of an object literal argument named `name`, or null.
Node member(Node obj, std::string_view name) {
  for (Node p : obj.named_children())
    if (p.type() == "pair" && p.field("key").text() == name) return p.field("value");
  return {};
}

class SensitiveStorage : public Rule {
 public:
  RuleInfo info() const override {
    RuleInfo r{"security/sensitive-storage", Severity::warning,
               "wx.setStorage/wx.setStorageSync of a password, secret, ID or bank card number: "
               "local storage is plain text.",
               "high"};
    r.security_severity = "5.0";
    return r;
  }

  void check_file(FileContext& ctx) const override {
    FileKind kind = ctx.file.kind;
    if ((kind != FileKind::js && kind != FileKind::ts) || !ctx.file.script) return;
    walk(ctx.file.script->root(), [&](Node n) {
      if (n.type() == "call_expression") check_call(ctx, n);
      return true;
    });
  }

 private:
  static void check_call(FileContext& ctx, Node call) {
    Node fn = call.field("function");
    std::string_view api = fn.text();
    if (api != "wx.setStorageSync" && api != "wx.setStorage") return;
    Node args = call.field("arguments");
    if (!args || args.named_child_count() == 0) return;
    Node key = args.named_child(0),
         value = args.named_child_count() > 1 ? args.named_child(1) : Node();
    if (api == "wx.setStorage") {
      if (key.type() != "object") return;
      value = member(key, "data");
      key = member(key, "key");
    }
    if (value && inert(value)) return;
    std::optional<Hit> hit = key_hit(key);
    bool by_key = hit.has_value();
    if (!hit) hit = value_hit(value);
    if (!hit) return;
    std::string what(hit->what);
    std::string q = hit->name.find('`') == std::string::npos ? "`" : "";
    std::string said = by_key ? "the storage key " + q + hit->name + q + " names " + what
                              : "the stored value " + q + hit->name + q + " is " + what;
    bool login = what == "a password" || what == "a secret";
    ctx.report(hit->node.range(),
               "`" + std::string(api) + "`: " + said +
                   ", and local storage is plain text on the device: keep it on the server" +
                   (login ? " and store a login token instead"
                          : " and fetch it (masked) when a page needs it"));
  }
};

}  // namespace

std::unique_ptr<Rule> make_sensitive_storage() { return std::make_unique<SensitiveStorage>(); }

}  // namespace mplint::rules
