#include "analyzer/hot_paths.h"

#include <cctype>
#include <climits>

#include "analyzer/hot_paths_walker.h"
#include "analyzer/js_util.h"
#include "analyzer/source.h"

namespace mplint {
namespace hot {

using js::unwrap;

namespace {

const std::set<std::string_view> kIterations = {
    "forEach", "map",  "filter",    "reduce",   "reduceRight",   "some",
    "every",   "find", "findIndex", "findLast", "findLastIndex", "flatMap"};

constexpr int kFallsThrough = INT_MIN;

std::string_view last_name(Node callee) {
  if (callee.type() == "identifier") return callee.text();
  if (callee.type() == "member_expression") return callee.field("property").text();
  return "";
}

// The name of a function's i-th parameter, when it is a plain name.
std::string parameter_name(Node fn, uint32_t i) {
  Node single = fn.field("parameter");
  if (!single.null()) return i == 0 ? std::string(single.text()) : "";
  std::vector<Node> params = fn.field("parameters").named_children();
  std::erase_if(params, [](Node p) { return p.type() == "comment"; });
  if (i >= params.size()) return "";
  Node p = params[i].type() == "assignment_pattern" ? params[i].field("left") : params[i];
  if (p.type() == "required_parameter") p = p.field("pattern");  // TypeScript
  return p.type() == "identifier" ? std::string(p.text()) : "";
}

// The counter a for statement declares or sets first: `let i = 0`, `i = 0`.
std::string counter_of(Node for_statement) {
  Node init = for_statement.field("initializer");
  if (init.type() == "lexical_declaration" || init.type() == "variable_declaration") {
    Node name = init.named_child(0).field("name");
    return name.type() == "identifier" ? std::string(name.text()) : "";
  }
  if (init.type() == "expression_statement") init = init.named_child(0);
  Node left = init.type() == "assignment_expression" ? init.field("left") : Node();
  return left.type() == "identifier" ? std::string(left.text()) : "";
}

bool is_timer(std::string_view name) {
  if (name == "setTimeout" || name == "setInterval" || name == "requestAnimationFrame") return true;
  std::string lower = ascii_lower(name);
  return lower.find("throttle") != std::string::npos || lower.find("debounce") != std::string::npos;
}

}  // namespace

ScriptHotPaths Walker::run(Node root) {
  fns_.emplace_back();
  walk(
      root, [&](Node n) { return enter(n); },
      [&](Node n) {
        if (n.named() && !stack_.empty()) stack_.pop_back();
      });
  return finish();
}

bool Walker::enter(Node n) {
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
    if (c.loop >= 0) once_on_index(n.field("condition"), n.field("consequence"), &e);
  } else if (t == "else_clause") {
    if (c.loop >= 0) exit_in_place(n.named_child(0), &e);
  } else if (t == "binary_expression") {
    std::string_view op = n.field("operator").type();
    if (op == "&&" || op == "||") guard_rest(n.field("left"), &e);
    if (op == "&&" && c.loop >= 0) once_on_index(n.field("left"), n.field("right"), &e);
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

Ctx Walker::child_ctx(Entry& p, Node n) {
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

void Walker::guard_rest(Node condition, Entry* e) {
  if (e->inner.method < 0 || condition.null()) return;
  guards_.push_back({condition, e->inner.guard, e->inner.method});
  e->guard_from = condition.end();
  e->guard_index = static_cast<int>(guards_.size()) - 1;
}

void Walker::enroll(Node fn, Run run, int index) {
  fn = unwrap(fn);
  if (js::is_function(fn)) pending_.emplace(key_of(fn), Registration{run, index});
}

void Walker::enter_function(Node n, Entry* e) {
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

void Walker::enter_loop(Node n, Entry* e) {
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
  if (t == "for_statement") loop.index = counter_of(n);
  loops_.push_back(loop);
  e->body = body.range();
  if (Node condition = n.field("condition"); !condition.null() && t != "for_in_statement")
    e->condition = condition.range();
  if (Node update = n.field("increment"); !update.null()) e->update = update.range();
  e->body_loop = static_cast<int>(loops_.size()) - 1;
}

// The loop in effect after `s` when `s` always leaves the code around it, else
// kFallsThrough.
int Walker::after_exit(Node s, const Ctx& c) const {
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

int Walker::after_return(Node s, const Ctx& c) const {
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

bool Walker::returns(Node s) {
  std::string_view t = s.type();
  if (t == "return_statement" || t == "throw_statement") return true;
  if (t != "statement_block") return false;
  std::vector<Node> body = s.named_children();
  while (!body.empty() && body.back().type() == "comment") body.pop_back();
  return !body.empty() && returns(body.back());
}

// In a loop: a statement that always leaves it, and those before it, run once at most.
void Walker::find_exit(Node block, Entry* e) const {
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
void Walker::exit_in_place(Node s, Entry* e) const {
  if (s.type() != "return_statement" && s.type() != "throw_statement") return;
  int after = after_exit(s, e->inner);
  if (after == kFallsThrough || after == e->inner.loop) return;
  e->once_before = s.end();
  e->once_loop = after;
}

void Walker::once_on_index(Node condition, Node branch, Entry* e) const {
  const Loop& loop = loops_[e->inner.loop];
  if (e->once_before) return;  // an exit already makes it run once
  condition = unwrap(condition);
  if (loop.index.empty() || branch.null() || condition.type() != "binary_expression") return;
  std::string_view op = condition.field("operator").type();
  if (op != "===" && op != "==") return;
  if (unwrap(condition.field("left")).text() != loop.index &&
      unwrap(condition.field("right")).text() != loop.index)
    return;
  e->once_before = branch.end();
  e->once_loop = loop.outer;
}

bool Walker::is_this(Node n) const {
  n = unwrap(n);
  return n.type() == "this" || (n.type() == "identifier" && aliases_.count(std::string(n.text())));
}

void Walker::on_call(Node call, const Ctx& c) {
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
void Walker::enroll_all(const std::vector<Node>& args, Run run) {
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

void Walker::enroll_iteration(Node fn, Node method, const Ctx& c) {
  if (!js::is_function(unwrap(fn))) return;
  Loop loop;
  std::string_view name = method.text();
  loop.what = std::string(name) + " callback";
  loop.at = method.range();
  loop.outer = c.loop;
  loop.stops_on_return = name == "some" || name.starts_with("find");
  loop.stops_on_false = name == "every";
  loop.index = parameter_name(unwrap(fn), name.starts_with("reduce") ? 2 : 1);
  loops_.push_back(loop);
  enroll(fn, Run::iteration, static_cast<int>(loops_.size()) - 1);
}

void Walker::enroll_methods(Node options, bool component) {
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

}  // namespace hot

ScriptHotPaths extract_hot_paths(const SyntaxTree& tree, const SourceText& source) {
  std::string_view text = tree.root().text();
  if (text.find("setData") == std::string_view::npos && text.find("Sync") == std::string_view::npos)
    return {};
  return hot::Walker(source).run(tree.root());
}

}  // namespace mplint
