#include "analyzer/features.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>

#include "analyzer/js_util.h"
#include "analyzer/syntax_tree.h"
#include "analyzer/wxml.h"

namespace mplint {

namespace {

using js::string_value;
using js::unwrap;

// Deeper than this, nesting adds no guards (the walk goes on without recursion).
constexpr int kMaxGuardDepth = 400;

bool is_version_text(std::string_view s) {
  int dots = 0;
  if (s.empty() || !std::isdigit(static_cast<unsigned char>(s.front()))) return false;
  for (char c : s) {
    if (c == '.')
      ++dots;
    else if (!std::isdigit(static_cast<unsigned char>(c)))
      return false;
  }
  return dots == 2;
}

bool mentions_version(std::string_view text) {
  return ascii_lower(text).find("version") != std::string::npos;
}

// A name that says it holds or makes a feature test (`canIUseNextTick()`, `canUseX`).
bool names_feature_test(std::string_view text) {
  std::string l = ascii_lower(text);
  return l.find("caniuse") != std::string::npos || l.find("canuse") != std::string::npos;
}

// The highest version literal ('2.10.4') in `n`, or "".
std::string version_literal(Node n) {
  std::string best;
  walk(n, [&](Node c) {
    std::string s;
    if (string_value(c, &s) && is_version_text(s) &&
        (best.empty() || compare_versions(s, best) > 0))
      best = s;
    return true;
  });
  return best;
}

bool holds(std::string_view op, int a, int b) {
  if (op == ">=") return a >= b;
  if (op == ">") return a > b;
  if (op == "<=") return a <= b;
  if (op == "<") return a < b;
  if (op == "===" || op == "==") return a == b;
  if (op == "!==" || op == "!=") return a != b;
  return false;
}

std::string_view mirrored(std::string_view op) {
  if (op == ">=") return "<=";
  if (op == ">") return "<";
  if (op == "<=") return ">=";
  if (op == "<") return ">";
  return op;
}

int comparison_direction(Node n, std::string* version);

// Whether `n` is true on base libraries at or above the version it names (+1), true below
// it (-1), or neither is known (0): `compareVersion(SDKVersion, '2.10.4') >= 0` is +1,
// `… < 0` is -1, `res.appVersion !== '3.0.0'` is 0. `version` receives the literal.
int version_direction(Node n, std::string* version) {
  n = unwrap(n);
  std::string_view t = n.type();
  if (t == "unary_expression" && n.field("operator").text() == "!")
    return -version_direction(n.field("argument"), version);
  if (t == "binary_expression") {
    std::string_view op = n.field("operator").text();
    if (op == "&&" || op == "||") {
      std::string a, b;
      int da = version_direction(n.field("left"), &a), db = version_direction(n.field("right"), &b);
      if (op == "&&" && (da > 0 || db > 0)) {
        *version = da > 0 && (db <= 0 || compare_versions(a, b) > 0) ? a : b;
        return 1;
      }
      if (op == "||" && da > 0 && db > 0) {
        *version = compare_versions(a, b) < 0 ? a : b;
        return 1;
      }
      return 0;
    }
    return comparison_direction(n, version);
  }
  if (t == "call_expression" && mentions_version(n.text())) {
    // `gte(SDKVersion, '2.9.0')`, `isVersionAtLeast('2.9.0')`; `compareVersion(…)` alone is
    // true for "newer" and "older" alike.
    *version = version_literal(n);
    std::string name = ascii_lower(n.field("function").text());
    if (version->empty() || name.find("compare") != std::string::npos) return 0;
    for (const char* older : {"less", "lower", "below", "older", "lt"})
      if (name.find(older) != std::string::npos) return -1;
    return 1;
  }
  return 0;
}

int comparison_direction(Node n, std::string* version) {
  std::string_view op = n.field("operator").text();
  if (!mentions_version(n.text())) return 0;
  *version = version_literal(n);
  if (version->empty()) return 0;
  Node left = unwrap(n.field("left")), right = unwrap(n.field("right"));
  auto is_number = [](Node x) {
    return x.type() == "number" ||
           (x.type() == "unary_expression" && x.field("argument").type() == "number");
  };
  if (is_number(left) || is_number(right)) {
    // A comparator's result (-1, 0, 1) against a number: true for which results?
    bool number_right = is_number(right);
    Node number = number_right ? right : left;
    int k = std::atoi(std::string(number.text()).c_str());
    std::string_view cmp_op = number_right ? op : mirrored(op);
    bool older = holds(cmp_op, -1, k), same = holds(cmp_op, 0, k), newer = holds(cmp_op, 1, k);
    if (same && newer && !older) return 1;
    if (older && !same && !newer) return -1;
    return 0;
  }
  // `SDKVersion >= '2.10.4'`: the literal on the right, or mirrored.
  std::string s;
  bool literal_right = string_value(right, &s) && is_version_text(s);
  std::string_view cmp_op = literal_right ? op : mirrored(op);
  if (cmp_op == ">=" || cmp_op == ">") return 1;
  if (cmp_op == "<" || cmp_op == "<=") return -1;
  return 0;
}

class FeatureWalker {
 public:
  FeatureWalker(const SourceText& source, ScriptFeatures* out) : source_(source), out_(out) {}

  void run(Node root) {
    collect_bindings(root);
    FeatureGuards none;
    visit(root, none, 0);
  }

 private:
  // ---- what names hold: creators (`ctx = wx.createMapContext()`), feature tests ----------

  void collect_bindings(Node root) {
    std::set<std::string> conflicting;
    walk(root, [&](Node n) {
      std::string_view t = n.type();
      Node name, value;
      if (t == "variable_declarator") {
        name = n.field("name");
        value = n.field("value");
      } else if (t == "assignment_expression") {
        name = n.field("left");
        value = n.field("right");
      } else if (t == "pair") {
        record_feature_key(n);
        return true;
      } else if (t == "function_declaration") {
        record_test_function(n.field("name"), n.field("body"));
        return true;
      } else {
        return true;
      }
      if (name.null() || value.null()) return true;
      std::string key = holder_key(name);
      if (key.empty()) return true;
      std::string creator = creator_of(value);
      if (!creator.empty()) bind(&creators_, key, creator, &conflicting);
      std::vector<std::string> tests = positive_tests_raw(unwrap(value));
      if (!tests.empty() && !held_tests_.count(key)) held_tests_[key] = tests;
      if (js::is_function(unwrap(value))) record_test_function(name, unwrap(value).field("body"));
      return true;
    });
    for (const std::string& k : conflicting) creators_.erase(k);
  }

  static void bind(std::map<std::string, std::string>* map, const std::string& key,
                   const std::string& value, std::set<std::string>* conflicting) {
    auto [it, fresh] = map->emplace(key, value);
    if (!fresh && it->second != value) conflicting->insert(key);
  }

  // `canIUseX: wx.canIUse('X')` anywhere (data, setData, globalData); also a version
  // comparison (`sdkOk: compareVersion(SDKVersion, '2.16.0') >= 0`).
  void record_feature_key(Node pair) {
    std::string key = js::property_name(pair.field("key"));
    if (key.empty()) return;
    Node value = unwrap(pair.field("value"));
    std::vector<std::string> tests = positive_tests_raw(value);
    std::string version;
    if (tests.empty() && version_direction(value, &version) > 0)
      tests.push_back("version:" + version);
    if (!tests.empty()) out_->feature_keys.emplace(key, tests);
  }

  // `function canIUseNextTick() { return wx.canIUse('nextTick') }`, or an arrow with that
  // body: a call of it is that test.
  void record_test_function(Node name, Node body) {
    if (name.null() || body.null() || name.type() != "identifier") return;
    Node result = body;
    if (body.type() == "statement_block") {
      if (body.named_child_count() != 1 || body.named_child(0).type() != "return_statement") return;
      result = body.named_child(0).named_child(0);
    }
    std::vector<std::string> tests = positive_tests_raw(unwrap(result));
    if (!tests.empty()) held_tests_.emplace(std::string(name.text()) + "()", tests);
  }

  // The name a value is kept under: "x" for a variable, "this.x" for a member of `this` or
  // of an alias of it (`that.x`, `self.x`), "" otherwise.
  static std::string holder_key(Node n) {
    n = unwrap(n);
    if (n.type() == "identifier") return std::string(n.text());
    if (n.type() != "member_expression") return "";
    Node object = unwrap(n.field("object"));
    Node property = n.field("property");
    if (property.type() != "property_identifier") return "";
    if (object.type() == "this" || object.type() == "identifier")
      return "this." + std::string(property.text());
    return "";
  }

  // `wx.X` (also `wx['X']`) → "wx.X"; else "".
  static std::string wx_member(Node n) {
    std::string_view t = n.type();
    if (t != "member_expression" && t != "subscript_expression") return "";
    Node object = unwrap(n.field("object"));
    if (object.type() != "identifier" || object.text() != "wx") return "";
    if (t == "subscript_expression") {
      std::string s;
      return string_value(unwrap(n.field("index")), &s) ? "wx." + s : "";
    }
    Node property = n.field("property");
    if (property.type() != "property_identifier") return "";
    return "wx." + std::string(property.text());
  }

  // The object `n` is, as the chain of calls that made it from a `wx` function:
  // `wx.createSelectorQuery()` → "wx.createSelectorQuery"; `q.select('#a')` with q holding
  // that → "wx.createSelectorQuery().select". What each returns is known from the typings.
  std::string creator_of(Node n, int depth = 0) {
    n = unwrap(n);
    if (depth > 8) return "";
    if (n.type() == "call_expression") {
      Node callee = unwrap(n.field("function"));
      std::string name = wx_member(callee);
      if (!name.empty()) return name == "wx.canIUse" ? "" : name;
      if (callee.type() != "member_expression") return "";
      Node property = callee.field("property");
      if (property.type() != "property_identifier") return "";
      std::string object = creator_of(callee.field("object"), depth + 1);
      return object.empty() ? "" : object + "()." + std::string(property.text());
    }
    auto it = creators_.find(holder_key(n));
    return it == creators_.end() ? "" : it->second;
  }

  // ---- feature tests of conditions --------------------------------------------------------

  // Tests that hold when `n` is truthy, without looking through names that hold tests.
  std::vector<std::string> positive_tests_raw(Node n) {
    FeatureGuards g;
    tests_of(n, true, &g, false);
    return g.tests;
  }

  // Adds to `g` what holds when `n` is truthy (`positive`) or falsy: tests that passed go to
  // g->tests, tests that failed to g->absent.
  void tests_of(Node n, bool positive, FeatureGuards* g, bool follow_names) {
    std::vector<std::string>* out = positive ? &g->tests : &g->absent;
    n = unwrap(n);
    std::string_view t = n.type();
    if (t == "sequence_expression") {  // `if (init(), wx.X)`: the last operand decides
      Node last = n.named_child(n.named_child_count() - 1);
      if (!last.null()) tests_of(last, positive, g, follow_names);
      return;
    }
    if (t == "unary_expression") {
      std::string_view op = n.field("operator").text();
      if (op == "!") tests_of(n.field("argument"), !positive, g, follow_names);
      if (op == "typeof") tests_of(n.field("argument"), positive, g, follow_names);
      return;
    }
    if (t == "binary_expression") {
      binary_tests(n, positive, g, follow_names);
      return;
    }
    if (t == "call_expression") {
      call_tests(n, out, follow_names);
      return;
    }
    if (t == "member_expression") {
      std::string name = wx_member(n);
      if (!name.empty()) {
        out->push_back(name);
        return;
      }
      Node property = n.field("property");
      std::string creator = creator_of(n.field("object"));
      if (!creator.empty() && property.type() == "property_identifier") {
        out->push_back(creator + "()." + std::string(property.text()));
        return;
      }
    }
    if (!follow_names) return;
    size_t before = out->size();
    held_tests(n, out);
    if (out->size() == before && (t == "identifier" || t == "member_expression") &&
        names_feature_test(n.text()))
      out->push_back("canIUse:*");
  }

  // `wx.canIUse('X')`; `wx.X()` (a result means X exists); a helper returning a test.
  void call_tests(Node call, std::vector<std::string>* out, bool follow_names) {
    Node callee = unwrap(call.field("function"));
    std::string name = wx_member(callee);
    Node arg = unwrap(call.field("arguments").named_child(0));
    std::string s;
    if (name == "wx.canIUse") {
      if (string_value(arg, &s)) out->push_back("canIUse:" + canIUse_argument(s));
      return;
    }
    if (!name.empty()) {
      out->push_back(name);
      return;
    }
    if (!follow_names) return;
    auto it = held_tests_.find(std::string(callee.text()) + "()");
    if (it != held_tests_.end())
      out->insert(out->end(), it->second.begin(), it->second.end());
    else if (names_feature_test(callee.text()))
      out->push_back("canIUse:*");
  }

  // `wx.canIUse('wx.createMediaContainer()')` means 'createMediaContainer'.
  static std::string canIUse_argument(std::string s) {
    if (s.rfind("wx.", 0) == 0) s.erase(0, 3);
    if (s.size() > 2 && s.compare(s.size() - 2, 2, "()") == 0) s.erase(s.size() - 2);
    return s;
  }

  // `a && b`, `a || b`, `typeof wx.X === 'function'`, `wx.X !== undefined`.
  void binary_tests(Node n, bool positive, FeatureGuards* g, bool follow_names) {
    std::string_view op = n.field("operator").text();
    Node left = unwrap(n.field("left"));
    Node right = unwrap(n.field("right"));
    if (op == "&&" || op == "||") {
      // `a && b` true: both hold; `a || b` false: neither holds. The other two forms
      // guarantee nothing, but a guard on either side is taken as meant for what follows.
      tests_of(left, positive, g, follow_names);
      tests_of(right, positive, g, follow_names);
      return;
    }
    std::string s;
    if (op == "in") {  // `'getUserProfile' in wx`
      if (string_value(left, &s) && right.type() == "identifier" && right.text() == "wx")
        (positive ? g->tests : g->absent).push_back("wx." + s);
      return;
    }
    bool equal = op == "===" || op == "==";
    if (!equal && op != "!==" && op != "!=") return;
    Node subject = left, other = right;
    if ((subject.type() != "unary_expression" || subject.field("operator").text() == "void") &&
        subject.type() != "member_expression")
      std::swap(subject, other);
    bool absent;  // the comparison is true when the feature is absent
    if (string_value(other, &s) && (s == "function" || s == "undefined" || s == "object"))
      absent = (s == "undefined") == equal;
    else if (other.type() == "undefined" || other.type() == "null" ||
             (other.type() == "unary_expression" && other.field("operator").text() == "void"))
      absent = equal;
    else
      return;
    tests_of(subject, positive != absent, g, follow_names);
  }

  void held_tests(Node n, std::vector<std::string>* out) {
    std::string key = holder_key(n);
    if (key.empty()) {
      // `this.data.canIUseX`: a data key whose value is a test.
      if (n.type() == "member_expression") {
        Node object = unwrap(n.field("object"));
        if (object.type() == "member_expression" && object.field("property").text() == "data") {
          auto it = out_->feature_keys.find(std::string(n.field("property").text()));
          if (it != out_->feature_keys.end())
            out->insert(out->end(), it->second.begin(), it->second.end());
        }
      }
      return;
    }
    auto it = held_tests_.find(key);
    if (it != held_tests_.end()) out->insert(out->end(), it->second.begin(), it->second.end());
  }

  FeatureGuards with(const FeatureGuards& g, Node condition, bool positive) {
    FeatureGuards out = g;
    tests_of(condition, positive, &out, true);
    std::string v;
    int direction = version_direction(condition, &v);
    if (direction != 0 && (direction > 0) == positive &&
        (out.version.empty() || compare_versions(v, out.version) > 0))
      out.version = v;
    else if (direction != 0)
      out.absent.push_back("version:" + v);  // the code runs only below v
    return out;
  }

  // ---- the walk ---------------------------------------------------------------------------

  void visit(Node n, const FeatureGuards& g, int depth) {
    if (depth > kMaxGuardDepth) {
      walk(n, [&](Node c) {
        record_use(c, g);
        return true;
      });
      return;
    }
    std::string_view t = n.type();
    if (t == "if_statement") return visit_if(n, g, depth);
    if (t == "statement_block" || t == "program" || t == "switch_body")
      return visit_sequence(n, g, depth);
    if (t == "ternary_expression") {
      visit(n.field("condition"), g, depth + 1);
      visit(n.field("consequence"), with(g, n.field("condition"), true), depth + 1);
      visit(n.field("alternative"), with(g, n.field("condition"), false), depth + 1);
      return;
    }
    if (t == "binary_expression") {
      std::string_view op = n.field("operator").text();
      if (op == "&&" || op == "||") {
        visit(n.field("left"), g, depth + 1);
        visit(n.field("right"), with(g, n.field("left"), op == "&&"), depth + 1);
        return;
      }
    }
    if (t == "pair") record_guarded_flag(n, g);
    std::string saved = function_;
    if (std::string name = method_name(n); !name.empty()) function_ = name;
    record_use(n, g);
    uint32_t count = n.named_child_count();
    for (uint32_t i = 0; i < count; ++i) visit(n.named_child(i), g, depth + 1);
    function_ = saved;
  }

  // The name of a page/component method `n` defines (`onTap() {}`, `onTap: function () {}`),
  // or "". Callbacks (`success() {}`) keep the method they are in.
  static std::string method_name(Node n) {
    std::string name;
    if (n.type() == "method_definition")
      name = js::property_name(n.field("name"));
    else if (n.type() == "pair" && js::is_function(unwrap(n.field("value"))))
      name = js::property_name(n.field("key"));
    if (name == "success" || name == "fail" || name == "complete") return "";
    return name;
  }

  // `if (wx.getUserProfile) this.setData({ canIUseGetUserProfile: true })`: the key now
  // stands for the test.
  void record_guarded_flag(Node pair, const FeatureGuards& g) {
    if (unwrap(pair.field("value")).type() != "true") return;
    if (g.tests.empty() && g.version.empty()) return;
    std::string key = js::property_name(pair.field("key"));
    if (key.empty()) return;
    std::vector<std::string> tests = g.tests;
    if (!g.version.empty()) tests.push_back("version:" + g.version);
    out_->feature_keys.emplace(key, tests);
  }

  void visit_if(Node n, const FeatureGuards& g, int depth) {
    Node condition = n.field("condition");
    visit(condition, g, depth + 1);
    visit(n.field("consequence"), with(g, condition, true), depth + 1);
    Node alternative = n.field("alternative");
    if (!alternative.null()) visit(alternative, with(g, condition, false), depth + 1);
  }

  // Statements in order: after `if (!wx.X) return;` the rest of the block is guarded.
  void visit_sequence(Node n, const FeatureGuards& g, int depth) {
    FeatureGuards current = g;
    uint32_t count = n.named_child_count();
    for (uint32_t i = 0; i < count; ++i) {
      Node s = n.named_child(i);
      visit(s, current, depth + 1);
      if (s.type() == "if_statement" && s.field("alternative").null() &&
          always_exits(s.field("consequence")))
        current = with(current, s.field("condition"), false);
    }
  }

  static bool always_exits(Node s) {
    std::string_view t = s.type();
    if (t == "if_statement") {
      Node alternative = s.field("alternative");
      return !alternative.null() && always_exits(s.field("consequence")) &&
             always_exits(alternative.named_child(alternative.named_child_count() - 1));
    }
    if (t == "return_statement" || t == "throw_statement" || t == "continue_statement" ||
        t == "break_statement")
      return true;
    if (t != "statement_block") return false;
    uint32_t count = s.named_child_count();
    for (uint32_t i = count; i-- > 0;) {
      Node last = s.named_child(i);
      if (last.type() == "comment") continue;
      return always_exits(last);
    }
    return false;
  }

  // ---- uses -------------------------------------------------------------------------------

  void record_use(Node n, const FeatureGuards& g) {
    std::string_view t = n.type();
    if (t == "call_expression") return record_call(n, g);
    if (t == "member_expression") {
      // `wx.router.push(…)`: a property API read (`wx.router?.push` tests it first).
      std::string name = wx_member(unwrap(n.field("object")));
      if (name.empty()) return;
      FeatureGuards guards = g;
      if (!n.field("optional_chain").null()) guards.tests.push_back(name);
      add_use(name, "", n.field("object").field("property"), guards);
      return;
    }
    if (t == "variable_declarator") {
      // `const { shared, timing } = wx.worklet`
      Node value = unwrap(n.field("value"));
      std::string name = wx_member(value);
      if (!name.empty() && value.field("optional_chain").null())
        add_use(name, "", value.field("property"), g);
    }
  }

  void record_call(Node call, const FeatureGuards& g) {
    Node callee = unwrap(call.field("function"));
    if (callee.type() != "member_expression" && callee.type() != "subscript_expression") return;
    Node property = callee.field(callee.type() == "member_expression" ? "property" : "index");
    std::string name = wx_member(callee);
    FeatureGuards guards = g;
    // `wx.X?.()` tests for X itself.
    if (!call.field("optional_chain").null() && !name.empty()) guards.tests.push_back(name);
    if (name.empty()) {
      std::string creator = creator_of(callee.field("object"));
      if (creator.empty() || property.type() != "property_identifier") return;
      name = creator + "()." + std::string(property.text());
    } else if (name == "wx.canIUse") {
      return;  // the test itself, not a use
    }
    add_use(name, "", property, guards);
    add_option_uses(name, unwrap(call.field("arguments").named_child(0)), guards);
    for (size_t i = out_->uses.size(); i-- > 0 && !out_->uses[i].option.empty();)
      out_->uses[i].call = property.begin();
  }

  // The keys of a call's object argument (`wx.request({ enableHttp2 })`).
  void add_option_uses(const std::string& name, Node arg, const FeatureGuards& guards) {
    if (arg.type() != "object") return;
    for (Node m : arg.named_children()) {
      Node key;
      if (m.type() == "pair" || m.type() == "method_definition")
        key = m.field(m.type() == "pair" ? "key" : "name");
      else if (m.type() == "shorthand_property_identifier")
        key = m;
      if (key.null()) continue;
      std::string option = key.type() == "shorthand_property_identifier" ? std::string(key.text())
                                                                         : js::property_name(key);
      if (!option.empty()) add_use(name, option, key, guards);
    }
  }

  void add_use(const std::string& name, const std::string& option, Node at,
               const FeatureGuards& g) {
    ApiUse use;
    use.name = name;
    use.option = option;
    use.at = locate(source_, at.range());
    use.guards = g;
    use.function = function_;
    out_->uses.push_back(std::move(use));
  }

  const SourceText& source_;
  ScriptFeatures* out_;
  std::map<std::string, std::string> creators_;
  std::map<std::string, std::vector<std::string>> held_tests_;
  std::string function_;  // the page/component method being walked
};

}  // namespace

ScriptFeatures extract_script_features(const SyntaxTree& tree, const SourceText& source) {
  ScriptFeatures out;
  if (tree.root().text().find("wx") == std::string_view::npos) return out;
  FeatureWalker(source, &out).run(tree.root());
  return out;
}

}  // namespace mplint
