// What a page/component method does, for extract_hot_paths: its hot calls and callees, the
// data keys, fields and variables it sets, and whether a condition checks that state.
#include <algorithm>

#include "analyzer/hot_paths_walker.h"
#include "analyzer/js_util.h"

namespace mplint::hot {

using js::unwrap;

void Walker::record(Node callee, Node object, std::string_view name, Node call, const Ctx& c) {
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

void Walker::collect_keys(Node call, std::set<std::string>* keys) {
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

void Walker::on_declarator(Node n, const Ctx& c) {
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

void Walker::on_assignment(Node n, const Ctx& c) {
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

bool Walker::guarded(int g) {
  for (; g >= 0; g = guards_[g].parent) {
    if (checked_.size() <= static_cast<size_t>(g)) checked_.resize(guards_.size(), -1);
    if (checked_[g] < 0) checked_[g] = reads_state(guards_[g].condition, guards_[g].method, 0);
    if (checked_[g]) return true;
  }
  return false;
}

// `this.<path>` as state of method m: a data key it sets, or a field it assigns.
bool Walker::state_path(const std::vector<std::string>& path, int m) const {
  if (path.empty()) return false;
  if (path[0] == "data") return path.size() > 1 && methods_[m].set_keys.count(path[1]);
  return methods_[m].fields.count(path[0]) > 0;
}

bool Walker::local_is_state(const Local& local, std::vector<std::string> rest, int m, int depth) {
  std::vector<std::string> path;
  Node root = js::member_root(local.init, &path);
  if (!root.null() && is_this(root)) {
    if (!local.key.empty()) path.push_back(local.key);
    path.insert(path.end(), rest.begin(), rest.end());
    return state_path(path, m);
  }
  // Two steps at most, through short initializers: checks stay linear in minified code.
  return depth < 2 && local.init.end() - local.init.begin() < 400 &&
         reads_state(local.init, m, depth + 1);
}

bool Walker::reads_state(Node condition, int m, int depth) {
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

ScriptHotPaths Walker::finish() {
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

}  // namespace mplint::hot
