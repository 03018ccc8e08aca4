#include "analyzer/js_util.h"

#include <algorithm>

namespace mplint::js {

bool string_value(Node n, std::string* out) {
  if (n.type() == "string" || (n.type() == "template_string" && n.named_child_count() == 0)) {
    std::string_view t = n.text();
    if (t.size() < 2) return false;
    *out = std::string(t.substr(1, t.size() - 2));
    return true;
  }
  return false;
}

Node unwrap(Node n) {
  while (!n.null()) {
    std::string_view t = n.type();
    if (t == "parenthesized_expression" || t == "as_expression" || t == "satisfies_expression" ||
        t == "non_null_expression" || t == "type_assertion")
      n = n.named_child(t == "type_assertion" ? 1 : 0);
    else
      break;
  }
  return n;
}

std::string property_name(Node key) {
  std::string_view t = key.type();
  if (t == "property_identifier" || t == "identifier" || t == "private_property_identifier")
    return std::string(key.text());
  std::string s;
  if (string_value(key, &s)) return s;
  if (t == "number") return std::string(key.text());
  if (t == "computed_property_name" && string_value(unwrap(key.named_child(0)), &s)) return s;
  return "";  // computed key: unknown
}

bool object_keys(Node obj, std::set<std::string>* keys) {
  bool known = true;
  for (Node m : obj.named_children()) {
    std::string_view t = m.type();
    if (t == "pair" || t == "method_definition") {
      std::string name = property_name(m.field(t == "pair" ? "key" : "name"));
      if (name.empty())
        known = false;
      else
        keys->insert(name);
    } else if (t == "shorthand_property_identifier") {
      keys->insert(std::string(m.text()));
    } else if (t == "spread_element") {
      known = false;
    }
  }
  return known;
}

Node member_value(Node obj, std::string_view key) {
  for (Node m : obj.named_children()) {
    if (m.type() == "pair" && property_name(m.field("key")) == key) return unwrap(m.field("value"));
    if (m.type() == "method_definition" && property_name(m.field("name")) == key) return m;
    if (m.type() == "shorthand_property_identifier" && m.text() == key) return m;
  }
  return {};
}

bool is_function(Node n) {
  std::string_view t = n.type();
  return t == "function_declaration" || t == "function_expression" || t == "function" ||
         t == "arrow_function" || t == "method_definition" || t == "generator_function" ||
         t == "generator_function_declaration";
}

Node member_root(Node n, std::vector<std::string>* path) {
  std::vector<std::string> reversed;
  n = unwrap(n);
  while (n.type() == "member_expression" || n.type() == "subscript_expression") {
    if (n.type() == "member_expression") {
      reversed.push_back(std::string(n.field("property").text()));
    } else {
      std::string key;
      Node index = unwrap(n.field("index"));
      if (!string_value(index, &key) && index.type() != "number") return {};
      reversed.push_back(index.type() == "number" ? std::string(index.text()) : key);
    }
    n = unwrap(n.field("object"));
  }
  path->assign(reversed.rbegin(), reversed.rend());
  return n;
}

}  // namespace mplint::js
