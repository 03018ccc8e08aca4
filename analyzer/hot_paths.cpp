#include "analyzer/hot_paths.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <map>
#include <set>
#include <unordered_map>

#include "analyzer/js_util.h"
#include "analyzer/syntax_tree.h"

namespace mplint {

namespace {

using js::unwrap;

const std::set<std::string_view> kIterations = {
    "forEach", "map",  "filter",    "reduce",   "reduceRight",   "some",
    "every",   "find", "findIndex", "findLast", "findLastIndex", "flatMap"};

// How a function literal runs, seen from the code around it.
enum class Run {
  other,      // stored, returned, handed to something unknown: not followed
  sync,       // now, once: an IIFE, `.call`, a Promise executor, `wx.nextTick(fn)`
  iteration,  // now, once per element
  deferred,   // later, once per run of the code around: success callbacks, `.then`
  timer,      // later and rate-limited: timers, throttle/debounce helpers
  method,     // a page/component method
};

struct Loop {
  std::string what;
  Range at;
  int fn = 0;      // the function it is in (an iteration callback: the callback)
  int outer = -1;  // the loop in effect around it
  bool awaits = false;
  bool stops_on_return = false;  // find/some/…: `return x` ends the iteration
  bool stops_on_false = false;   // every: `return false` does
};

struct Fn {
  int entry_loop = -1;  // the loop in effect where it starts
  int iteration = -1;   // an iteration callback: its loop
};

// A condition that the code under it runs past, in a method.
struct Guard {
  Node condition;
  int parent = -1;
  int method = -1;
};

struct Ctx {
  int fn = 0;
  int loop = -1;    // the loop this code runs once per iteration of
  int breaks = -1;  // the loop `break` leaves
  bool in_switch = false;
  int method = -1;  // the method this code runs on every call of
  int owner = -1;   // the method whose text holds it
  int guard = -1;   // the innermost check in force in `method`
};

// A node being walked and what its children inherit.
struct Entry {
  Node node;
  Ctx inner;
  uint32_t once_before = 0;  // children before an exit of the loop run with `once_loop`
  int once_loop = -1;
  Range body{1, 0};  // a loop's body, and the condition and update it runs every time
  Range condition{1, 0};
  Range update{1, 0};
  int body_loop = -1;
  uint32_t guard_from = UINT32_MAX;  // children from here run under `guard_index`
  int guard_index = -1;
};

struct Registration {
  Run run = Run::other;
  int index = -1;  // the method or loop
};

// A variable a method declares: its initializer and the key it destructures (`{ fixed }`).
struct Local {
  Node init;
  std::string key;
};

struct Method {
  std::string name;
  std::set<std::string> set_keys;  // top-level keys it passes to setData
  std::set<std::string> fields;    // `this.x` it assigns
  std::set<std::string> assigned;  // variables it assigns
  std::map<std::string, Local> locals;
  std::vector<std::pair<HotCall, int>> calls;  // with the guard in force
  std::vector<std::pair<MethodCalls::Callee, int>> callees;
};

constexpr int kFallsThrough = INT_MIN;

std::string_view last_name(Node callee) {
  if (callee.type() == "identifier") return callee.text();
  if (callee.type() == "member_expression") return callee.field("property").text();
  return "";
}

bool is_timer(std::string_view name) {
  if (name == "setTimeout" || name == "setInterval" || name == "requestAnimationFrame") return true;
  std::string lower(name);
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return lower.find("throttle") != std::string::npos || lower.find("debounce") != std::string::npos;
}

class Walker {
 public:
  explicit Walker(const SourceText& source) : source_(source) {}

  ScriptHotPaths run(Node root) {
    fns_.emplace_back();
    walk(
        root, [&](Node n) { return enter(n); },
        [&](Node n) {
          if (n.named() && !stack_.empty()) stack_.pop_back();
        });
    return finish();
  }

 private:
  bool enter(Node n) {
    if (!n.named()) return false;
    Ctx c = stack_.empty() ? Ctx{} : child_ctx(stack_.back(), n);
    Entry e{n, c};
    std::string_view t = n.type();
    if (js::is_function(n)) {
      enter_function(n, &e);
    } else if (t == "for_statement" || t == "for_in_statement" || t == "while_statement" ||
               t == "do_statement") {
      enter_loop(n, &e);
    } else if (t == "switch_body") {
      e.inner.in_switch = true;
    } else if (t == "statement_block" || t == "switch_case" || t == "switch_default") {
      if (c.loop >= 0) find_exit(n, &e);
    } else if (t == "if_statement" || t == "ternary_expression") {
      guard_rest(n.field("condition"), &e);
      if (t == "if_statement" && c.loop >= 0) exit_in_place(n.field("consequence"), &e);
    } else if (t == "else_clause") {
      if (c.loop >= 0) exit_in_place(n.named_child(0), &e);
    } else if (t == "binary_expression") {
      std::string_view op = n.field("operator").type();
      if (op == "&&" || op == "||") guard_rest(n.field("left"), &e);
    } else if (t == "call_expression" || t == "new_expression") {
      on_call(n, c);
    } else if (t == "variable_declarator") {
      on_declarator(n, c);
    } else if (t == "assignment_expression" || t == "augmented_assignment_expression" ||
               t == "update_expression") {
      on_assignment(n, c);
    } else if (t == "await_expression") {
      for (int l = c.loop; l >= 0 && loops_[l].fn == c.fn; l = loops_[l].outer)
        loops_[l].awaits = true;
    }
    stack_.push_back(e);
    return true;
  }

  Ctx child_ctx(Entry& p, Node n) {
    Ctx c = p.inner;
    uint32_t begin = n.begin();
    if (begin < p.once_before) c.loop = p.once_loop;
    if (p.body_loop >= 0) {
      auto is = [&](Range r) { return begin == r.begin && n.end() == r.end; };
      if (is(p.body)) {
        c.loop = c.breaks = p.body_loop;
        c.in_switch = false;
      } else if (is(p.condition) || is(p.update)) {
        c.loop = p.body_loop;
      }
    }
    if (begin >= p.guard_from) c.guard = p.guard_index;
    // `if (…) return`: the statements after it run past its check.
    if (c.method >= 0 && n.type() == "if_statement" && n.field("alternative").null() &&
        returns(n.field("consequence")) && !n.field("condition").null()) {
      guards_.push_back({n.field("condition"), c.guard, c.method});
      p.guard_from = n.end();
      p.guard_index = static_cast<int>(guards_.size()) - 1;
    }
    return c;
  }

  void guard_rest(Node condition, Entry* e) {
    if (e->inner.method < 0 || condition.null()) return;
    guards_.push_back({condition, e->inner.guard, e->inner.method});
    e->guard_from = condition.end();
    e->guard_index = static_cast<int>(guards_.size()) - 1;
  }

  // ---- functions and loops --------------------------------------------------------------

  static uint64_t key_of(Node n) { return (uint64_t{n.begin()} << 32) | n.end(); }

  void enroll(Node fn, Run run, int index = -1) {
    fn = unwrap(fn);
    if (js::is_function(fn)) pending_.emplace(key_of(fn), Registration{run, index});
  }

  void enter_function(Node n, Entry* e) {
    Registration r;
    if (auto it = pending_.find(key_of(n)); it != pending_.end()) {
      r = it->second;
      pending_.erase(it);
    }
    const Ctx c = e->inner;
    Ctx k;
    k.fn = static_cast<int>(fns_.size());
    k.owner = c.owner;
    Fn f;
    if (r.run == Run::sync || r.run == Run::iteration || r.run == Run::deferred) {
      k.method = c.method;
      k.guard = c.guard;
    }
    if (r.run == Run::sync) k.loop = c.loop;
    if (r.run == Run::iteration) {
      loops_[r.index].fn = k.fn;
      k.loop = f.iteration = r.index;
      // `list.some((x) => x.id === id && (this.setData(…), true))`: the body is returned, and
      // a find/some callback that returns a value stops.
      if (loops_[r.index].stops_on_return && n.field("body").type() != "statement_block") {
        e->once_before = n.end();
        e->once_loop = loops_[r.index].outer;
      }
    }
    if (r.run == Run::method) k.method = k.owner = r.index;
    f.entry_loop = k.loop;
    fns_.push_back(f);
    e->inner = k;
  }

  void enter_loop(Node n, Entry* e) {
    Node body = n.field("body");
    if (body.null()) return;
    Loop loop;
    std::string_view t = n.type();
    loop.what = t == "for_statement"                 ? "for"
                : t == "while_statement"             ? "while"
                : t == "do_statement"                ? "do…while"
                : n.field("operator").type() == "of" ? "for…of"
                                                     : "for…in";
    loop.at = n.child(0).range();
    loop.fn = e->inner.fn;
    loop.outer = e->inner.loop;
    loop.awaits = t == "for_in_statement" && n.child(1).type() == "await";
    loops_.push_back(loop);
    e->body = body.range();
    if (Node condition = n.field("condition"); !condition.null() && t != "for_in_statement")
      e->condition = condition.range();
    if (Node update = n.field("increment"); !update.null()) e->update = update.range();
    e->body_loop = static_cast<int>(loops_.size()) - 1;
  }

  // The loop in effect after `s` when `s` always leaves the code around it, else
  // kFallsThrough.
  int after_exit(Node s, const Ctx& c) const {
    std::string_view t = s.type();
    if (t == "break_statement") {
      if (!s.field("label").null()) return after_return(s, c);  // most leave the outer loop
      if (c.in_switch || c.breaks < 0) return kFallsThrough;
      return loops_[c.breaks].outer;
    }
    if (t == "return_statement" || t == "throw_statement") return after_return(s, c);
    if (t == "statement_block") {
      std::vector<Node> body = s.named_children();
      while (!body.empty() && body.back().type() == "comment") body.pop_back();
      return body.empty() ? kFallsThrough : after_exit(body.back(), c);
    }
    if (t == "if_statement") {
      Node alternative = s.field("alternative");
      if (alternative.null()) return kFallsThrough;
      int a = after_exit(s.field("consequence"), c);
      int b = after_exit(alternative.named_child(alternative.named_child_count() - 1), c);
      if (a == kFallsThrough || b == kFallsThrough) return kFallsThrough;
      for (int l = a; l >= 0; l = loops_[l].outer)
        if (l == b) return a;  // a is inside b: the code stays in more loops after a
      return b;
    }
    return kFallsThrough;
  }

  int after_return(Node s, const Ctx& c) const {
    const Fn& f = fns_[c.fn];
    if (f.iteration < 0) return f.entry_loop;
    const Loop& loop = loops_[f.iteration];
    Node value = s.type() == "return_statement" ? unwrap(s.named_child(0)) : Node();
    bool is_false = value.type() == "false";
    bool stops = s.type() != "return_statement" ||
                 (loop.stops_on_return && !value.null() && !is_false) ||
                 (loop.stops_on_false && is_false);
    return stops ? loop.outer : f.iteration;
  }

  static bool returns(Node s) {
    std::string_view t = s.type();
    if (t == "return_statement" || t == "throw_statement") return true;
    if (t != "statement_block") return false;
    std::vector<Node> body = s.named_children();
    while (!body.empty() && body.back().type() == "comment") body.pop_back();
    return !body.empty() && returns(body.back());
  }

  // In a loop: a statement that always leaves it, and those before it, run once at most.
  void find_exit(Node block, Entry* e) const {
    for (Node s : block.named_children()) {
      int after = after_exit(s, e->inner);
      if (after == kFallsThrough) continue;
      if (after != e->inner.loop) {  // what `return f(x)` returns runs before it leaves
        e->once_before = s.end();
        e->once_loop = after;
      }
      return;
    }
  }

  // `if (found) return this.setData(…)`: what the exit evaluates runs once.
  void exit_in_place(Node s, Entry* e) const {
    if (s.type() != "return_statement" && s.type() != "throw_statement") return;
    int after = after_exit(s, e->inner);
    if (after == kFallsThrough || after == e->inner.loop) return;
    e->once_before = s.end();
    e->once_loop = after;
  }

  // ---- calls ----------------------------------------------------------------------------

  bool is_this(Node n) const {
    n = unwrap(n);
    return n.type() == "this" ||
           (n.type() == "identifier" && aliases_.count(std::string(n.text())));
  }

  void on_call(Node call, const Ctx& c) {
    bool is_new = call.type() == "new_expression";
    Node callee = unwrap(call.field(is_new ? "constructor" : "function"));
    Node args_node = call.field("arguments");
    std::vector<Node> args;
    if (args_node.type() == "arguments") args = args_node.named_children();
    std::string_view name = last_name(callee);
    if (is_new) return enroll_all(args, name == "Promise" ? Run::sync : Run::deferred);
    if (callee.type() == "identifier" && (name == "Page" || name == "Component") && !args.empty())
      return enroll_methods(unwrap(args[0]), name == "Component");
    if (js::is_function(callee)) enroll(callee, Run::sync);
    if (callee.type() == "member_expression") {
      Node object = unwrap(callee.field("object"));
      if (name == "call" || name == "apply") {
        enroll(object, Run::sync);
        // `Array.prototype.forEach.call(list, fn)`
        if (object.type() == "member_expression" && kIterations.count(last_name(object)) &&
            args.size() >= 2)
          enroll_iteration(args[1], object.field("property"), c);
      } else if (kIterations.count(name) && !args.empty()) {
        enroll_iteration(args[0], callee.field("property"), c);
      }
      record(callee, object, name, call, c);
    }
    Run run = Run::deferred;
    if (name == "nextTick" && callee.type() == "member_expression" &&
        unwrap(callee.field("object")).text() == "wx")
      run = Run::sync;
    else if (is_timer(name))
      run = Run::timer;
    enroll_all(args, run);
  }

  // Function arguments, and the functions of an object argument (`{ success(res) {…} }`).
  void enroll_all(const std::vector<Node>& args, Run run) {
    for (Node a : args) {
      a = unwrap(a);
      if (js::is_function(a)) {
        enroll(a, run);
      } else if (a.type() == "object") {
        for (Node m : a.named_children()) {
          if (m.type() == "method_definition") enroll(m, run);
          if (m.type() == "pair") enroll(m.field("value"), run);
        }
      }
    }
  }

  void enroll_iteration(Node fn, Node method, const Ctx& c) {
    if (!js::is_function(unwrap(fn))) return;
    Loop loop;
    std::string_view name = method.text();
    loop.what = std::string(name) + " callback";
    loop.at = method.range();
    loop.outer = c.loop;
    loop.stops_on_return = name == "some" || name.starts_with("find");
    loop.stops_on_false = name == "every";
    loops_.push_back(loop);
    enroll(fn, Run::iteration, static_cast<int>(loops_.size()) - 1);
  }

  void enroll_methods(Node options, bool component) {
    if (component) options = js::member_value(options, "methods");
    if (options.type() != "object") return;
    for (Node m : options.named_children()) {
      Node fn = m.type() == "method_definition" ? m : unwrap(m.field("value"));
      Node key = m.field(m.type() == "method_definition" ? "name" : "key");
      if ((m.type() != "pair" && m.type() != "method_definition") || !js::is_function(fn)) continue;
      methods_.push_back({js::property_name(key)});
      enroll(fn, Run::method, static_cast<int>(methods_.size()) - 1);
    }
  }

  void record(Node callee, Node object, std::string_view name, Node call, const Ctx& c) {
    bool on_this = is_this(object);
    HotCall hit;
    if (on_this && name == "setData") {
      hit.kind = HotCall::Kind::set_data;
      if (c.owner >= 0) collect_keys(call, &methods_[c.owner].set_keys);
    } else if (object.type() == "identifier" && object.text() == "wx" && name.size() > 4 &&
               name.ends_with("Sync")) {
      hit.kind = HotCall::Kind::sync_api;
    } else {
      if (on_this && c.method >= 0)
        methods_[c.method].callees.push_back(
            {{std::string(name), locate(source_, callee.range())}, c.guard});
      return;
    }
    hit.callee = std::string(object.text()) + "." + std::string(name);
    hit.at = locate(source_, callee.range());
    if (c.loop >= 0) loop_calls_.emplace_back(hit, c.loop);
    if (c.method >= 0) methods_[c.method].calls.emplace_back(hit, c.guard);
  }

  static void collect_keys(Node call, std::set<std::string>* keys) {
    Node arg = unwrap(call.field("arguments").named_child(0));
    if (arg.type() != "object") return;
    for (Node m : arg.named_children()) {
      std::string key = m.type() == "pair" ? js::property_name(m.field("key"))
                        : m.type() == "shorthand_property_identifier" ? std::string(m.text())
                                                                      : "";
      key = key.substr(0, key.find_first_of(".["));
      if (!key.empty()) keys->insert(key);
    }
  }

  void on_declarator(Node n, const Ctx& c) {
    Node name = n.field("name"), value = unwrap(n.field("value"));
    if (value.null()) return;
    if (name.type() == "identifier" && value.type() == "this")
      aliases_.insert(std::string(name.text()));
    if (c.owner < 0) return;
    auto& locals = methods_[c.owner].locals;
    if (name.type() == "identifier") locals[std::string(name.text())] = {value, ""};
    if (name.type() != "object_pattern") return;
    for (Node p : name.named_children()) {
      if (p.type() == "shorthand_property_identifier_pattern")
        locals[std::string(p.text())] = {value, std::string(p.text())};
      else if (p.type() == "pair_pattern" && p.field("value").type() == "identifier")
        locals[std::string(p.field("value").text())] = {value, js::property_name(p.field("key"))};
    }
  }

  void on_assignment(Node n, const Ctx& c) {
    Node left = unwrap(n.field(n.type() == "update_expression" ? "argument" : "left"));
    if (n.type() == "assignment_expression" && left.type() == "identifier" &&
        unwrap(n.field("right")).type() == "this")
      aliases_.insert(std::string(left.text()));
    if (left.type() == "member_expression" && is_this(left.field("object"))) {
      std::string field(left.field("property").text());
      if (c.owner >= 0) methods_[c.owner].fields.insert(field);
      replaced_.insert(field);
    } else if (left.type() == "identifier" && c.owner >= 0) {
      methods_[c.owner].assigned.insert(std::string(left.text()));
    }
  }

  // ---- checks of state ------------------------------------------------------------------

  bool guarded(int g) {
    for (; g >= 0; g = guards_[g].parent) {
      if (checked_.size() <= static_cast<size_t>(g)) checked_.resize(guards_.size(), -1);
      if (checked_[g] < 0) checked_[g] = reads_state(guards_[g].condition, guards_[g].method, 0);
      if (checked_[g]) return true;
    }
    return false;
  }

  // `this.<path>` as state of method m: a data key it sets, or a field it assigns.
  bool state_path(const std::vector<std::string>& path, int m) const {
    if (path.empty()) return false;
    if (path[0] == "data") return path.size() > 1 && methods_[m].set_keys.count(path[1]);
    return methods_[m].fields.count(path[0]) > 0;
  }

  bool local_is_state(const Local& local, std::vector<std::string> rest, int m, int depth) {
    std::vector<std::string> path;
    Node root = js::member_root(local.init, &path);
    if (!root.null() && is_this(root)) {
      if (!local.key.empty()) path.push_back(local.key);
      path.insert(path.end(), rest.begin(), rest.end());
      return state_path(path, m);
    }
    return depth < 2 && reads_state(local.init, m, depth + 1);
  }

  bool reads_state(Node condition, int m, int depth) {
    bool found = false;
    const Method& method = methods_[m];
    walk(condition, [&](Node x) {
      if (found || (!(x == condition) && js::is_function(x))) return false;
      std::string_view t = x.type();
      if (t == "member_expression" || t == "subscript_expression") {
        if (t == "member_expression" && x.field("property").text() == "timeStamp") found = true;
        std::vector<std::string> path;
        Node root = js::member_root(x, &path);
        if (root.null()) return true;
        if (is_this(root)) {
          found = found || state_path(path, m);
          return false;
        }
        auto it = root.type() == "identifier" ? method.locals.find(std::string(root.text()))
                                              : method.locals.end();
        if (it != method.locals.end()) {
          found = found || local_is_state(it->second, path, m, depth);
          return false;
        }
        return true;
      }
      if (t == "call_expression") {
        std::string_view fn = unwrap(x.field("function")).text();
        found = fn == "Date.now" || fn == "performance.now" || fn.ends_with(".getTime");
      } else if (t == "new_expression") {
        found = unwrap(x.field("constructor")).text() == "Date";
      } else if (t == "identifier") {
        auto it = method.locals.find(std::string(x.text()));
        if (it != method.locals.end())
          found = local_is_state(it->second, {}, m, depth);
        else
          found = method.assigned.count(std::string(x.text())) > 0;
      }
      return true;
    });
    return found;
  }

  // ---- results --------------------------------------------------------------------------

  ScriptHotPaths finish() {
    ScriptHotPaths out;
    for (const auto& [hit, l] : loop_calls_)
      if (!loops_[l].awaits)
        out.in_loops.push_back({hit, loops_[l].what, locate(source_, loops_[l].at)});
    std::set<std::string> hot;  // methods with hot calls of their own
    std::vector<MethodCalls> methods;
    for (size_t i = 0; i < methods_.size(); ++i) {
      Method& m = methods_[i];
      MethodCalls mc{m.name, {}, {}};
      if (replaced_.count(m.name)) continue;
      for (const auto& [hit, g] : m.calls)
        if (!guarded(g)) mc.calls.push_back(hit);
      if (!mc.calls.empty()) hot.insert(m.name);
      for (const auto& [callee, g] : m.callees)
        if (!guarded(g)) mc.callees.push_back(callee);
      methods.push_back(std::move(mc));
    }
    for (MethodCalls& mc : methods) {
      std::erase_if(mc.callees, [&](const MethodCalls::Callee& c) { return !hot.count(c.name); });
      if (!mc.calls.empty() || !mc.callees.empty()) out.methods.push_back(std::move(mc));
    }
    return out;
  }

  const SourceText& source_;
  std::vector<Entry> stack_;
  std::vector<Fn> fns_;
  std::vector<Loop> loops_;
  std::vector<Guard> guards_;
  std::vector<signed char> checked_;  // per guard: -1 not yet known, 0, 1
  std::vector<Method> methods_;
  std::unordered_map<uint64_t, Registration> pending_;
  std::set<std::string> aliases_;   // names holding `this`
  std::set<std::string> replaced_;  // `this.x = …`: methods that may be replaced
  std::vector<std::pair<HotCall, int>> loop_calls_;
};

}  // namespace

ScriptHotPaths extract_hot_paths(const SyntaxTree& tree, const SourceText& source) {
  std::string_view text = tree.root().text();
  if (text.find("setData") == std::string_view::npos && text.find("Sync") == std::string_view::npos)
    return {};
  return Walker(source).run(tree.root());
}

}  // namespace mplint
