// Per-file data flow facts: exported constants and functions, network calls (direct and
// through this file's wrappers), calls of other modules' functions, WXML sinks.
#include "analyzer/flow.h"

#include <algorithm>
#include <set>

#include "analyzer/flow_scope.h"
#include "analyzer/js_util.h"
#include "analyzer/wxml.h"

namespace mplint {

using flow::Decl;
using flow::dotted;
using flow::Evaluator;
using flow::Target;
using js::member_value;
using js::property_name;
using js::unwrap;

namespace {

constexpr int kMaxExportDepth = 3;

bool known(const FlowString& s) {
  for (const FlowPart& p : s.parts)
    if (p.kind != FlowPart::Kind::unknown) return true;
  return false;
}

std::string join(const std::string& prefix, const std::string& key) {
  return prefix.empty() ? key : prefix + "." + key;
}

class FlowExtractor {
 public:
  FlowExtractor(const SyntaxTree& tree, const SourceText& source)
      : root_(tree.root()),
        index_(flow::NodeIndex::of(root_)),
        scopes_(root_, index_),
        ev_(scopes_, source) {}

  ScriptFlow run() {
    read_exports();
    collect_direct_network_calls();
    find_wrappers();
    collect_calls();
    summarize_functions();
    extract_data_sinks(ev_, index_, &out_);
    out_.page_data = extract_page_data(ev_, index_);
    collect_plugin_urls();
    return std::move(out_);
  }

 private:
  // --- plugin URLs ---------------------------------------------------------------------
  void collect_plugin_urls() {
    std::set<uint32_t> done;
    for (Node s : index_.plugin_strings) {
      Node top = s;  // the whole `+` chain the string starts or is part of
      for (Node p = top.parent(); !p.null(); p = p.parent()) {
        std::string_view t = p.type();
        if (t == "parenthesized_expression" ||
            (t == "binary_expression" && p.field("operator").text() == "+"))
          top = p;
        else
          break;
      }
      if (!done.insert(top.begin()).second) continue;
      FlowString value = ev_.string_of(top);
      std::string text = known_prefix(value);
      bool whole = std::all_of(value.parts.begin(), value.parts.end(),
                               [](const FlowPart& p) { return p.kind == FlowPart::Kind::text; });
      out_.plugin_urls.push_back(whole ? text : text + "$");
    }
  }

  // --- exports -------------------------------------------------------------------------
  void read_exports() {
    for (Node stmt : root_.named_children()) {
      if (stmt.type() == "expression_statement") read_commonjs_export(unwrap(stmt.named_child(0)));
      if (stmt.type() == "export_statement") read_es_export(stmt);
    }
  }

  void read_commonjs_export(Node e) {
    if (e.type() == "call_expression") {  // App({...}): what getApp() gives other files
      Node fn = e.field("function");
      if (fn.type() == "identifier" && fn.text() == "App")
        export_value("", unwrap(e.field("arguments").named_child(0)), 0);
      return;
    }
    if (e.type() != "assignment_expression") return;
    std::vector<std::string> path;
    Node root = js::member_root(e.field("left"), &path);
    if (root.null() || root.type() != "identifier") return;
    if (root.text() == "module" && !path.empty() && path[0] == "exports")
      path.erase(path.begin());
    else if (root.text() != "exports")
      return;
    export_value(dotted(path), unwrap(e.field("right")), 0);
  }

  void read_es_export(Node stmt) {
    if (Node decl = stmt.field("declaration"); decl) {
      if (decl.type() == "function_declaration" || decl.type() == "class_declaration") {
        export_value(std::string(decl.field("name").text()), decl, 0);
        return;
      }
      for (Node d : decl.named_children())
        if (d.type() == "variable_declarator" && d.field("name").type() == "identifier")
          export_value(std::string(d.field("name").text()), unwrap(d.field("value")), 0);
      return;
    }
    if (Node value = stmt.field("value"); value) {  // export default …
      export_value("", unwrap(value), 0);
      return;
    }
    for (Node c : stmt.named_children()) {
      if (c.type() != "export_clause") continue;
      for (Node s : c.named_children()) {
        Node name = s.field("name"), alias = s.field("alias");
        export_value(std::string((alias ? alias : name).text()), name, 0);
      }
    }
  }

  // Records what `value` is under export path `name` ("" = the module itself).
  void export_value(const std::string& name, Node value, int depth) {
    if (value.null() || depth > kMaxExportDepth) return;
    Target t = ev_.resolve(value);
    Node node = t.kind == Target::Kind::node ? t.node : Node();
    if (node && node.type() == "new_expression") node = class_of(node);
    if (node &&
        (node.type() == "object" || node.type() == "class_declaration" || node.type() == "class")) {
      export_members(name, node, depth);
      return;
    }
    if (node && (js::is_function(node) || node.type() == "method_definition")) {
      add_function(name.empty() ? "default" : name, node, true);
      return;
    }
    FlowString s = ev_.string_of(value);
    if (known(s)) out_.exports[name.empty() ? "default" : name] = s;
  }

  void export_members(const std::string& name, Node node, int depth) {
    Node body = node.type() == "object" ? node : node.field("body");
    for (Node m : body.named_children()) {
      std::string_view t = m.type();
      if (t == "pair")
        export_value(join(name, property_name(m.field("key"))), unwrap(m.field("value")),
                     depth + 1);
      else if (t == "method_definition")
        add_function(join(name, property_name(m.field("name"))), m, true);
      else if (t == "shorthand_property_identifier")
        export_value(join(name, std::string(m.text())), m, depth + 1);
    }
  }

  // `new Http()` → the class Http's declaration, when this file has it.
  Node class_of(Node new_expression) {
    Target t = ev_.resolve(new_expression.field("constructor"));
    return t.kind == Target::Kind::node && t.node.type() == "class_declaration" ? t.node : Node();
  }

  // --- functions and network calls ------------------------------------------------------
  int add_function(const std::string& name, Node fn, bool exported) {
    auto it = function_index_.find(fn.begin());
    if (it != function_index_.end()) {
      FlowFunction& f = out_.functions[it->second];
      if (exported && !f.exported) f = FlowFunction{.name = name, .exported = true};
      return it->second;
    }
    function_index_[fn.begin()] = static_cast<int>(out_.functions.size());
    function_nodes_.push_back(fn);
    out_.functions.push_back({.name = name, .exported = exported});
    return static_cast<int>(out_.functions.size()) - 1;
  }

  FlowString url_of_call(Node call) {
    Node object = ev_.object_of(call.field("arguments").named_child(0));
    if (object.null()) return {};
    Node url = member_value(object, "url");
    return url.null() ? FlowString{} : ev_.string_of(url);
  }

  void collect_direct_network_calls() {
    for (Node n : index_.calls) {
      std::string api = Evaluator::network_api(n);
      if (!api.empty())
        out_.network_calls.push_back({api, url_of_call(n), ev_.loc(n.field("function"))});
      std::string go = Evaluator::navigation_api(n);
      if (!go.empty())
        out_.navigation_calls.push_back({go, url_of_call(n), ev_.loc(n.field("function"))});
    }
  }

  // A function whose parameter flows into a network call's url is a wrapper.
  void find_wrappers() {
    for (const NetworkCall& c : out_.network_calls)
      for (const FlowPart& p : c.url.parts) {
        if (p.kind != FlowPart::Kind::param) continue;
        Node fn = function_at(p.param_fn);
        if (fn.null()) break;
        int i = add_function(local_name(fn), fn, false);
        FlowFunction& f = out_.functions[i];
        if (f.url_param >= 0) break;
        f.url_param = p.param;
        f.url_param_path = p.param_path;
        f.url_template = c.url;
        f.api = c.api;
        break;
      }
  }

  Node function_at(uint32_t offset) {
    if (functions_by_offset_.empty())
      for (Node n : index_.functions) functions_by_offset_.emplace(n.begin(), n);
    auto it = functions_by_offset_.find(offset);
    return it == functions_by_offset_.end() ? Node() : it->second;
  }

  // The name a function is known by in this file: `function f`, `const f = () => …`,
  // `f() {}` / `f: function` in an object.
  std::string local_name(Node fn) {
    if (Node name = fn.field("name"); name) return std::string(name.text());
    if (names_.empty()) {  // `const f = …` and `f: …` name the function they hold
      for (Node n : index_.declarations)
        if (n.type() == "variable_declarator")
          if (Node value = unwrap(n.field("value")); value && js::is_function(value))
            names_[value.begin()] = std::string(n.field("name").text());
      for (Node n : index_.pairs)
        if (Node value = unwrap(n.field("value")); value && js::is_function(value))
          names_[value.begin()] = property_name(n.field("key"));
    }
    auto it = names_.find(fn.begin());
    return it == names_.end() ? "" : it->second;
  }

  void collect_calls() {
    for (Node n : index_.calls)
      if (Evaluator::network_api(n).empty()) read_call(n);
  }

  void read_call(Node call) {
    Target t = ev_.resolve(call.field("function"));
    Node args = call.field("arguments");
    if (t.kind == Target::Kind::node) {
      auto it = function_index_.find(t.node.begin());
      if (it != function_index_.end() && out_.functions[it->second].url_param >= 0)
        out_.network_calls.push_back(instantiate(out_.functions[it->second], args, call));
      return;
    }
    if (t.kind != Target::Kind::module && t.kind != Target::Kind::app) return;
    ImportedCall c;
    c.callee = {t.kind == Target::Kind::app ? "<app>" : t.module,
                t.path.empty() ? "default" : dotted(t.path)};
    c.at = ev_.loc(call.field("function"));
    for (Node a : args.named_children()) {
      if (c.args.size() == 3) break;
      c.args.push_back(ev_.string_of(a));
      Node object = ev_.object_of(a);
      Node url = object ? member_value(object, "url") : Node();
      c.url_args.push_back(url ? ev_.string_of(url) : FlowString{});
    }
    out_.imported_calls.push_back(std::move(c));
  }

  NetworkCall instantiate(const FlowFunction& f, Node args, Node call) {
    FlowString arg;
    Node a = args.named_child(static_cast<uint32_t>(f.url_param));
    if (a && f.url_param_path.empty()) {
      arg = ev_.string_of(a);
    } else if (a) {
      Node object = ev_.object_of(a);
      Node url = object ? member_value(object, f.url_param_path) : Node();
      if (url) arg = ev_.string_of(url);
    }
    return {f.api, substitute_wrapper_url(f, arg), ev_.loc(call.field("function"))};
  }

  // --- per-function summary ------------------------------------------------------------
  void summarize_functions() {
    // Named functions of the file, so that callers in other files and `.then` can ask
    // whether they reach the network.
    for (Node n : index_.functions)
      if (!function_index_.count(n.begin()))
        if (std::string name = local_name(n); !name.empty()) add_function(name, n, false);
    // A call inside a function (or inside a function nested in it) belongs to it.
    std::vector<std::vector<int>> callers(out_.functions.size());
    std::vector<std::set<FlowCallee>> calls(out_.functions.size());
    size_t next_import = 0;
    for (Node n : index_.calls) {
      std::vector<int> owners = enclosing_functions(n);
      if (owners.empty()) continue;
      bool direct = !Evaluator::network_api(n).empty();
      for (int f : owners) out_.functions[f].network = out_.functions[f].network || direct;
      while (next_import < out_.imported_calls.size() &&
             out_.imported_calls[next_import].at.range.begin < n.begin())
        ++next_import;
      if (next_import < out_.imported_calls.size() &&
          out_.imported_calls[next_import].at.range.begin == n.begin())
        for (int f : owners) calls[f].insert(out_.imported_calls[next_import].callee);
      Target t = ev_.resolve(n.field("function"));
      if (t.kind == Target::Kind::node)
        if (auto it = function_index_.find(t.node.begin()); it != function_index_.end())
          for (int f : owners) callers[it->second].push_back(f);
    }
    for (size_t i = 0; i < calls.size(); ++i) {
      out_.functions[i].calls.assign(calls[i].begin(), calls[i].end());
      // What a nested function reaches, the function around it reaches.
      for (int outer : enclosing_functions(function_nodes_[i])) callers[i].push_back(outer);
    }
    propagate_network(callers);
  }

  // The registered functions around a node, innermost first.
  std::vector<int> enclosing_functions(Node n) {
    std::vector<int> out;
    for (Node p : scopes_.functions_around(n))
      if (auto it = function_index_.find(p.begin()); it != function_index_.end())
        out.push_back(it->second);
    return out;
  }

  // A function calling a function of this file that reaches the network reaches it too.
  void propagate_network(const std::vector<std::vector<int>>& callers) {
    std::vector<int> work;
    for (size_t i = 0; i < out_.functions.size(); ++i)
      if (out_.functions[i].network) work.push_back(static_cast<int>(i));
    while (!work.empty()) {
      int f = work.back();
      work.pop_back();
      for (int caller : callers[f])
        if (!out_.functions[caller].network) {
          out_.functions[caller].network = true;
          work.push_back(caller);
        }
    }
  }

  Node root_;
  flow::NodeIndex index_;
  flow::Scopes scopes_;
  Evaluator ev_;
  ScriptFlow out_;
  std::map<uint32_t, int> function_index_;
  std::vector<Node> function_nodes_;
  std::map<uint32_t, Node> functions_by_offset_;
  std::map<uint32_t, std::string> names_;
};

}  // namespace

// The wrapper's url with the argument in place of its parameter; other parameters unknown.
FlowString substitute_wrapper_url(const FlowFunction& f, const FlowString& arg) {
  FlowString out;
  for (const FlowPart& p : f.url_template.parts) {
    if (p.kind != FlowPart::Kind::param) {
      out.parts.push_back(p);
    } else if (p.param == f.url_param && p.param_path == f.url_param_path && !arg.empty()) {
      out.parts.insert(out.parts.end(), arg.parts.begin(), arg.parts.end());
    } else {
      FlowPart unknown = p;
      unknown.kind = FlowPart::Kind::unknown;
      out.parts.push_back(unknown);
    }
  }
  return out;
}

ScriptFlow extract_script_flow(const SyntaxTree& tree, const SourceText& source) {
  return FlowExtractor(tree, source).run();
}

std::string known_prefix(const FlowString& s) {
  std::string out;
  for (const FlowPart& p : s.parts) {
    if (p.kind != FlowPart::Kind::text) break;
    out += p.text;
  }
  return out;
}

}  // namespace mplint
