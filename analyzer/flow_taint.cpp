// Page data flow: values from `onLoad(options)` and from network responses (success
// callbacks, `.then`, `await`) through locals into `this.setData({key: …})`.
#include <optional>
#include <regex>
#include <set>

#include "analyzer/flow.h"
#include "analyzer/flow_scope.h"
#include "analyzer/js_util.h"

namespace mplint {

using flow::Decl;
using flow::dotted;
using flow::Evaluator;
using flow::Target;
using js::member_root;
using js::member_value;
using js::property_name;
using js::unwrap;

namespace {

constexpr int kMaxDepth = 12;

struct Taint {
  FlowSource source;
  bool starts = true;
  std::set<std::string> chain;  // declarations and member paths the value went through
};

bool in(Node n, const Loc& at) { return at.range.begin >= n.begin() && at.range.begin < n.end(); }

std::string decl_key(const Decl& d) { return std::to_string(d.id); }

// Methods that hand back (part of) the string they are called on.
bool keeps_string(std::string_view method) {
  for (std::string_view m : {"replace", "replaceAll", "trim", "toString", "slice", "substring",
                             "substr", "toLowerCase", "toUpperCase", "trimStart", "trimEnd"})
    if (method == m) return true;
  return false;
}

// Calls that inspect a value: a check against an allow-list cuts the flow.
bool is_check_method(std::string_view method) {
  for (std::string_view m : {"includes", "indexOf", "lastIndexOf", "startsWith", "endsWith", "test",
                             "match", "search", "some", "every", "has", "find"})
    if (method == m) return true;
  return false;
}

class TaintReader {
 public:
  TaintReader(const Evaluator& ev, const flow::NodeIndex& index, ScriptFlow* out)
      : ev_(ev), index_(index), out_(out) {}

  void run() {
    Node page = page_object();
    if (page.null()) return;
    std::vector<std::pair<std::string, Node>> methods;
    collect_methods(page, 0, &methods);
    for (auto& [name, fn] : methods)
      if (name == "onLoad" && !flow::parameters_of(fn).empty())
        sources_[{fn.begin(), 0}] = {.kind = FlowSource::Kind::options,
                                     .what = flow::parameter_text(flow::parameters_of(fn)[0])};
    for (auto& [name, fn] : methods) mark_response_sources(fn);
    for (auto& [name, fn] : methods) read_sinks(fn);
  }

 private:
  Node page_object() {
    for (Node n : index_.calls) {
      Node fn = n.field("function");
      if (fn.type() == "identifier" && (fn.text() == "Page" || fn.text() == "Component")) {
        Node arg = unwrap(n.field("arguments").named_child(0));
        if (arg.type() == "object") return arg;
      }
    }
    return {};
  }

  // Function members of the page object, and of its `methods`/`lifetimes` objects.
  void collect_methods(Node object, int depth, std::vector<std::pair<std::string, Node>>* out) {
    for (Node m : object.named_children()) {
      std::string name;
      Node value;
      if (m.type() == "method_definition") {
        name = property_name(m.field("name"));
        value = m;
      } else if (m.type() == "pair") {
        name = property_name(m.field("key"));
        value = unwrap(m.field("value"));
      }
      if (value.null()) continue;
      if (js::is_function(value)) out->push_back({name, value});
      if (value.type() == "object" && depth == 0 &&
          (name == "methods" || name == "lifetimes" || name == "pageLifetimes"))
        collect_methods(value, 1, out);
    }
  }

  // --- sources: network responses ---------------------------------------------------------
  std::optional<FlowSource> network_source(Node call) {
    call = unwrap(call);
    if (call.type() != "call_expression") return std::nullopt;
    if (!Evaluator::network_api(call).empty()) return FlowSource{.kind = FlowSource::Kind::network};
    // request().then(a).then(b): what the first callback hands on still comes from it.
    if (Node fn = unwrap(call.field("function"));
        fn.type() == "member_expression" && fn.field("property").text() == "then")
      return network_source(fn.field("object"));
    Target t = ev_.resolve(call.field("function"));
    if (t.kind == Target::Kind::node && js::is_function(t.node)) {
      for (const NetworkCall& c : out_->network_calls)
        if (in(t.node, c.at)) return FlowSource{.kind = FlowSource::Kind::network};
      return std::nullopt;
    }
    if (t.kind == Target::Kind::module || t.kind == Target::Kind::app)
      return FlowSource{.kind = FlowSource::Kind::call,
                        .callee = {t.kind == Target::Kind::app ? "<app>" : t.module,
                                   t.path.empty() ? "default" : dotted(t.path)}};
    return std::nullopt;
  }

  void mark_response_sources(Node method) {
    walk(method, [&](Node n) {
      if (n.type() != "call_expression") return true;
      Node fn = unwrap(n.field("function"));
      // request(...).then(res => …)
      if (fn.type() == "member_expression" && fn.field("property").text() == "then") {
        if (auto src = network_source(fn.field("object")))
          mark_param(n.field("arguments").named_child(0), *src);
        return true;
      }
      // wx.request({ success(res) { … } })
      if (auto src = network_source(n))
        for (Node arg : n.field("arguments").named_children())
          if (Node object = ev_.object_of(arg); object)
            mark_param(member_value(object, "success"), *src);
      return true;
    });
  }

  void mark_param(Node callback, FlowSource src) {
    callback = unwrap(callback);
    if (callback.null()) return;
    if (!js::is_function(callback)) {  // success: this.onData
      Target t = ev_.resolve(callback);
      if (t.kind != Target::Kind::node) return;
      callback = t.node;
    }
    if (!js::is_function(callback)) return;
    std::vector<Node> params = flow::parameters_of(callback);
    if (params.empty()) return;
    src.what = flow::parameter_text(params[0]);
    sources_[{callback.begin(), 0}] = src;
  }

  // --- propagation ----------------------------------------------------------------------
  std::optional<Taint> taint_of(Node e, int depth = 0) {
    e = unwrap(e);
    if (e.null() || depth > kMaxDepth) return std::nullopt;
    std::string_view t = e.type();
    if (t == "identifier" || t == "shorthand_property_identifier") return taint_of_name(e, depth);
    if (t == "member_expression" || t == "subscript_expression") return taint_of_member(e, depth);
    if (t == "call_expression") return taint_of_call(e, depth);
    if (t == "await_expression") {
      if (auto src = network_source(e.named_child(0))) {
        src->what =
            "(await " + std::string(unwrap(e.named_child(0)).field("function").text()) + "(…))";
        return Taint{.source = *src};
      }
      return taint_of(e.named_child(0), depth + 1);
    }
    if (t == "binary_expression") return taint_of_binary(e, depth);
    if (t == "ternary_expression") {
      if (auto c = taint_of(e.field("consequence"), depth + 1)) return c;
      return taint_of(e.field("alternative"), depth + 1);
    }
    if (t == "template_string") return taint_of_template(e, depth);
    return std::nullopt;
  }

  std::optional<Taint> taint_of_name(Node e, int depth) {
    const Decl* d = ev_.scopes().lookup(e);
    if (!d) return std::nullopt;
    std::optional<Taint> out;
    if (d->kind == Decl::Kind::param) {
      auto it = sources_.find({d->fn.begin(), d->index});
      if (it == sources_.end()) return std::nullopt;
      out = Taint{.source = it->second};
      if (!d->path.empty()) out->source.what += "." + dotted(d->path);
    } else if (d->kind == Decl::Kind::var) {
      std::vector<Node> values = d->assigned;
      values.insert(values.begin(), d->value);
      for (Node v : values)
        if (!out && v) out = taint_of(v, depth + 1);
      if (out && !d->path.empty()) out->source.what += "." + dotted(d->path);
    }
    if (out) out->chain.insert(decl_key(*d));
    return out;
  }

  std::optional<Taint> taint_of_member(Node e, int depth) {
    std::vector<std::string> path;
    Node root = member_root(e, &path);
    if (root.null() || root.type() == "this") return std::nullopt;
    auto out = taint_of(root, depth + 1);
    if (!out) return out;
    out->source.what += "." + dotted(path);
    if (const Decl* d = root.type() == "identifier" ? ev_.scopes().lookup(root) : nullptr) {
      std::string key = decl_key(*d);
      for (const std::string& step : path) out->chain.insert(key += "." + step);
    }
    return out;
  }

  std::optional<Taint> taint_of_call(Node e, int depth) {
    Node fn = unwrap(e.field("function"));
    Node first = e.field("arguments").named_child(0);
    if (fn.type() == "identifier") {
      std::string_view name = fn.text();
      if (name == "decodeURIComponent" || name == "decodeURI" || name == "unescape" ||
          name == "String")
        return taint_of(first, depth + 1);
      return std::nullopt;
    }
    if (fn.type() != "member_expression") return std::nullopt;
    if (fn.text() == "JSON.parse") return taint_of(first, depth + 1);
    if (keeps_string(fn.field("property").text())) return taint_of(fn.field("object"), depth + 1);
    return std::nullopt;
  }

  std::optional<Taint> taint_of_binary(Node e, int depth) {
    std::string_view op = e.field("operator").text();
    if (op == "&&") return taint_of(e.field("right"), depth + 1);
    if (op != "+" && op != "||" && op != "??") return std::nullopt;
    if (auto left = taint_of(e.field("left"), depth + 1)) return left;
    auto right = taint_of(e.field("right"), depth + 1);
    if (right && op == "+") right->starts = false;
    return right;
  }

  std::optional<Taint> taint_of_template(Node e, int depth) {
    bool text_before = false;
    uint32_t at = e.begin() + 1;
    for (Node c : e.named_children()) {
      if (c.type() != "template_substitution") continue;
      text_before = text_before || c.begin() > at;
      if (auto inner = taint_of(c.named_child(0), depth + 1)) {
        if (text_before) inner->starts = false;
        return inner;
      }
      at = c.end();
    }
    return std::nullopt;
  }

  // --- checks and sinks -----------------------------------------------------------------
  // The declarations and member paths an `if`, a ternary or an allow-list call inspects.
  // Key → offset of the first check over it: a check counts only before the sink.
  using Checks = std::map<std::string, uint32_t>;

  Checks checked_in(Node method) {
    static const std::regex kCheckName("check|valid|safe|allow|white|trust|verify",
                                       std::regex::icase);
    Checks out;
    walk(method, [&](Node n) {
      std::string_view t = n.type();
      if (t == "if_statement" || t == "while_statement" || t == "ternary_expression" ||
          t == "switch_statement")
        collect_names(n.field(t == "switch_statement" ? "value" : "condition"), n.begin(), &out);
      if (t == "call_expression") {
        Node fn = unwrap(n.field("function"));
        bool check =
            fn.type() == "member_expression" && is_check_method(fn.field("property").text());
        std::string name(fn.type() == "member_expression" ? fn.field("property").text()
                                                          : fn.text());
        if (check) collect_names(fn.field("object"), n.begin(), &out);
        if (check || std::regex_search(name, kCheckName))
          collect_names(n.field("arguments"), n.begin(), &out);
      }
      return true;
    });
    return out;
  }

  void collect_names(Node n, uint32_t at, Checks* out) {
    auto add = [&](const std::string& key) { out->try_emplace(key, at); };
    walk(n, [&](Node c) {
      std::string_view t = c.type();
      if (t == "member_expression" || t == "subscript_expression") {
        std::vector<std::string> path;
        Node root = member_root(c, &path);
        if (root.type() == "identifier")
          if (const Decl* d = ev_.scopes().lookup(root)) {
            add(decl_key(*d) + "." + dotted(path));
            return false;
          }
        return true;
      }
      if (t == "identifier")
        if (const Decl* d = ev_.scopes().lookup(c)) add(decl_key(*d));
      return true;
    });
  }

  void read_sinks(Node method) {
    Checks checked = checked_in(method);
    walk(method, [&](Node n) {
      if (n.type() == "assignment_expression") read_data_assignment(n, checked);
      if (n.type() != "call_expression") return true;
      Node fn = unwrap(n.field("function"));
      if (fn.type() != "member_expression" || fn.field("property").text() != "setData") return true;
      if (ev_.resolve(fn.field("object")).kind != Target::Kind::self) return true;
      Node data = unwrap(n.field("arguments").named_child(0));
      if (data.type() == "object") read_data(data, "", checked, 0);
      return true;
    });
  }

  // `this.data.k = value`: rendered on the next setData.
  void read_data_assignment(Node n, const Checks& checked) {
    std::vector<std::string> path;
    Node root = member_root(n.field("left"), &path);
    if (root.null() || path.size() < 2 || path[0] != "data") return;
    if (ev_.resolve(root).kind != Target::Kind::self) return;
    path.erase(path.begin());
    read_value(dotted(path), unwrap(n.field("right")), n, checked, 1);
  }

  void read_data(Node object, const std::string& prefix, const Checks& checked, int depth) {
    for (Node m : object.named_children()) {
      std::string key;
      Node value;
      if (m.type() == "pair") {
        key = property_name(m.field("key"));
        value = unwrap(m.field("value"));
      } else if (m.type() == "shorthand_property_identifier") {
        key = std::string(m.text());
        value = m;
      }
      if (!key.empty() && value)
        read_value(prefix.empty() ? key : prefix + "." + key, value, m, checked, depth);
    }
  }

  void read_value(const std::string& raw_key, Node value, Node at, const Checks& checked,
                  int depth) {
    std::string key = normalize_key(raw_key);
    if (value.type() == "object" && depth == 0) {
      read_data(value, key, checked, 1);
      return;
    }
    auto taint = taint_of(value);
    if (!taint) return;
    auto checked_before = [&](const std::string& k) {
      auto it = checked.find(k);
      return it != checked.end() && it->second < at.begin();
    };
    bool cut = taint->source.kind == FlowSource::Kind::options &&
               std::any_of(taint->chain.begin(), taint->chain.end(), checked_before);
    if (!cut) out_->data_sinks.push_back({key, taint->source, taint->starts, ev_.loc(at)});
  }

  // 'list[0].name' → "list.0.name"
  static std::string normalize_key(const std::string& key) {
    std::string out;
    for (char c : key) {
      if (c == '[')
        out += '.';
      else if (c != ']')
        out += c;
    }
    return out;
  }

  const Evaluator& ev_;
  const flow::NodeIndex& index_;
  ScriptFlow* out_;
  std::map<std::pair<uint32_t, int>, FlowSource> sources_;
};

}  // namespace

void extract_data_sinks(const Evaluator& ev, const flow::NodeIndex& index, ScriptFlow* out) {
  TaintReader(ev, index, out).run();
}

}  // namespace mplint
