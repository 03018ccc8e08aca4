// Inside the data flow (flow.cpp, flow_taint.cpp): which declaration a name refers to, and
// what an expression denotes (a literal, a module's export, a parameter, `this`).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "analyzer/flow.h"
#include "analyzer/source.h"
#include "analyzer/syntax_tree.h"

namespace mplint::flow {

/// A declared name. Scopes are functions (and the program); blocks are not told apart, so a
/// name declared twice in one function is `ambiguous` and never followed.
struct Decl {
  enum class Kind { var, param, import, function, ambiguous };
  Kind kind = Kind::var;
  uint32_t id = 0;                // the declaring node's offset: a stable key for the taint chains
  Node value;                     // var: the initializer; function: the function node
  std::vector<std::string> path;  // destructuring path below the value / parameter
  Node fn;                        // param: its function
  int index = -1;                 // param: its position
  std::string module;             // import: the spec
  std::vector<Node> assigned;     // later `name = value` (a null node: `name += …`, `name++`)
};

/// The nodes the data flow reads, gathered in one walk (document order): each full walk
/// of a big bundle costs as much as the rest of the analysis.
struct NodeIndex {
  std::vector<Node> functions;
  std::vector<Node> declarations;  // variables, functions, classes, imports, for-in, catch
  std::vector<Node> assignments;   // =, +=, ++
  std::vector<Node> calls;
  std::vector<Node> pairs;           // object members `key: value`
  std::vector<Node> plugin_strings;  // strings holding `plugin://` or `plugin-private://`
  static NodeIndex of(Node root);
};

class Scopes {
 public:
  Scopes(Node root, const NodeIndex& index);
  /// The declaration an identifier refers to, or null (a global, or not declared).
  const Decl* lookup(Node identifier) const;
  /// The innermost function strictly around `n` (a null node: the program). Found from
  /// byte ranges: tree-sitter's parent() walks down from the root, quadratic on big files.
  Node scope_of(Node n) const;
  /// The functions around `n`, innermost first.
  std::vector<Node> functions_around(Node n) const;

 private:
  struct Fn {
    uint32_t begin, end;
    Node node;
    int parent;  // index of the enclosing function, -1 for the program
  };
  int innermost(uint32_t begin, uint32_t end, const Node& self) const;
  std::vector<Fn> fns_;  // in document order
  Node root_;
  void declare_node(Node n);
  void declare_imports(Node n);
  void declare(Node scope, const std::string& name, Decl d);
  void declare_pattern(Node scope, Node pattern, Decl d);
  void declare_params(Node fn);
  void record_assignment(Node n);
  std::map<std::pair<uint32_t, std::string>, Decl> decls_;
};

/// What an expression denotes after following names and member paths.
struct Target {
  enum class Kind { none, node, module, app, param, self };
  Kind kind = Kind::none;
  Node node;  // node: the expression (literal, object, function…); self: what holds `this`
  std::string module;             // module: spec
  Node fn;                        // param
  int index = -1;                 // param
  std::vector<std::string> path;  // member path below it
};

std::string dotted(const std::vector<std::string>& path);

class Evaluator {
 public:
  Evaluator(const Scopes& scopes, const SourceText& source) : scopes_(scopes), source_(source) {}
  Target resolve(Node e, int depth = 0) const;
  FlowString string_of(Node e, int depth = 0) const;
  /// An object literal an expression denotes, or a null node.
  Node object_of(Node e) const;
  /// For a call: `wx.request` etc. → the API name ("wx.request"), else "".
  static std::string network_api(Node call);
  /// "wx.navigateTo" (redirectTo, reLaunch, switchTab) for such a call, else "".
  static std::string navigation_api(Node call);
  Loc loc(Node n) const { return locate(source_, n.range()); }
  const Scopes& scopes() const { return scopes_; }

 private:
  Target descend(Target t, int depth) const;
  Node this_holder(Node e) const;
  Target member_of_this(const Target& self, int depth) const;
  Node class_member(Node body, const std::string& name) const;
  void append_template(Node tmpl, int depth, FlowString* out) const;
  /// What each class body's members are, once per body: name → (value, times assigned).
  using ClassMembers = std::map<std::string, std::pair<Node, int>, std::less<>>;
  const ClassMembers& class_members(Node body) const;
  const Scopes& scopes_;
  const SourceText& source_;
  mutable std::map<uint32_t, ClassMembers> class_members_;  // by the body's offset
};

/// A function's parameters (an arrow's single one included).
std::vector<Node> parameters_of(Node fn);
/// A parameter as written, without its TypeScript type or default value.
std::string parameter_text(Node param);

}  // namespace mplint::flow

namespace mplint {
/// The page data sinks of a script (flow_taint.cpp).
void extract_data_sinks(const flow::Evaluator& ev, const flow::NodeIndex& index, ScriptFlow* out);
/// The data keys of the file's Page/Component (page_data.cpp).
PageData extract_page_data(const flow::Evaluator& ev, const flow::NodeIndex& index);
}  // namespace mplint
