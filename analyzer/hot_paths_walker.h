// Inside extract_hot_paths (hot_paths.cpp, hot_paths_methods.cpp): the walk's context, the
// loops and functions it meets, and the methods it reads. One walk over the tree with a stack
// of entries: what a node hands its children (the loop they run per iteration of, the method
// they run for, the checks in force) is decided when the node is entered.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analyzer/hot_paths.h"
#include "analyzer/source.h"
#include "analyzer/syntax_tree.h"

namespace mplint::hot {

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
  std::string index;             // its counter (`i` of `for (let i = 0…`, `(item, i) =>`)
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

class Walker {
 public:
  explicit Walker(const SourceText& source) : source_(source) {}
  ScriptHotPaths run(Node root);

 private:
  // The walk: what each node gives its children.
  bool enter(Node n);
  Ctx child_ctx(Entry& p, Node n);
  void guard_rest(Node condition, Entry* e);
  static uint64_t key_of(Node n) { return (uint64_t{n.begin()} << 32) | n.end(); }

  // Functions and loops: how a function runs, what leaves a loop (hot_paths.cpp).
  void enroll(Node fn, Run run, int index = -1);
  void enter_function(Node n, Entry* e);
  void enter_loop(Node n, Entry* e);
  // The loop in effect after `s` when `s` always leaves the code around it, else
  // kFallsThrough.
  int after_exit(Node s, const Ctx& c) const;
  int after_return(Node s, const Ctx& c) const;
  static bool returns(Node s);
  // In a loop: a statement that always leaves it, and those before it, run once at most.
  void find_exit(Node block, Entry* e) const;
  // `if (found) return this.setData(…)`: what the exit evaluates runs once.
  void exit_in_place(Node s, Entry* e) const;
  // `if (i === list.length - 1) …`: a test of the counter for one value runs its branch once.
  void once_on_index(Node condition, Node branch, Entry* e) const;

  // Calls.
  bool is_this(Node n) const;
  void on_call(Node call, const Ctx& c);
  // Function arguments, and the functions of an object argument (`{ success(res) {…} }`).
  void enroll_all(const std::vector<Node>& args, Run run);
  void enroll_iteration(Node fn, Node method, const Ctx& c);
  void enroll_methods(Node options, bool component);

  // What a method does: hot calls, keys, fields, locals (hot_paths_methods.cpp).
  void record(Node callee, Node object, std::string_view name, Node call, const Ctx& c);
  static void collect_keys(Node call, std::set<std::string>* keys);
  void on_declarator(Node n, const Ctx& c);
  void on_assignment(Node n, const Ctx& c);

  // Checks of state.
  bool guarded(int g);
  // `this.<path>` as state of method m: a data key it sets, or a field it assigns.
  bool state_path(const std::vector<std::string>& path, int m) const;
  bool local_is_state(const Local& local, std::vector<std::string> rest, int m, int depth);
  bool reads_state(Node condition, int m, int depth);

  // Results.
  ScriptHotPaths finish();

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

}  // namespace mplint::hot
