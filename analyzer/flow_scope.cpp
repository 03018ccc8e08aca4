#include "analyzer/flow_scope.h"

#include <algorithm>

#include "analyzer/js_util.h"

namespace mplint::flow {

using js::member_root;
using js::member_value;
using js::property_name;
using js::string_value;
using js::unwrap;

namespace {

constexpr int kMaxDepth = 16;

}  // namespace

std::string dotted(const std::vector<std::string>& path) {
  std::string out;
  for (const std::string& p : path) out += (out.empty() ? "" : ".") + p;
  return out;
}

std::string parameter_text(Node param) {
  std::string_view t = param.type();
  if (t == "required_parameter" || t == "optional_parameter") param = param.field("pattern");
  if (param.type() == "assignment_pattern") param = param.field("left");
  return std::string(param.text());
}

std::vector<Node> parameters_of(Node fn) {
  if (Node single = fn.field("parameter"); single) return {single};
  Node params = fn.field("parameters");
  if (params.null()) return {};
  return params.named_children();
}

NodeIndex NodeIndex::of(Node root) {
  NodeIndex out;
  walk(root, [&](Node n) {
    std::string_view t = n.type();
    if (js::is_function(n)) out.functions.push_back(n);
    if (t == "call_expression")
      out.calls.push_back(n);
    else if (t == "pair")
      out.pairs.push_back(n);
    else if ((t == "string" || t == "template_string") &&
             n.text().find("plugin") != std::string_view::npos)
      out.plugin_strings.push_back(n);
    else if (t == "assignment_expression" || t == "augmented_assignment_expression" ||
             t == "update_expression")
      out.assignments.push_back(n);
    else if (t == "variable_declarator" || t == "function_declaration" ||
             t == "generator_function_declaration" || t == "class_declaration" ||
             t == "for_in_statement" || t == "catch_clause" || t == "import_statement")
      out.declarations.push_back(n);
    return true;
  });
  return out;
}

Scopes::Scopes(Node root, const NodeIndex& index) : root_(root) {
  std::vector<int> open;  // the functions around the current one
  for (Node n : index.functions) {
    while (!open.empty() && fns_[open.back()].end <= n.begin()) open.pop_back();
    fns_.push_back({n.begin(), n.end(), n, open.empty() ? -1 : open.back()});
    open.push_back(static_cast<int>(fns_.size()) - 1);
  }
  for (Node n : index.declarations) declare_node(n);
  for (Node n : index.functions) declare_params(n);
  for (Node n : index.assignments) record_assignment(n);
}

void Scopes::declare_node(Node n) {
  std::string_view t = n.type();
  if (t == "variable_declarator") {
    Decl d{.kind = Decl::Kind::var, .id = n.begin(), .value = unwrap(n.field("value"))};
    declare_pattern(scope_of(n), n.field("name"), d);
  } else if (t == "function_declaration" || t == "generator_function_declaration" ||
             t == "class_declaration") {
    Decl d{.kind = Decl::Kind::function, .id = n.begin(), .value = n};
    if (Node name = n.field("name"); name) declare(scope_of(n), std::string(name.text()), d);
  } else if (t == "for_in_statement" || t == "catch_clause") {
    // Loop variables and caught errors take many values: never followed.
    Decl d{.kind = Decl::Kind::ambiguous, .id = n.begin()};
    Node scope = scope_of(n);
    declare_pattern(scope, n.field(t == "catch_clause" ? "parameter" : "left"), d);
    declare_pattern(scope, n.field(t == "catch_clause" ? "parameter" : "left"), d);
  } else if (t == "import_statement") {
    declare_imports(n);
  }
}

void Scopes::declare_imports(Node n) {
  std::string spec;
  if (!string_value(n.field("source"), &spec)) return;
  for (Node c : n.named_children()) {
    if (c.type() != "import_clause") continue;
    for (Node part : c.named_children()) {
      Decl d{.kind = Decl::Kind::import, .id = part.begin(), .module = spec};
      if (part.type() == "identifier") declare(scope_of(n), std::string(part.text()), d);
      if (part.type() == "namespace_import" && part.named_child(0))
        declare(scope_of(n), std::string(part.named_child(0).text()), d);
      if (part.type() != "named_imports") continue;
      for (Node s : part.named_children()) {
        Node name = s.field("name"), alias = s.field("alias");
        Decl named = d;
        named.id = s.begin();
        named.path = {std::string(name.text())};
        declare(scope_of(n), std::string((alias ? alias : name).text()), named);
      }
    }
  }
}

int Scopes::innermost(uint32_t begin, uint32_t end, const Node& self) const {
  auto after = std::upper_bound(fns_.begin(), fns_.end(), begin,
                                [](uint32_t b, const Fn& f) { return b < f.begin; });
  int i = static_cast<int>(after - fns_.begin()) - 1;
  while (i >= 0 && (fns_[i].end < end || fns_[i].node == self)) i = fns_[i].parent;
  return i;
}

// Declarations are keyed by their scope's offset; the program gets one no function has.
uint32_t scope_key(const Node& scope, const Node& root) {
  return scope == root ? UINT32_MAX : scope.begin();
}

Node Scopes::scope_of(Node n) const {
  int i = innermost(n.begin(), n.end(), n);
  return i < 0 ? root_ : fns_[i].node;
}

std::vector<Node> Scopes::functions_around(Node n) const {
  std::vector<Node> out;
  for (int i = innermost(n.begin(), n.end(), n); i >= 0; i = fns_[i].parent)
    out.push_back(fns_[i].node);
  return out;
}

void Scopes::declare(Node scope, const std::string& name, Decl d) {
  if (scope.null() || name.empty()) return;
  auto [it, fresh] = decls_.try_emplace({scope_key(scope, root_), name}, d);
  if (!fresh) it->second.kind = Decl::Kind::ambiguous;
}

// `const {a, b: {c}} = x` declares a (path a) and c (path b.c) below x.
void Scopes::declare_pattern(Node scope, Node pattern, Decl d) {
  std::string_view t = pattern.type();
  if (t == "identifier") {
    declare(scope, std::string(pattern.text()), d);
  } else if (t == "required_parameter" || t == "optional_parameter") {  // TypeScript
    declare_pattern(scope, pattern.field("pattern"), d);
  } else if (t == "assignment_pattern") {
    declare_pattern(scope, pattern.field("left"), d);
  } else if (t == "object_assignment_pattern") {  // {a = 1}
    declare_pattern(scope, pattern.field("left"), d);
  } else if (t == "shorthand_property_identifier_pattern") {
    Decl inner = d;
    inner.path.push_back(std::string(pattern.text()));
    declare(scope, std::string(pattern.text()), inner);
  } else if (t == "pair_pattern") {
    Decl inner = d;
    inner.path.push_back(property_name(pattern.field("key")));
    declare_pattern(scope, pattern.field("value"), inner);
  } else if (t == "object_pattern" || t == "array_pattern") {
    for (Node c : pattern.named_children()) {
      Decl inner = d;
      if (t == "array_pattern") inner.path.push_back("[]");
      declare_pattern(scope, c, inner);
    }
  } else if (t == "rest_pattern" && pattern.named_child(0)) {
    Decl inner = d;
    inner.kind = Decl::Kind::ambiguous;  // the rest of an object: not one known value
    declare_pattern(scope, pattern.named_child(0), inner);
  }
}

void Scopes::declare_params(Node fn) {
  std::vector<Node> params = parameters_of(fn);
  for (size_t i = 0; i < params.size(); ++i) {
    Decl d{
        .kind = Decl::Kind::param, .id = params[i].begin(), .fn = fn, .index = static_cast<int>(i)};
    declare_pattern(fn, params[i], d);
  }
}

void Scopes::record_assignment(Node n) {
  std::string_view t = n.type();
  Node target;
  Node value;
  if (t == "assignment_expression") {
    target = n.field("left");
    value = unwrap(n.field("right"));
  } else if (t == "augmented_assignment_expression") {
    target = n.field("left");
  } else if (t == "update_expression") {
    target = n.field("argument");
  } else {
    return;
  }
  target = unwrap(target);
  if (target.type() != "identifier") return;
  if (const Decl* d = lookup(target)) const_cast<Decl*>(d)->assigned.push_back(value);
}

const Decl* Scopes::lookup(Node identifier) const {
  std::string name(identifier.text());
  for (int i = innermost(identifier.begin(), identifier.end(), identifier); i >= 0;
       i = fns_[i].parent) {
    auto it = decls_.find({fns_[i].begin, name});
    if (it != decls_.end()) return &it->second;
  }
  auto it = decls_.find({UINT32_MAX, name});
  return it == decls_.end() ? nullptr : &it->second;
}

Target Evaluator::resolve(Node e, int depth) const {
  e = unwrap(e);
  Target t;
  if (e.null() || depth > kMaxDepth) return t;
  std::string_view type = e.type();
  if (type == "identifier" || type == "shorthand_property_identifier") {
    const Decl* d = scopes_.lookup(e);
    if (!d) return t;
    switch (d->kind) {
      case Decl::Kind::var:
        if (!d->assigned.empty() || d->value.null()) return t;
        t = resolve(d->value, depth + 1);
        break;
      case Decl::Kind::param:
        t = {.kind = Target::Kind::param, .fn = d->fn, .index = d->index};
        break;
      case Decl::Kind::import:
        t = {.kind = Target::Kind::module, .module = d->module};
        break;
      case Decl::Kind::function:
        t = {.kind = Target::Kind::node, .node = d->value};
        break;
      case Decl::Kind::ambiguous:
        return t;
    }
    t.path.insert(t.path.end(), d->path.begin(), d->path.end());
    return descend(t, depth);
  }
  if (type == "member_expression" || type == "subscript_expression") {
    std::vector<std::string> path;
    Node root = member_root(e, &path);
    if (root.null() || root == e) return t;
    t = resolve(root, depth + 1);
    if (t.kind == Target::Kind::none) return t;
    t.path.insert(t.path.end(), path.begin(), path.end());
    return descend(t, depth);
  }
  if (type == "call_expression") {
    Node fn = unwrap(e.field("function"));
    std::string spec;
    if (fn.type() == "identifier" && fn.text() == "require" &&
        string_value(e.field("arguments").named_child(0), &spec))
      return {.kind = Target::Kind::module, .module = spec};
    if (fn.type() == "identifier" && fn.text() == "getApp") return {.kind = Target::Kind::app};
    return t;
  }
  if (type == "this") return {.kind = Target::Kind::self, .node = this_holder(e)};
  return {.kind = Target::Kind::node, .node = e};
}

// What `this` is in the method around `e`: the object literal (App({...}), a wrapper object)
// or the class body holding the method; null when it cannot be told (a plain function).
Node Evaluator::this_holder(Node e) const {
  for (Node fn : scopes_.functions_around(e)) {
    if (fn.type() == "arrow_function") continue;  // arrows keep the outer `this`
    Node parent = fn.parent();
    if (fn.type() == "method_definition") return parent;
    if (parent.type() == "pair") return parent.parent();
    return {};
  }
  return {};
}

// `this.x` in a method: the holder's member x, or in a class what the constructor assigns
// (`this.x = …`) or a field declares. Page/Component `data` changes with setData: not read.
Target Evaluator::member_of_this(const Target& self, int depth) const {
  const std::string& name = self.path.front();
  if (self.node.null() || name == "data") return {};
  std::vector<std::string> rest(self.path.begin() + 1, self.path.end());
  Node value;
  if (self.node.type() == "object") value = member_value(self.node, name);
  if (self.node.type() == "class_body") value = class_member(self.node, name);
  if (value.null()) return {};
  Target t = resolve(value, depth + 1);
  t.path.insert(t.path.end(), rest.begin(), rest.end());
  return descend(t, depth + 1);
}

Node Evaluator::class_member(Node body, const std::string& name) const {
  const ClassMembers& members = class_members(body);
  auto it = members.find(name);
  // Assigned twice: not one known value.
  return it != members.end() && it->second.second == 1 ? it->second.first : Node();
}

// A class's fields and what its methods assign to `this.x`, read in one walk per class (a
// class with many methods is asked about many members).
const Evaluator::ClassMembers& Evaluator::class_members(Node body) const {
  auto [it, added] = class_members_.try_emplace(body.begin());
  ClassMembers& out = it->second;
  if (!added) return out;
  auto add = [&](const std::string& name, Node value) {
    auto& slot = out[name];
    slot.first = value;
    ++slot.second;
  };
  for (Node m : body.named_children()) {
    if (m.type() == "field_definition" || m.type() == "public_field_definition")
      add(property_name(m.field(m.type() == "field_definition" ? "property" : "name")),
          unwrap(m.field("value")));
    if (m.type() != "method_definition") continue;
    walk(m.field("body"), [&](Node n) {  // this.name = value, in any method
      if (n.type() != "assignment_expression") return true;
      std::vector<std::string> path;
      Node root = member_root(n.field("left"), &path);
      if (root.type() == "this" && path.size() == 1) add(path[0], unwrap(n.field("right")));
      return true;
    });
  }
  return out;
}

// Follows a member path into object literals: `const c = {base: 'x'}; c.base` → 'x'.
Target Evaluator::descend(Target t, int depth) const {
  if (t.kind == Target::Kind::self && !t.path.empty()) return member_of_this(t, depth);
  while (t.kind == Target::Kind::node && !t.path.empty() && t.node.type() == "object") {
    Node v = member_value(t.node, t.path.front());
    if (v.null() || depth > kMaxDepth) return {};
    std::vector<std::string> rest(t.path.begin() + 1, t.path.end());
    t = resolve(v, ++depth);
    t.path.insert(t.path.end(), rest.begin(), rest.end());
  }
  if (t.kind == Target::Kind::node && !t.path.empty()) return {};
  return t;
}

Node Evaluator::object_of(Node e) const {
  Target t = resolve(e);
  return t.kind == Target::Kind::node && t.node.type() == "object" ? t.node : Node();
}

FlowString Evaluator::string_of(Node e, int depth) const {
  FlowString out;
  e = unwrap(e);
  if (e.null()) return out;
  auto unknown = [&] { out.parts.push_back({.kind = FlowPart::Kind::unknown, .loc = loc(e)}); };
  if (depth > kMaxDepth) {
    unknown();
    return out;
  }
  std::string_view type = e.type();
  std::string text;
  if (string_value(e, &text) || type == "number") {
    if (type == "number") text = std::string(e.text());
    out.parts.push_back({.kind = FlowPart::Kind::text, .text = text, .loc = loc(e)});
  } else if (type == "template_string") {
    append_template(e, depth, &out);
  } else if (type == "binary_expression" && e.field("operator").text() == "+") {
    FlowString left = string_of(e.field("left"), depth + 1);
    FlowString right = string_of(e.field("right"), depth + 1);
    out.parts = std::move(left.parts);
    out.parts.insert(out.parts.end(), right.parts.begin(), right.parts.end());
  } else {
    Target t = resolve(e, depth + 1);
    if (t.kind == Target::Kind::node && t.node != e && t.path.empty())
      return string_of(t.node, depth + 1);
    if ((t.kind == Target::Kind::module || t.kind == Target::Kind::app) && !t.path.empty())
      out.parts.push_back({.kind = FlowPart::Kind::ref,
                           .text = dotted(t.path),
                           .module = t.kind == Target::Kind::app ? "<app>" : t.module,
                           .loc = loc(e)});
    else if (t.kind == Target::Kind::param)
      out.parts.push_back({.kind = FlowPart::Kind::param,
                           .param = t.index,
                           .param_path = dotted(t.path),
                           .param_fn = t.fn.begin(),
                           .loc = loc(e)});
    else
      unknown();
  }
  return out;
}

void Evaluator::append_template(Node tmpl, int depth, FlowString* out) const {
  uint32_t at = tmpl.begin() + 1;
  auto text_until = [&](uint32_t end) {
    if (end <= at) return;
    Range r{at, end};
    out->parts.push_back({.kind = FlowPart::Kind::text,
                          .text = std::string(source_.slice(r)),
                          .loc = locate(source_, r)});
  };
  for (Node c : tmpl.named_children()) {
    if (c.type() != "template_substitution") continue;
    text_until(c.begin());
    FlowString inner = string_of(c.named_child(0), depth + 1);
    out->parts.insert(out->parts.end(), inner.parts.begin(), inner.parts.end());
    at = c.end();
  }
  text_until(tmpl.end() - 1);
}

namespace {

// "wx.NAME" when `call` calls wx.NAME for one of `names`, else "".
template <size_t N>
std::string wx_call(Node call, const char* const (&names)[N]) {
  Node fn = unwrap(call.field("function"));
  if (fn.type() != "member_expression") return "";
  Node object = unwrap(fn.field("object"));
  if (object.type() != "identifier" || object.text() != "wx") return "";
  for (const char* name : names)
    if (fn.field("property").text() == name) return std::string("wx.") + name;
  return "";
}

}  // namespace

std::string Evaluator::network_api(Node call) {
  static const char* const kApis[] = {"request", "uploadFile", "downloadFile", "connectSocket"};
  return wx_call(call, kApis);
}

std::string Evaluator::navigation_api(Node call) {
  static const char* const kApis[] = {"navigateTo", "redirectTo", "reLaunch", "switchTab"};
  return wx_call(call, kApis);
}

}  // namespace mplint::flow
