// Small readings of JavaScript/TypeScript syntax trees shared by facts and the data flow.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "analyzer/syntax_tree.h"

namespace mplint::js {

/// The value of a string literal node without quotes (escapes are not decoded). A template
/// string without substitutions counts too.
bool string_value(Node n, std::string* out);

/// Strips parentheses and TypeScript wrappers (`x as any`, `<T>x`, `x!`, `x satisfies T`).
Node unwrap(Node n);

/// The name of an object key or method name node; "" for a computed key.
std::string property_name(Node key);

/// The value of `key` in an object literal (a method definition is its own value).
Node member_value(Node object, std::string_view key);

/// Collects the keys of an object literal. Returns false when some key cannot be known.
bool object_keys(Node object, std::set<std::string>* keys);

/// Whether the node starts a function scope: a function, arrow, method or generator.
bool is_function(Node n);

/// The member path of `a.b.c` / `a['b']` as its root node and names ("a", {"b","c"}); an
/// empty root when some step is computed.
Node member_root(Node n, std::vector<std::string>* path);

}  // namespace mplint::js
