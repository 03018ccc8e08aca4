#include "analyzer/features.h"

#include <algorithm>
#include <cctype>
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
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("version") != std::string::npos;
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
      } else {
        return true;
      }
      if (name.null() || value.null()) return true;
      std::string key = holder_key(name);
      if (key.empty()) return true;
      std::string creator = creator_call(unwrap(value));
      if (!creator.empty()) bind(&creators_, key, creator, &conflicting);
      std::vector<std::string> tests = positive_tests_raw(unwrap(value));
      if (!tests.empty() && !held_tests_.count(key)) held_tests_[key] = tests;
      return true;
    });
    for (const std::string& k : conflicting) creators_.erase(k);
  }

  static void bind(std::map<std::string, std::string>* map, const std::string& key,
                   const std::string& value, std::set<std::string>* conflicting) {
    auto [it, fresh] = map->emplace(key, value);
    if (!fresh && it->second != value) conflicting->insert(key);
  }

  // `canIUseX: wx.canIUse('X')` anywhere (data, setData, globalData).
  void record_feature_key(Node pair) {
    std::string key = js::property_name(pair.field("key"));
    if (key.empty()) return;
    std::vector<std::string> tests = positive_tests_raw(unwrap(pair.field("value")));
    if (!tests.empty()) out_->feature_keys.emplace(key, tests);
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

  // `wx.createX(...)` / `wx.getX(...)` → "wx.createX".
  static std::string creator_call(Node n) {
    if (n.type() != "call_expression") return "";
    std::string name = wx_member(unwrap(n.field("function")));
    if (name.rfind("wx.create", 0) == 0 || name.rfind("wx.get", 0) == 0) return name;
    return "";
  }

  // `wx.X` → "wx.X"; else "".
  static std::string wx_member(Node n) {
    if (n.type() != "member_expression") return "";
    Node object = unwrap(n.field("object"));
    Node property = n.field("property");
    if (object.type() != "identifier" || object.text() != "wx") return "";
    if (property.type() != "property_identifier") return "";
    return "wx." + std::string(property.text());
  }

  // The creator whose object `n` is: a direct `wx.createX()` or a name holding one.
  std::string creator_of(Node n) {
    n = unwrap(n);
    std::string direct = creator_call(n);
    if (!direct.empty()) return direct;
    std::string key = holder_key(n);
    auto it = creators_.find(key);
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
      std::string callee = wx_member(unwrap(n.field("function")));
      Node arg = unwrap(n.field("arguments").named_child(0));
      std::string s;
      if (callee == "wx.canIUse" && string_value(arg, &s)) out->push_back("canIUse:" + s);
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
    if (follow_names) held_tests(n, out);
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
    bool equal = op == "===" || op == "==";
    if (!equal && op != "!==" && op != "!=") return;
    Node subject = left, other = right;
    if (subject.type() != "unary_expression" && subject.type() != "member_expression")
      std::swap(subject, other);
    std::string s;
    bool absent;  // the comparison is true when the feature is absent
    if (string_value(other, &s) && (s == "function" || s == "undefined" || s == "object"))
      absent = (s == "undefined") == equal;
    else if (other.type() == "undefined" || other.type() == "null")
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
        if (object.type() == "member_expression" &&
            object.field("property").text() == "data") {
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

  // The highest version literal of a version comparison in `n`, or "".
  static std::string version_check(Node n) {
    if (!mentions_version(n.text())) return "";
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

  FeatureGuards with(const FeatureGuards& g, Node condition, bool positive) {
    FeatureGuards out = g;
    tests_of(condition, positive, &out, true);
    std::string v = version_check(condition);
    if (!v.empty() && (out.version.empty() || compare_versions(v, out.version) > 0))
      out.version = v;
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
    record_use(n, g);
    uint32_t count = n.named_child_count();
    for (uint32_t i = 0; i < count; ++i) visit(n.named_child(i), g, depth + 1);
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
      // `wx.router.push(…)`: a property API read. Calls are recorded as calls.
      std::string name = wx_member(unwrap(n.field("object")));
      if (!name.empty()) add_use(name, "", n.field("object").field("property"), g);
    }
  }

  void record_call(Node call, const FeatureGuards& g) {
    Node callee = unwrap(call.field("function"));
    if (callee.type() != "member_expression") return;
    Node property = callee.field("property");
    std::string name = wx_member(callee);
    FeatureGuards guards = g;
    // `wx.X?.()` tests for X itself.
    if (!call.field("optional_chain").null() && !name.empty()) guards.tests.push_back(name);
    if (name.empty()) {
      std::string creator = creator_of(callee.field("object"));
      if (creator.empty() || property.type() != "property_identifier") return;
      add_use(creator + "()." + std::string(property.text()), "", property, guards);
      return;
    }
    if (name == "wx.canIUse") return;  // the test itself, not a use
    add_use(name, "", property, guards);
    Node arg = unwrap(call.field("arguments").named_child(0));
    if (arg.type() != "object") return;
    for (Node m : arg.named_children()) {
      Node key;
      if (m.type() == "pair" || m.type() == "method_definition")
        key = m.field(m.type() == "pair" ? "key" : "name");
      else if (m.type() == "shorthand_property_identifier")
        key = m;
      if (key.null()) continue;
      std::string option = key.type() == "shorthand_property_identifier"
                               ? std::string(key.text())
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
    out_->uses.push_back(std::move(use));
  }

  const SourceText& source_;
  ScriptFeatures* out_;
  std::map<std::string, std::string> creators_;
  std::map<std::string, std::vector<std::string>> held_tests_;
};

bool is_condition(std::string_view name) { return name == "wx:if" || name == "wx:elif"; }

}  // namespace

int compare_versions(std::string_view a, std::string_view b) {
  auto next = [](std::string_view* s) {
    long v = 0;
    size_t i = 0;
    while (i < s->size() && std::isdigit(static_cast<unsigned char>((*s)[i])))
      v = v * 10 + ((*s)[i++] - '0');
    if (i < s->size() && (*s)[i] == '.') ++i;
    s->remove_prefix(i);
    return v;
  };
  for (int part = 0; part < 3; ++part) {
    long x = next(&a), y = next(&b);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

ScriptFeatures extract_script_features(const SyntaxTree& tree, const SourceText& source) {
  ScriptFeatures out;
  if (tree.root().text().find("wx") == std::string_view::npos) return out;
  FeatureWalker(source, &out).run(tree.root());
  return out;
}

std::vector<ElementUse> extract_elements(const WxmlDocument& doc, const SourceText& source) {
  std::vector<ElementUse> out;
  for (size_t i = 0; i < doc.nodes.size(); ++i) {
    const WxmlNode& node = doc.nodes[i];
    if (!node.is_element() || node.tag.empty()) continue;
    ElementUse use;
    use.tag = node.tag;
    use.at = locate(source, node.name_range);
    for (const WxmlAttribute& a : node.attributes) {
      ElementAttribute attr;
      attr.name = a.name;
      attr.dynamic = a.dynamic;
      if (!a.dynamic && a.value.size() <= 64) attr.value = a.value;
      attr.at = locate(source, a.name_range);
      use.attributes.push_back(std::move(attr));
    }
    for (int at = static_cast<int>(i); at >= 0; at = doc.nodes[at].parent)
      for (const WxmlAttribute& a : doc.nodes[at].attributes)
        if (is_condition(a.name)) use.conditions.push_back(a.value);
    out.push_back(std::move(use));
  }
  return out;
}

}  // namespace mplint
