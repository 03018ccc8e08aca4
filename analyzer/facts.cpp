#include "analyzer/facts.h"

#include <algorithm>
#include <set>

#include "analyzer/js_util.h"
#include "analyzer/path_literals.h"

namespace mplint {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

using js::member_value;
using js::object_keys;
using js::property_name;
using js::string_value;
using js::unwrap;

bool has_behaviors(Node obj) {
  Node b = member_value(obj, "behaviors");
  if (b.null()) return false;
  return !(b.type() == "array" && b.named_child_count() == 0);
}

void read_shape(Node call, std::string_view callee, ScriptShape* shape) {
  Node args = call.field("arguments");
  Node obj = unwrap(args.named_child(0));
  if (callee == "App")
    shape->kind = ScriptShape::Kind::app;
  else if (callee == "Page")
    shape->kind = ScriptShape::Kind::page;
  else if (callee == "Behavior")
    shape->kind = ScriptShape::Kind::behavior;
  else
    shape->kind = ScriptShape::Kind::component;
  if (obj.type() != "object") return;  // Page(options): not readable statically
  if (obj.has_error()) return;         // a syntax error may have hidden some keys
  if (has_behaviors(obj)) return;
  if (shape->kind == ScriptShape::Kind::component) {
    Node methods = member_value(obj, "methods");
    if (methods.null()) {
      shape->methods_known = true;
      return;
    }
    if (methods.type() != "object") return;
    shape->methods_known = object_keys(methods, &shape->methods);
    return;
  }
  shape->methods_known = object_keys(obj, &shape->methods);
}

// Whether `n` is `this` or a variable holding it (`const self = this`).
bool is_this(Node n, const std::set<std::string, std::less<>>& aliases) {
  return n.type() == "this" || (n.type() == "identifier" && aliases.count(n.text()));
}

// `this[name] = fn`, `Object.assign(this, …)`: methods made at run time, which no static
// reading of the options object can see (towxml adds its `_tap` handlers so).
bool adds_members_to_this(Node n, std::set<std::string, std::less<>>* aliases) {
  std::string_view t = n.type();
  if (t == "variable_declarator" && n.field("value").type() == "this") {
    if (n.field("name").type() == "identifier")
      aliases->insert(std::string(n.field("name").text()));
    return false;
  }
  if (t == "assignment_expression") {
    Node left = n.field("left");
    return left.type() == "subscript_expression" && is_this(left.field("object"), *aliases);
  }
  if (t == "call_expression") {
    std::string_view fn = n.field("function").text();
    return (fn == "Object.assign" || fn == "Object.defineProperty" ||
            fn == "Object.defineProperties") &&
           is_this(n.field("arguments").named_child(0), *aliases);
  }
  return false;
}

// Whether an enclosing function binds `require` as a parameter: a bundle's own module
// loader (browserify's `function(require, module, exports)`), not WeChat's.
bool require_is_local(Node call) {
  for (Node n = call.parent(); n; n = n.parent()) {
    if (Node single = n.type() == "arrow_function" ? n.field("parameter") : Node(); single)
      if (single.text() == "require") return true;
    Node params = n.field("parameters");
    if (params.null() || params.type() != "formal_parameters") continue;
    for (Node param : params.named_children())
      if (param.type() == "identifier" && param.text() == "require") return true;
  }
  return false;
}

// `plugin://NAME/…` and `plugin-private://APPID/…` in `text` (a string or an attribute value):
// the names go to plugin_refs. A name cut short by a binding, a substitution or the end of a
// string that is concatenated (`'plugin://' + name`) makes the use unknown.
void note_plugin_urls(std::string_view text, FileFacts* out) {
  for (std::string_view scheme : {"plugin://", "plugin-private://"})
    for (size_t at = text.find(scheme); at != std::string_view::npos;
         at = text.find(scheme, at + 1)) {
      size_t from = at + scheme.size();
      size_t end = std::min(text.find_first_of("/?#'\"` \t\r\n{}$+", from), text.size());
      std::string_view name = text.substr(from, end - from);
      bool cut =
          end < text.size() && std::string_view("{}$+").find(text[end]) != std::string_view::npos;
      if (name.empty() || cut)
        out->plugin_ref_unknown = true;
      else
        out->plugin_refs.emplace_back(name);
    }
}

// Whether `callee`, `requirePlugin` or `Taro.requirePlugin` (`uni.`, `wx.`…), is called
// (`requirePlugin(…)`, `requirePlugin.async(…)`) or only tested (`typeof requirePlugin`).
bool require_plugin_called(Node callee) {
  Node parent = callee.parent();
  if (parent.type() == "unary_expression" && parent.child(0).text() == "typeof") return true;
  if (parent.type() == "member_expression" && parent.field("object") == callee &&
      parent.field("property").text() == "async")
    callee = parent, parent = parent.parent();
  return parent.type() == "call_expression" && parent.field("function") == callee;
}

// The expression that names requirePlugin at `n`: the identifier, or the member expression
// whose property it is. Null elsewhere (a method or key of that name).
Node require_plugin_callee(Node n) {
  std::string_view t = n.type();
  if (n.text() != "requirePlugin") return Node();
  if (t == "identifier") return n;
  Node parent = n.parent();
  if (t == "property_identifier" && parent.type() == "member_expression" &&
      parent.field("property") == n)
    return parent;
  return Node();
}

// requirePlugin('name') calls (plugin URLs in strings come from the data flow, which knows
// the constants they are built from).
void plugin_facts(Node n, FileFacts* out) {
  Node callee = require_plugin_callee(n);
  if (callee.null()) return;
  if (!require_plugin_called(callee)) {
    out->plugin_ref_unknown = true;  // `const r = requirePlugin`: its calls are not followed
    return;
  }
  Node call = callee.parent();
  if (call.type() == "member_expression") call = call.parent();  // requirePlugin.async(…)
  if (call.type() != "call_expression") return;                  // typeof requirePlugin
  std::string name;
  if (string_value(call.field("arguments").named_child(0), &name) && !name.empty())
    out->plugin_refs.push_back(name);
  else
    out->plugin_ref_unknown = true;
}

// The object a `relations` key is given: `relations: {…}`, `this.relations = {…}`, a class
// field `relations = {…}`.
Node relations_object(Node n) {
  std::string_view t = n.type();
  Node value;
  if (t == "pair" && property_name(n.field("key")) == "relations") value = n.field("value");
  if (t == "field_definition" || t == "public_field_definition") {
    Node name = n.field("property");
    if (name.null()) name = n.field("name");
    if (property_name(name) == "relations") value = n.field("value");
  }
  if (t == "assignment_expression" && n.field("left").type() == "member_expression" &&
      property_name(n.field("left").field("property")) == "relations")
    value = n.field("right");
  value = unwrap(value);
  return value.type() == "object" ? value : Node();
}

void relation_facts(Node n, FileFacts* out) {
  Node object = relations_object(n);
  if (object.null()) return;
  for (Node member : object.named_children()) {
    if (member.type() != "pair") continue;
    std::string key = property_name(member.field("key"));
    if (!key.empty()) out->relation_paths.push_back(key);
  }
}

// The text a `+` chain or a template builds, '*' for each part not known statically:
// '/img/' + name + '.png' is "/img/*.png".
void append_pattern(Node n, std::string* out) {
  std::string_view t = n.type();
  std::string s;
  if (t == "parenthesized_expression") return append_pattern(n.named_child(0), out);
  if (t == "binary_expression" && n.field("operator").text() == "+") {
    append_pattern(n.field("left"), out);
    return append_pattern(n.field("right"), out);
  }
  if (string_value(n, &s)) {
    *out += s;
  } else if (t == "template_string") {
    for (Node c : n.named_children()) {
      if (c.type() == "string_fragment")
        *out += c.text();
      else if (c.type() == "template_substitution")
        *out += '*';
    }
  } else {
    *out += '*';
  }
}

bool is_plus(Node n) {
  return n.type() == "binary_expression" && n.field("operator").text() == "+";
}

// A `+` chain (its outermost node) that builds a path: "/img/*.png" joins path_literals.
void concatenation_literal(Node n, std::set<std::string>* literals) {
  if (!is_plus(n) || is_plus(n.parent())) return;
  std::string pattern;
  append_pattern(n, &pattern);
  add_path_pattern(pattern, literals);
}

// require(path built at run time): "./lang/" + name names "lang/*.js"; require(name) names
// any script.
void dynamic_require(Node arg, FileFacts* out, std::set<std::string>* literals) {
  std::string pattern;
  append_pattern(arg, &pattern);
  if (pattern.find_first_not_of('*') == std::string::npos) {
    out->dynamic_require = true;
    return;
  }
  size_t slash = pattern.rfind('/');
  std::string_view last = std::string_view(pattern).substr(slash == std::string::npos ? 0 : slash);
  if (last.find('.') == std::string_view::npos) pattern += ".js";
  add_path_pattern(pattern, literals);
}

void script_facts(const ParsedFile& f, const SyntaxTree& tree, FileFacts* out,
                  std::set<std::string>* literals) {
  int shapes = 0;
  bool dynamic_members = false;
  std::set<std::string, std::less<>> this_aliases;
  walk(tree.root(), [&](Node n) {
    std::string_view t = n.type();
    if (adds_members_to_this(n, &this_aliases)) dynamic_members = true;
    plugin_facts(n, out);
    relation_facts(n, out);
    if (t == "call_expression") {
      Node fn = n.field("function");
      Node args = n.field("arguments");
      std::string spec;
      bool require = fn.type() == "identifier" && fn.text() == "require" && !require_is_local(n);
      if (require && string_value(args.named_child(0), &spec)) {
        out->refs.push_back(
            {PathRef::Kind::require, spec, locate(f.source, args.named_child(0).range())});
      } else if (require && args.named_child_count() > 0) {
        dynamic_require(args.named_child(0), out, literals);
      } else if (fn.type() == "member_expression" && fn.text() == "require.async" &&
                 string_value(args.named_child(0), &spec)) {
        out->refs.push_back(
            {PathRef::Kind::require_async, spec, locate(f.source, args.named_child(0).range())});
      } else if (fn.type() == "import" && string_value(args.named_child(0), &spec)) {
        out->refs.push_back(
            {PathRef::Kind::es_import, spec, locate(f.source, args.named_child(0).range())});
      } else if (fn.type() == "identifier" && (fn.text() == "Page" || fn.text() == "Component" ||
                                               fn.text() == "App" || fn.text() == "Behavior")) {
        if (fn.text() != "Behavior" && ++shapes == 1)
          read_shape(n, fn.text(), &out->shape);
        else if (fn.text() != "Behavior")
          out->shape.methods_known = false;  // two calls: ambiguous
      }
    } else if (t == "binary_expression") {
      concatenation_literal(n, literals);
    } else if (t == "import_statement" || t == "export_statement") {
      Node source = n.field("source");
      std::string spec;
      if (string_value(source, &spec))
        out->refs.push_back({PathRef::Kind::es_import, spec, locate(f.source, source.range())});
    }
    return true;
  });
  if (dynamic_members) out->shape.methods_known = false;
}

bool is_static_path(const WxmlAttribute* a) {
  return a && a->has_value && !a->dynamic && !a->value.empty();
}

void wxml_facts(const ParsedFile& f, FileFacts* out) {
  for (const WxmlNode& n : f.wxml.nodes) {
    if (!n.is_element()) continue;
    const WxmlAttribute* src = n.attribute("src");
    if (is_static_path(src)) {
      Loc loc = locate(f.source, src->value_range);
      if (n.tag == "import") out->refs.push_back({PathRef::Kind::wxml_import, src->value, loc});
      if (n.tag == "include") out->refs.push_back({PathRef::Kind::wxml_include, src->value, loc});
      if (n.tag == "wxs") out->refs.push_back({PathRef::Kind::wxs_src, src->value, loc});
    }
    for (const WxmlAttribute& a : n.attributes)
      if (a.value.find("plugin") != std::string::npos) note_plugin_urls(a.value, out);
    for (size_t i = 0; i < n.attributes.size(); ++i) {
      const WxmlAttribute& a = n.attributes[i];
      if (!is_event_attribute(a.name) || !a.has_value || a.dynamic) continue;
      // `bindtap="a" … bindtap="b"`: WeChat keeps the last value; only it is bound.
      if (std::any_of(n.attributes.begin() + i + 1, n.attributes.end(),
                      [&](const WxmlAttribute& later) { return later.name == a.name; }))
        continue;
      std::string name = a.value;
      name.erase(0, name.find_first_not_of(" \t\r\n"));
      name.erase(name.find_last_not_of(" \t\r\n") + 1);
      if (name.empty()) continue;
      out->handlers.push_back({name, a.name, locate(f.source, a.value_range)});
    }
  }
}

void css_facts(const ParsedFile& f, FileFacts* out) {
  for (Node n : f.style->root().named_children()) {
    if (n.type() != "import_statement") continue;
    for (Node c : n.named_children()) {
      Node target = c;
      if (c.type() == "call_expression") {  // url("x") / url(x)
        Node args = c.named_child(c.named_child_count() - 1);
        target = args.named_child(0);
      }
      std::string spec;
      if (target.type() == "string_value") {
        std::string_view t = target.text();
        if (t.size() >= 2) spec = std::string(t.substr(1, t.size() - 2));
      } else if (target.type() == "plain_value") {
        spec = std::string(target.text());
      }
      if (!spec.empty()) {
        out->refs.push_back({PathRef::Kind::css_import, spec, locate(f.source, target.range())});
        break;
      }
    }
  }
}

}  // namespace

bool is_event_attribute(std::string_view name) {
  for (std::string_view prefix :
       {"capture-bind:", "capture-catch:", "mut-bind:", "bind:", "catch:"})
    if (starts_with(name, prefix)) return name.size() > prefix.size();
  for (std::string_view prefix : {"bind", "catch"})
    if (starts_with(name, prefix) && name.size() > prefix.size() &&
        std::islower(static_cast<unsigned char>(name[prefix.size()])))
      return true;
  return false;
}

bool is_path_spec(std::string_view spec) {
  return starts_with(spec, "./") || starts_with(spec, "../") || starts_with(spec, "/") ||
         spec == "." || spec == "..";
}

FileFacts extract_facts(const ParsedFile& f) {
  FileFacts out;
  out.path = f.path;
  out.kind = f.kind;
  out.parsed = f.readable();
  if (!out.parsed) return out;
  std::set<std::string> literals;
  if (f.script) script_facts(f, *f.script, &out, &literals);
  if (f.script && (f.kind == FileKind::js || f.kind == FileKind::ts)) {
    out.flow = extract_script_flow(*f.script, f.source);
    for (const std::string& url : out.flow.plugin_urls) note_plugin_urls(url, &out);
    out.features = extract_script_features(*f.script, f.source);
    out.hot_paths = extract_hot_paths(*f.script, f.source);
  }
  if (f.kind == FileKind::wxml) {
    wxml_facts(f, &out);
    out.binding_sinks = extract_binding_sinks(f.wxml, f.source);
    out.elements = extract_elements(f.wxml, f.source);
    out.wxml_reads = extract_wxml_reads(f.wxml, f.source);
    out.size = measure_wxml(f.wxml, f.source);
  }
  if (f.style) css_facts(f, &out);
  if (f.kind != FileKind::json) collect_path_literals(f.source.text(), &literals);
  out.path_literals.assign(literals.begin(), literals.end());
  out.suppressions = extract_suppressions(f);
  return out;
}

}  // namespace mplint
