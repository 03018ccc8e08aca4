// performance/setdata-whole-list: setData sending a list of the page data whole again where
// a path update would do: `{ k: this.data.k }` after changing an item, `{ k: [...this.data.k,
// x] }` and `{ k: this.data.k.concat(x) }` to append, and the same through a local holding the
// list (`const { list } = this.data; list.push(x); this.setData({ list })`). Not when the
// function changed the list in a way only a whole update can send (splice, sort, a loop over
// its items), not for another key's list, not for path keys.
#include <map>
#include <optional>
#include <set>

#include "analyzer/js_util.h"
#include "analyzer/rule.h"

namespace mplint::rules {
namespace {

using js::unwrap;

enum Change : unsigned { kAppend = 1, kItem = 2, kWhole = 4 };

const std::set<std::string_view> kWholeChanges = {
    "splice", "unshift", "shift", "pop", "sort", "reverse", "fill", "copyWithin", "forEach", "map"};

// A name a function declares, and the data key it holds ("": `this.data` itself).
using Held = std::optional<std::string>;

struct Scope {
  std::map<std::string, Held> locals;
  std::map<std::string, unsigned> changes;  // data key → Change bits
};

struct Candidate {
  Node value;
  std::string key;
  bool append = false;
  unsigned changes = 0;
};

class Walker {
 public:
  void run(Node root) {
    walk(
        root, [&](Node n) { return enter(n); },
        [&](Node n) {
          if (js::is_function(n) && scopes_.size() > 1) scopes_.pop_back();
        });
  }
  std::vector<Candidate> candidates;
  std::map<std::string, bool> declared;  // data key → declared as an array

 private:
  bool enter(Node n) {
    std::string_view t = n.type();
    if (js::is_function(n)) {
      scopes_.emplace_back();
      Node params = n.field(n.field("parameter").null() ? "parameters" : "parameter");
      walk(params, [&](Node p) {  // parameters hide the names of the functions around
        if (p.type() == "identifier" || p.type() == "shorthand_property_identifier_pattern")
          scopes_.back().locals[std::string(p.text())] = std::nullopt;
        return !js::is_function(p);
      });
    }
    if (t == "variable_declarator") declare(n.field("name"), unwrap(n.field("value")));
    if (t == "assignment_expression" || t == "augmented_assignment_expression" ||
        t == "update_expression")
      assign(unwrap(n.field(t == "update_expression" ? "argument" : "left")), n);
    if (t == "for_in_statement") change(n.field("right"), kWhole);
    if (t == "call_expression") call(n);
    return true;
  }

  bool is_this(Node n) const {
    n = unwrap(n);
    return n.type() == "this" || (n.type() == "identifier" && this_.count(std::string(n.text())));
  }

  Held local(std::string_view name) const {
    for (auto s = scopes_.rbegin(); s != scopes_.rend(); ++s)
      if (auto it = s->locals.find(std::string(name)); it != s->locals.end()) return it->second;
    return std::nullopt;
  }

  // The data key an expression holds: `this.data.k`, `data.k` (data = this.data), `list`.
  std::string key_of(Node e) const {
    e = unwrap(e);
    if (e.type() == "identifier" || e.type() == "shorthand_property_identifier")
      return local(e.text()).value_or("");
    if (e.type() != "member_expression") return "";
    Node object = unwrap(e.field("object"));
    bool holder = object.type() == "member_expression" &&
                  object.field("property").text() == "data" && is_this(object.field("object"));
    if (!holder && object.type() == "identifier") holder = local(object.text()) == "";
    return holder ? std::string(e.field("property").text()) : "";
  }

  void declare(Node name, Node value) {
    if (value.type() == "this" && name.type() == "identifier")
      this_.insert(std::string(name.text()));
    if (name.type() == "identifier") {
      bool data = value.type() == "member_expression" && value.field("property").text() == "data" &&
                  is_this(value.field("object"));
      std::string key = data ? "" : key_of(value);
      scopes_.back().locals[std::string(name.text())] = data || !key.empty() ? Held(key) : Held();
      return;
    }
    bool from_data = value.type() == "member_expression" &&
                     value.field("property").text() == "data" && is_this(value.field("object"));
    if (name.type() != "object_pattern") return;
    for (Node p : name.named_children()) {  // `{ list } = this.data`, `{ data } = this`
      std::string key =
          p.type() == "pair_pattern" ? js::property_name(p.field("key")) : std::string(p.text());
      Node local = p.type() == "pair_pattern" ? p.field("value") : p;
      if (local.type() != "identifier" && local.type() != "shorthand_property_identifier_pattern")
        continue;
      Held held;
      if (from_data) held = key;
      if (!from_data && key == "data" && is_this(value)) held = "";
      scopes_.back().locals[std::string(local.text())] = held;
    }
  }

  void change(Node list, unsigned how) {
    if (std::string key = key_of(list); !key.empty()) scopes_.back().changes[key] |= how;
  }

  void assign(Node left, Node n) {
    if (left.type() == "identifier" && n.type() == "assignment_expression" &&
        unwrap(n.field("right")).type() == "this")
      this_.insert(std::string(left.text()));
    if (left.type() == "identifier") {  // `list = …`: no longer the page's list
      for (auto s = scopes_.rbegin(); s != scopes_.rend(); ++s)
        if (auto it = s->locals.find(std::string(left.text())); it != s->locals.end()) {
          it->second.reset();
          break;
        }
      return;
    }
    change(left, kWhole);  // `this.data.list = …`
    for (Node at = left; at.type() == "member_expression" || at.type() == "subscript_expression";
         at = unwrap(at.field("object"))) {
      Node object = unwrap(at.field("object"));
      if (key_of(object).empty()) continue;
      bool length = at.type() == "member_expression" && at.field("property").text() == "length";
      change(object, length ? kWhole : kItem);  // `list[i].checked = …`, `list.length = 0`
      break;
    }
  }

  void call(Node n) {
    Node callee = unwrap(n.field("function"));
    Node args = n.field("arguments");
    if (callee.type() == "identifier" && (callee.text() == "Page" || callee.text() == "Component"))
      return declarations(unwrap(args.named_child(0)));
    if (callee.type() != "member_expression") return;
    std::string_view method = callee.field("property").text();
    if (method == "push") change(callee.field("object"), kAppend);
    if (kWholeChanges.count(method)) change(callee.field("object"), kWhole);
    if (method != "setData" || !is_this(callee.field("object"))) return;
    Node payload = unwrap(args.named_child(0));
    if (payload.type() != "object") return;
    for (Node m : payload.named_children()) {
      std::string key = m.type() == "pair" ? js::property_name(m.field("key"))
                        : m.type() == "shorthand_property_identifier" ? std::string(m.text())
                                                                      : "";
      if (key.empty() || key.find_first_of(".[") != std::string::npos) continue;
      inspect(key, m.type() == "pair" ? unwrap(m.field("value")) : m);
    }
  }

  // A value that sends list `key` whole: itself, a copy, or an append to it.
  void inspect(const std::string& key, Node value) {
    std::string_view t = value.type();
    if (t == "ternary_expression") {
      inspect(key, unwrap(value.field("consequence")));
      return inspect(key, unwrap(value.field("alternative")));
    }
    Node list = value;
    bool append = false;
    if (t == "call_expression" && unwrap(value.field("function")).type() == "member_expression" &&
        unwrap(value.field("function")).field("property").text() == "concat") {
      list = unwrap(value.field("function")).field("object");
      append = value.field("arguments").named_child_count() > 0;
    } else if (t == "array" && value.named_child(0).type() == "spread_element") {
      list = value.named_child(0).named_child(0);
      append = value.named_child_count() > 1;
    }
    if (key_of(list) != key) return;
    unsigned changes = 0;
    for (const Scope& s : scopes_)
      if (auto it = s.changes.find(key); it != s.changes.end()) changes |= it->second;
    candidates.push_back({value, key, append, changes});
  }

  void declarations(Node options) {
    if (options.type() != "object") return;
    Node data = js::member_value(options, "data");
    if (data.type() == "object")
      for (Node p : data.named_children())
        if (p.type() == "pair")
          declared.emplace(js::property_name(p.field("key")),
                           unwrap(p.field("value")).type() == "array");
    Node properties = js::member_value(options, "properties");
    if (properties.type() == "object")
      for (Node p : properties.named_children()) {
        if (p.type() != "pair") continue;
        Node v = unwrap(p.field("value"));
        Node type = v.type() == "object" ? js::member_value(v, "type") : v;
        if (type.type() == "identifier")
          declared.emplace(js::property_name(p.field("key")), type.text() == "Array");
      }
  }

  std::vector<Scope> scopes_ = {Scope{}};
  std::set<std::string> this_;  // names holding `this`
};

class SetdataWholeList : public Rule {
 public:
  RuleInfo info() const override {
    return {"performance/setdata-whole-list", Severity::warning,
            "`this.setData({ k: this.data.k })`, `{ k: [...this.data.k, x] }` or "
            "`{ k: this.data.k.concat(x) }`: sends the whole list again; use a path update.",
            "high"};
  }

  void check_file(FileContext& ctx) const override {
    FileKind kind = ctx.file.kind;
    if ((kind != FileKind::js && kind != FileKind::ts) || !ctx.file.script) return;
    if (ctx.file.script->root().text().find("setData") == std::string_view::npos) return;
    Walker w;
    w.run(ctx.file.script->root());
    for (const Candidate& c : w.candidates) {
      auto decl = w.declared.find(c.key);
      bool array = decl != w.declared.end() && decl->second;
      bool other = decl != w.declared.end() && !decl->second;
      if (other || (c.changes & kWhole)) continue;
      if (!c.append && !array && !(c.changes & kAppend)) continue;
      bool append = c.append || ((c.changes & kAppend) && !(c.changes & kItem));
      std::string shown =
          c.value.text() == c.key ? "" : " (`" + shorten_for_message(c.value.text()) + "`)";
      ctx.report(c.value.range(), "setData sends the whole `" + c.key +
                                      "` list to the view layer again" +
                                      (append ? " to append to it" : "") + shown +
                                      (append ? ": set only the new items with path keys (`['" +
                                                    c.key + "[' + (length + i) + ']']: item`)"
                                              : ": set only what changed with path keys (`['" +
                                                    c.key + "[' + i + '].done']: value`)"));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_setdata_whole_list() { return std::make_unique<SetdataWholeList>(); }

}  // namespace mplint::rules
