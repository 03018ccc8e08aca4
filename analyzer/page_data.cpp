// Script side of the page data facts (page_data.h): the keys a page or component sets in
// `data` and through setData, and what makes some of them meaningful without the WXML.
#include "analyzer/page_data.h"

#include <algorithm>
#include <map>

#include "analyzer/flow_scope.h"
#include "analyzer/js_util.h"

namespace mplint {

using flow::Evaluator;
using flow::Target;
using js::member_value;
using js::property_name;
using js::unwrap;

namespace {

std::string root_of(std::string_view path) {
  return std::string(path.substr(0, path.find_first_of(".[")));
}

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string_view::npos ? "" : std::string(s.substr(b, e - b + 1));
}

class PageDataReader {
 public:
  PageDataReader(const Evaluator& ev, const flow::NodeIndex& index) : ev_(ev), index_(index) {}

  PageData run() {
    Node options = options_object();
    if (options.null()) return {};
    read_shape(options);
    add_holder(options, 0);
    if (Node data = ev_.object_of(member_value(options, "data")); data) read_keys(data, true);
    for (Node call : index_.calls) read_set_data(call);
    first_occurrences();
    return std::move(out_);
  }

 private:
  // The object of the file's one Page/Component call.
  Node options_object() {
    Node found;
    int calls = 0;
    for (Node n : index_.calls) {
      Node fn = unwrap(n.field("function"));
      if (fn.type() != "identifier" || (fn.text() != "Page" && fn.text() != "Component")) continue;
      ++calls;
      found = ev_.object_of(n.field("arguments").named_child(0));
      out_.kind = fn.text() == "Page" ? PageData::Kind::page : PageData::Kind::component;
    }
    if (calls == 1 && found && !found.has_error()) return found;
    out_.kind = PageData::Kind::none;
    return {};
  }

  void read_shape(Node options) {
    for (Node m : options.named_children())  // `...base` may bring observers or behaviors
      if (m.type() == "spread_element") out_.unjudged = "a spread in the options";
    if (Node b = member_value(options, "behaviors"); b && !builtin_behaviors(b))
      out_.unjudged = "behaviors";
    for (const char* field : {"computed", "watch", "storeBindings"})
      if (member_value(options, field)) out_.unjudged = "`" + std::string(field) + "`";
    if (Node p = member_value(options, "properties"); p) {
      Node object = ev_.object_of(p);
      if (!object || !js::object_keys(object, &out_.properties)) out_.unjudged = "properties";
    }
    if (Node o = member_value(options, "observers"); o) read_observers(o);
    Node settings = ev_.object_of(member_value(options, "options"));
    if (Node pure = settings ? member_value(settings, "pureDataPattern") : Node(); pure) {
      if (pure.type() != "regex") {
        out_.unjudged = "a `pureDataPattern` that is not a regular expression literal";
        return;
      }
      out_.pure_pattern = std::string(pure.field("pattern").text());
      out_.pure_flags = std::string(pure.field("flags").text());
    }
  }

  // `behaviors: ['wx://form-field']`: the built-in ones add no data or observers.
  static bool builtin_behaviors(Node b) {
    if (b.type() != "array") return false;
    for (Node e : b.named_children()) {
      std::string s;
      if (e.type() != "comment" && !(js::string_value(e, &s) && s.starts_with("wx://")))
        return false;
    }
    return true;
  }

  // `observers: {'a, b.c': fn, 'list[0].x': fn}` watch a, b, list; `**` watches everything.
  void read_observers(Node o) {
    Node object = ev_.object_of(o);
    std::set<std::string> keys;
    if (!object || !js::object_keys(object, &keys)) {
      out_.unjudged = "observers";
      return;
    }
    for (const std::string& key : keys)
      for (size_t at = 0; at <= key.size();) {
        size_t comma = std::min(key.find(',', at), key.size());
        std::string root = root_of(trim(std::string_view(key).substr(at, comma - at)));
        if (root == "**") out_.unjudged = "an observer of `**`";
        out_.observed.insert(root);
        at = comma + 1;
      }
  }

  // The objects whose methods run with the page or component as `this`: the options, and
  // the objects in them (methods, lifetimes, pageLifetimes, observers, properties' specs).
  void add_holder(Node object, int depth) {
    holders_.insert(object.begin());
    if (depth == 2) return;
    for (Node m : object.named_children())
      if (m.type() == "pair")
        if (Node v = unwrap(m.field("value")); v.type() == "object") add_holder(v, depth + 1);
  }

  void read_set_data(Node call) {
    Node fn = unwrap(call.field("function"));
    if (fn.type() != "member_expression" || fn.field("property").text() != "setData") return;
    Target t = ev_.resolve(fn.field("object"));
    if (t.kind != Target::Kind::self || !t.path.empty() || t.node.null() ||
        !holders_.count(t.node.begin()))
      return;
    if (Node object = ev_.object_of(call.field("arguments").named_child(0)); object)
      read_keys(object, false);
  }

  void read_keys(Node object, bool declared) {
    for (Node m : object.named_children()) {
      Node key = m.type() == "pair" ? m.field("key") : m;
      std::string root;
      if (m.type() == "pair")
        root = root_of_key(key);
      else if (m.type() == "shorthand_property_identifier")
        root = std::string(m.text());
      if (!root.empty()) found_.push_back({root, declared, ev_.loc(key)});
    }
  }

  // 'list[0].x' → list; [`list[${i}].x`] → list; [KEY] with a known KEY; else "".
  std::string root_of_key(Node key) {
    std::string name = property_name(key);
    if (name.empty() && key.type() == "computed_property_name") {
      FlowString s = ev_.string_of(key.named_child(0));
      name = known_prefix(s);
      bool whole = std::all_of(s.parts.begin(), s.parts.end(),
                               [](const FlowPart& p) { return p.kind == FlowPart::Kind::text; });
      if (!whole && name.find_first_of(".[") == std::string::npos) return "";
    }
    return root_of(name);
  }

  // Per key: its first declaration and its first setData, in document order.
  void first_occurrences() {
    std::stable_sort(found_.begin(), found_.end(), [](const DataKey& a, const DataKey& b) {
      return a.at.range.begin < b.at.range.begin;
    });
    std::set<std::pair<std::string, bool>> seen;
    for (DataKey& k : found_)
      if (seen.insert({k.key, k.declared}).second) out_.keys.push_back(std::move(k));
  }

  const Evaluator& ev_;
  const flow::NodeIndex& index_;
  PageData out_;
  std::set<uint32_t> holders_;
  std::vector<DataKey> found_;
};

}  // namespace

PageData extract_page_data(const Evaluator& ev, const flow::NodeIndex& index) {
  return PageDataReader(ev, index).run();
}

}  // namespace mplint
